import { relative } from 'node:path';
import type { LocalAws } from '../testing/local-aws.js';
import type { SetupContext } from '../testing/setup-context.js';
import { importModule, locate } from './load-provider.js';
import { UsageError } from './usage-error.js';

/**
 * Runs the `--setup` module before the provider loads: its default export (or `setup` export), a function that
 * prepares what the provider needs, such as the bucket the quick start writes to. AWS SDK clients it makes reach the
 * emulator with `--local`, through the environment.
 *
 * @throws {UsageError} when the module exports no such function.
 */
export async function runSetup(path: string, cwd: string, aws: LocalAws | undefined): Promise<void> {
  const file = await locate(path, cwd);
  const module = await importModule(file);
  const setup = module.default ?? module.setup;
  if (typeof setup !== 'function') {
    throw new UsageError(
      `--setup ${path}: ${relative(cwd, file) || file} must export a function as default (or as \`setup\`), ` +
        'e.g. export default async function setup() { ... }',
    );
  }
  const context: SetupContext = { aws };
  await setup(context);
}
