import { parseArgs } from 'node:util';
import { playLifecycle } from '../testing/lifecycle.js';
import type { LifecycleStep } from '../testing/lifecycle-steps.js';
import type { LifecycleTimeline } from '../testing/lifecycle-timeline.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { LIFECYCLE_HELP } from './help.js';
import type { CliIo } from './io.js';
import { parseCommandLine, parseJsonObject, readJsonFile } from './parse.js';
import { openProviderSession, PROVIDER_FLAGS } from './provider-session.js';
import { stackEventPrinter } from './stack-events.js';
import { UsageError } from './usage-error.js';

const FLAGS = {
  ...PROVIDER_FLAGS,
  properties: { type: 'string' },
  update: { type: 'string' },
  replace: { type: 'string' },
  steps: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>['values'];

async function stepsFrom(values: Values, cwd: string): Promise<LifecycleStep[]> {
  if (values.steps !== undefined) {
    const given = (['properties', 'update', 'replace'] as const).filter((flag) => values[flag] !== undefined);
    if (given.length > 0) {
      throw new UsageError(`--steps gives every step: drop ${given.map((flag) => `--${flag}`).join(', ')}`);
    }
    const steps = await readJsonFile('--steps', values.steps, cwd);
    if (!Array.isArray(steps)) {
      throw new UsageError(
        `--steps: ${values.steps} must hold an array such as [{"create":{...}}, "delete"]`,
      );
    }
    return steps as LifecycleStep[];
  }
  const create = values.properties === undefined ? {} : parseJsonObject('--properties', values.properties);
  return [
    { create },
    ...(values.update === undefined
      ? []
      : [{ update: parseJsonObject('--update', values.update), expect: 'in-place' as const }]),
    ...(values.replace === undefined
      ? []
      : [{ update: parseJsonObject('--replace', values.replace), expect: 'replacement' as const }]),
    'delete' as const,
  ];
}

/** Prints the end of a timeline: how many requests, and every problem. */
export function printSummary(timeline: LifecycleTimeline, io: CliIo, label = 'lifecycle'): void {
  const total = timeline.entries.reduce((sum, entry) => sum + entry.durationMs, 0);
  const count = `${timeline.entries.length} request${timeline.entries.length === 1 ? '' : 's'}`;
  if (timeline.ok) {
    io.out(
      `${io.paint('green', '✓')} ${label}: ${count}, each answered as CloudFormation needs (${total} ms)\n`,
    );
    return;
  }
  io.out(`${io.paint('red', '✗')} ${label}: ${count}, ${timeline.problems.length} problem(s):\n`);
  for (const problem of timeline.problems) io.out(`  - ${problem}\n`);
}

/** `crkit lifecycle <module>`: plays create, updates and delete, printed like CloudFormation's stack events. */
export async function runLifecycle(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandLine(
    'lifecycle',
    () => parseArgs({ args, options: FLAGS, allowPositionals: true, strict: true }),
    Object.keys(FLAGS),
  );
  if (values.help) {
    io.out(LIFECYCLE_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`expected one <module>, got ${positionals.join(' ')}`);
  const steps = await stepsFrom(values, io.cwd);
  const session = await openProviderSession('lifecycle', positionals[0], values, io);
  try {
    io.out(`crkit lifecycle: ${session.header}\n\n`);
    const timeline = await playLifecycle(session.loaded.target, {
      ...session.connect,
      steps,
      resourceType: session.resourceType,
      ...(values['logical-id'] === undefined ? {} : { logicalResourceId: values['logical-id'] }),
      ...(values['stack-id'] === undefined ? {} : { stackId: values['stack-id'] }),
      onProgress: stackEventPrinter((line) => io.out(`${line}\n`), io.paint),
    });
    io.out('\n');
    printSummary(timeline, io);
    return timeline.ok ? EXIT.ok : EXIT.failed;
  } finally {
    await session.aws.stop();
  }
}
