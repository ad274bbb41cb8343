import { format } from 'node:util';
import { checkCaptureOptions } from './kit-options.js';

/** Output written while a capture was on. */
export interface OutputCapture {
  /** Everything written to standard output, standard error and the console, in order. */
  text(): string;
  /** Puts the original writers back; calling it again is harmless. */
  restore(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Records what the process writes to `process.stdout`, `process.stderr` and `console` until `restore()`, so that a
 * test can assert on it (for example that no ResponseURL signature was logged). Test runners replace `console`,
 * hence both are patched. Output is swallowed unless `passThrough` is set.
 *
 * @example
 * ```ts
 * import { captureOutput } from 'crkit/testing';
 * const output = captureOutput();
 * console.log('hello');
 * output.restore();
 * output.text(); // 'hello\n'
 * ```
 */
export function captureOutput(options: { readonly passThrough?: boolean } = {}): OutputCapture {
  checkCaptureOptions(options);
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((stream) => stream.write);
  const consoleMethods = CONSOLE_METHODS.map((name) => console[name]);
  streams.forEach((stream, index) => {
    const original = writes[index] as typeof stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      if (options.passThrough)
        return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  });
  CONSOLE_METHODS.forEach((name, index) => {
    const original = consoleMethods[index] as (...args: unknown[]) => void;
    console[name] = (...args: unknown[]) => {
      chunks.push(`${format(...args)}\n`);
      if (options.passThrough) original.apply(console, args);
    };
  });
  let restored = false;
  return {
    text: () => chunks.join(''),
    restore: () => {
      if (restored) return;
      restored = true;
      streams.forEach((stream, index) => {
        stream.write = writes[index] as typeof stream.write;
      });
      CONSOLE_METHODS.forEach((name, index) => {
        console[name] = consoleMethods[index] as (typeof console)[typeof name];
      });
    },
  };
}
