import { expect } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';

/** The ConfigurationError `build` throws: the option it names and its message. Fails when it throws anything else. */
export function refusal(build: () => unknown): { option: string; message: string } {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const { option, message } = error as ConfigurationError;
    return { option, message };
  }
  throw new Error('expected a ConfigurationError, and nothing was thrown');
}
