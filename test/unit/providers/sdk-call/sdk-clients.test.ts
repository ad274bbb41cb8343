import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sdkClients } from '../../../../providers/sdk-call/sdk-clients.js';

const cwd = process.cwd();
let dir: string | undefined;
afterEach(() => {
  process.chdir(cwd);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A CommonJS client package only `require` can find: in the working directory's node_modules, as on NODE_PATH. */
function packageOnlyRequireFinds(): void {
  dir = mkdtempSync(join(tmpdir(), 'crkit-sdk-'));
  const root = join(dir, 'node_modules', '@aws-sdk', 'client-crkit-fake');
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: '@aws-sdk/client-crkit-fake', main: 'index.js' }),
  );
  writeFileSync(
    join(root, 'index.js'),
    [
      'class FakeClient { constructor(config) { this.config = config; } async send(c) { return { echoed: c.input }; } }',
      'class PingCommand { constructor(input) { this.input = input; } }',
      'module.exports = { FakeClient, PingCommand };',
    ].join('\n'),
  );
  process.chdir(dir);
}

describe('sdkClients', () => {
  it("finds a client package through require's resolution when import() cannot, as Lambda's NODE_PATH needs", async () => {
    packageOnlyRequireFinds();
    const signal = new AbortController().signal;

    const output = await sdkClients().send({
      service: 'crkit-fake',
      action: 'Ping',
      input: { n: 1 },
      signal,
    });

    expect(output).toEqual({ echoed: { n: 1 } });
  });
});
