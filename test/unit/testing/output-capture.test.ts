import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../src/testing/output-capture.js';

describe('captureOutput', () => {
  it('records console calls and direct writes to stdout and stderr in order, then puts the writers back', () => {
    const { log } = console;
    const { write } = process.stdout;

    const output = captureOutput();
    console.log('one %d', 1);
    process.stdout.write('two\n');
    process.stderr.write(Buffer.from('three\n'));
    console.error({ four: 4 });
    output.restore();
    output.restore();

    expect(output.text()).toBe('one 1\ntwo\nthree\n{ four: 4 }\n');
    expect(console.log).toBe(log);
    expect(process.stdout.write).toBe(write);
  });

  it('calls a write callback even when the output is swallowed, as a stream would', async () => {
    const output = captureOutput();
    const written = new Promise<void>((resolve) => process.stdout.write('x', () => resolve()));
    output.restore();

    await expect(written).resolves.toBeUndefined();
  });
});
