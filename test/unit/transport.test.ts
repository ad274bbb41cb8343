import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../src/errors.js';
import { createJsonLogger } from '../../src/logger.js';
import {
  loadUndici,
  UNDICI_FALLBACK_WARNING,
  undiciFrom,
  warnIfUndiciFails,
} from '../../src/response/transport.js';

/** crkit's default logger at its default level, writing into `lines`. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({ level: 'warn', write: (line) => lines.push(JSON.parse(line)) });
  return { lines, logger };
}

describe("the default transport's undici", () => {
  it("loads through undici's public entry, with the pool crkit sends on", async () => {
    const { Pool } = await loadUndici();

    expect(typeof Pool).toBe('function');
    expect(typeof Pool.prototype.request).toBe('function');
  });

  it('takes the pool from a bundled CommonJS module, whose names are on default', async () => {
    const { Pool } = await loadUndici();

    expect(undiciFrom({ default: { Pool } }).Pool).toBe(Pool);
  });

  it('refuses an undici without its public Pool, saying what crkit needs', () => {
    expect(() => undiciFrom({})).toThrow(EnvironmentError);
    expect(() => undiciFrom({ default: {} })).toThrow(
      "undici loaded without Pool or Pool.prototype.request: crkit needs undici 7's public API (npm ls undici)",
    );
  });
});

describe('when undici cannot load', () => {
  it('warns once through the configured logger that answers go through node:https, saying why', async () => {
    const { lines, logger } = capturingLogger();

    await warnIfUndiciFails(
      Promise.reject(new Error('Dynamic require of "node:assert" is not supported')),
      logger,
    );

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        message:
          'crkit: undici could not load, so responses are sent through node:https (one connection each, no keep-alive pool)',
        error: 'Error: Dynamic require of "node:assert" is not supported',
      }),
    ]);
    expect(UNDICI_FALLBACK_WARNING).toBe(lines[0]?.message);
  });

  it('says nothing when undici loads', async () => {
    const { lines, logger } = capturingLogger();

    await warnIfUndiciFails(loadUndici(), logger);

    expect(lines).toEqual([]);
  });
});
