import { CrkitError } from '../errors.js';

/** The command line cannot be run as given; the message says what to change (exit code 2). */
export class UsageError extends CrkitError {
  override name = 'UsageError';
}
