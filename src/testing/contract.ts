import { ConfigurationError } from '../errors.js';
import { type ConnectProviderOptions, openProvider } from './connect-provider.js';
import { type ContractCheck, runContractChecks } from './contract-checks.js';
import { checkContractOptions } from './kit-options.js';
import type { PropertiesOf } from './lifecycle-steps.js';
import type { LifecycleEntry } from './lifecycle-timeline.js';
import { captureOutput } from './output-capture.js';
import type { ProviderTarget } from './provider-target.js';
import { stackSession } from './stack-session.js';

/**
 * What {@link checkContract} sends: valid properties, and optionally the properties of an update in place and of an
 * update that replaces the resource.
 *
 * @example
 * ```ts
 * import type { ContractOptions } from 'crkit/testing';
 * const options: ContractOptions<{ Name: string; Size?: string }> = {
 *   properties: { Name: 'a' },
 *   update: { Name: 'a', Size: '2' },
 *   replacement: { Name: 'b' },
 * };
 * ```
 */
export interface ContractOptions<P> extends ConnectProviderOptions {
  /** Properties a Create succeeds with. */
  readonly properties: P;
  /** Properties an Update applies in place (the same physical id). @default no update in place is checked */
  readonly update?: P;
  /** Properties whose Update replaces the resource (a new physical id). @default no replacement is checked */
  readonly replacement?: P;
  /**
   * Properties a Create fails with. @default each property of `properties` replaced by an object, which most schemas
   * reject; when the Create succeeds anyway, that check is reported as skipped
   */
  readonly invalidProperties?: Record<string, unknown>;
  /** @default the definition's resource type; required for a handler function */
  readonly resourceType?: string;
  /** @default a new stack ARN in account 123456789012 */
  readonly stackId?: string;
  /** @default 'Resource' */
  readonly logicalResourceId?: string;
  /**
   * Whether the resource a physical id names still exists (asked of the emulator or a mocked client), so that the
   * report names what a Delete left behind. @default not checked
   */
  readonly exists?: (physicalResourceId: string) => Promise<boolean>;
}

/** What {@link checkContract} found. */
export interface ContractReport {
  /** Every check passed (skipped ones aside). */
  readonly ok: boolean;
  readonly checks: readonly ContractCheck[];
  /** Each problem as `<check>: <problem>`; `expect(report.violations).toEqual([])` shows them all. */
  readonly violations: readonly string[];
  /** Every request sent, in order, as in a lifecycle timeline. */
  readonly entries: readonly LifecycleEntry[];
}

/**
 * Checks that a provider keeps CloudFormation's contract: delete is idempotent, a duplicated Create gives the same
 * id, a Delete after a failed Create succeeds, a Delete of an id CloudFormation made up succeeds, a Delete after a
 * schema change still deletes (and, with `exists`, nothing is left behind), an update keeps the id unless it replaces, every response fits in
 * 4096 bytes and is the only one for its request, and no ResponseURL credential reaches stdout, stderr, the console,
 * crkit's logger or a response. Works with any test runner; it never throws for a violation.
 *
 * @throws {ConfigurationError} when an option is unknown (naming the one it resembles) or its value is wrong.
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource } from 'crkit';
 * import { checkContract } from 'crkit/testing';
 *
 * const Greeting = defineResource({
 *   resourceType: 'Custom::Greeting',
 *   properties: z.object({ Name: z.string() }),
 *   create: () => {},
 *   update: () => {},
 *   delete: () => {},
 * });
 * const report = await checkContract(Greeting, { properties: { Name: 'a' }, update: { Name: 'b' } });
 * report.violations; // []
 * ```
 */
export async function checkContract<T extends ProviderTarget>(
  target: T,
  options: ContractOptions<PropertiesOf<T>>,
): Promise<ContractReport> {
  checkContractOptions(options);
  const output = captureOutput();
  const provider = await openProvider(target, options).catch((error: unknown) => {
    output.restore();
    throw error;
  });
  try {
    const resourceType = options.resourceType ?? provider.resourceType;
    if (!resourceType) {
      throw new ConfigurationError('resourceType', 'a handler function does not say what it serves: pass it');
    }
    const stack = { resourceType, stackId: options.stackId, logicalResourceId: options.logicalResourceId };
    const session = stackSession(provider, stack);
    const properties = options.properties as Record<string, unknown>;
    const checks = await runContractChecks(session, provider, {
      properties,
      update: options.update as Record<string, unknown> | undefined,
      replacement: options.replacement as Record<string, unknown> | undefined,
      invalidProperties: options.invalidProperties ?? invalidVersionOf(properties),
      output: () => output.text(),
      exists: options.exists,
    });
    const violations = checks.flatMap((check) =>
      check.problems.map((problem) => `${check.name}: ${problem}`),
    );
    return { ok: violations.length === 0, checks, violations, entries: session.entries };
  } finally {
    output.restore();
    await provider.close();
  }
}

function invalidVersionOf(properties: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(properties);
  return Object.fromEntries(
    (keys.length > 0 ? keys : ['CrkitContract']).map((key) => [key, { crkitContract: 'not a valid value' }]),
  );
}
