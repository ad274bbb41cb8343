import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../src/errors.js';
import { loadUndici, undiciFrom } from '../../src/response/transport.js';

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
