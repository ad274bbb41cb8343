/**
 * The base of every error crkit throws. Each subclass sets `name` and carries the context a user needs to fix the
 * cause; `cause` (from `ErrorOptions`) keeps the underlying error.
 *
 * @example
 * ```ts
 * import { CrkitError } from 'crkit';
 * try {
 *   JSON.parse('{');
 * } catch (cause) {
 *   throw new CrkitError('the file is not JSON: fix its syntax', { cause });
 * }
 * ```
 */
export class CrkitError extends Error {
  override name = 'CrkitError';
}

/** An option given to crkit is invalid; `option` names it. */
export class ConfigurationError extends CrkitError {
  override name = 'ConfigurationError';
  constructor(
    readonly option: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${option}: ${message}`, options);
  }
}

/** One property that failed validation: where it is and what was wrong, in words a reader can act on. */
export interface PropertyIssue {
  /** Where the property is, e.g. `ResourceProperties.Ttl`. */
  readonly path: string;
  /** What was expected and what arrived, e.g. `expected an integer, got "abc"`. */
  readonly message: string;
}

/** Resource properties (or a whole request) that do not match their schema; `issues` lists each one. */
export class ValidationError extends CrkitError {
  override name = 'ValidationError';
  constructor(
    readonly issues: readonly PropertyIssue[],
    options?: ErrorOptions & { readonly resourceType?: string },
  ) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), options);
    this.resourceType = options?.resourceType;
  }
  readonly resourceType: string | undefined;
}

/** A handler did not finish before its deadline; `requestType` says which one. */
export class DeadlineError extends CrkitError {
  override name = 'DeadlineError';
}

/** A local tool crkit needs (for example the AWS emulator `moto_server`) is missing or failed to start. */
export class EnvironmentError extends CrkitError {
  override name = 'EnvironmentError';
}
