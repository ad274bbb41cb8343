// Lambda invocations per request for each tool, for a short request and for operations that are ready 60 s and
// 10 minutes after they start.
import type { Harness } from '../cold-start/harness.js';
import { detectReadiness, fixedSchedule } from '../lib/polling-schedule.js';
import { markdownTable } from '../lib/table.js';
import { countLambdaInvocations, countSqsInvocations, type InvocationCount } from './crkit-invocations.js';
import { countFrameworkInvocations, type FrameworkCount } from './framework-invocations.js';

/** When each scenario's operation is ready, after its request started; 0 is a request create answers at once. */
export const READY_AFTER_MS = [0, 60_000, 600_000] as const;
/** crkit's CDK constructs give the provider function 5 minutes (src/cdk/provider-function.ts). */
const CRKIT_LAMBDA_TIMEOUT_MS = 300_000;
const SQS_BATCH = 10;
// CDK's waiter: the first check when the execution starts, then every queryInterval (default 5 s) with BackoffRate 1
// (aws-cdk-lib custom-resources/lib/provider-framework/util.js calculateRetryPolicy, waiter-state-machine.js).
const CDK_WAITER = fixedSchedule(0, 5_000);
// crhelper: no check in the first invocation; a rule `rate(2 minutes)` (polling_interval, in minutes, default 2)
// re-invokes the function (crhelper/resource_helper.py _put_rule; its README, "Polling"); EventBridge starts a rate
// schedule when the rule is created (EventBridge User Guide, "Rate expressions").
const CRHELPER_POLLS = fixedSchedule(120_000, 120_000);

/** One row of the table: a tool and its cost in each scenario. */
export interface InvocationRow {
  readonly tool: string;
  readonly cells: readonly string[];
  readonly perCheck: string;
  readonly source: string;
}

/** Everything the invocations suite found. */
export interface InvocationsResult {
  readonly rows: readonly InvocationRow[];
  readonly problems: readonly string[];
}

const checks = (n: number) => `${n} check${n === 1 ? '' : 's'}`;

function lambdaCell(count: InvocationCount): string {
  if (count.checks === 0) return String(count.invocations);
  const handOvers = count.handOvers > 0 ? `, ${count.handOvers} hand-overs` : '';
  return `${count.invocations} (${checks(count.checks)} in-process${handOvers})`;
}

function sqsCell(count: InvocationCount): string {
  const perRequest = (count.invocations / count.requests).toFixed(1);
  const requeued = count.handOvers > 0 ? `, ${count.handOvers} re-queued messages` : '';
  return `${perRequest} (${count.invocations} for ${count.requests} requests${requeued})`;
}

function frameworkCell(count: FrameworkCount): string {
  const parts = `${count.frameworkInvocations} framework + ${count.userInvocations} user`;
  return `${count.invocations} (${parts}${count.checks > 0 ? `; ${checks(count.checks)}` : ''})`;
}

function crhelperCell(readyMs: number): string {
  if (readyMs === 0) return '1';
  const polls = detectReadiness(readyMs, CRHELPER_POLLS).checks;
  return `${1 + polls} (${polls} poll${polls === 1 ? '' : 's'})`;
}

/** Runs crkit's handlers on a simulated clock and CDK's framework against a fake Lambda API, and counts. */
export async function runInvocationsSuite(options: {
  readonly harness: Harness;
  readonly workdir: string;
  readonly log: (line: string) => void;
}): Promise<InvocationsResult> {
  const problems: string[] = [];
  const lambda: InvocationCount[] = [];
  const sqs: InvocationCount[] = [];
  const framework: (FrameworkCount | undefined)[] = [];
  // The framework answers on port 443 whatever the URL says.
  const frameworkRuns = options.harness.httpsOn443;
  for (const readyAfterMs of READY_AFTER_MS) {
    const scenario = { readyAfterMs, lambdaTimeoutMs: CRKIT_LAMBDA_TIMEOUT_MS };
    lambda.push(await countLambdaInvocations(scenario));
    sqs.push(await countSqsInvocations(scenario, SQS_BATCH));
    const cdkChecks = readyAfterMs === 0 ? undefined : detectReadiness(readyAfterMs, CDK_WAITER).checks;
    framework.push(
      frameworkRuns
        ? await countFrameworkInvocations(options.harness, options.workdir, cdkChecks)
        : undefined,
    );
    options.log(`invocations: ready after ${readyAfterMs / 1000} s counted`);
  }
  for (const [name, counts] of [
    ['crkit lambdaHandler', lambda],
    ['crkit sqsHandler', sqs],
    ['CDK Provider framework', framework],
  ] as const) {
    if (counts.some((count) => count && !count.answered)) {
      problems.push(`${name}: a request was not answered SUCCESS once`);
    }
  }
  const na = '— (no completion checks)';
  const rows: InvocationRow[] = [
    {
      tool: 'crkit lambdaHandler (5-min function timeout)',
      cells: lambda.map(lambdaCell),
      perCheck: '0 (checks run in the invocation); +1 per hand-over, each (timeout − margin)',
      source: 'measured: crkit code on a simulated clock',
    },
    {
      tool: `crkit sqsHandler (${SQS_BATCH} requests in one batch)`,
      cells: sqs.map(sqsCell),
      perCheck: '0; +1 per batch of re-queued continuations',
      source: 'measured: crkit code on a simulated clock',
    },
    {
      tool: 'CDK Provider framework (queryInterval 5 s)',
      cells: framework.map((count) =>
        count ? frameworkCell(count) : 'not run: port 443 could not be bound',
      ),
      perCheck: '2 (framework isComplete + user isComplete)',
      source: 'measured: framework code, fake Lambda API; checks from its waiter schedule',
    },
    {
      tool: 'AwsCustomResource',
      cells: ['1', na, na],
      perCheck: 'n/a',
      source: 'its handler: one SDK call per invocation',
    },
    {
      tool: 'cfn-response (hand-written handler)',
      cells: ['1', '1 if the handler waits in-process', '1 if the handler waits in-process (≤ 15 min)'],
      perCheck: 'n/a (no hand-over)',
      source: 'by construction',
    },
    {
      tool: 'crhelper (polling_interval 2 min)',
      cells: READY_AFTER_MS.map(crhelperCell),
      perCheck: '1 (one re-invocation per poll)',
      source: 'documented; not run: PyPI unreachable',
    },
  ];
  return { rows, problems };
}

/** The invocations table in markdown, with how each figure was obtained. */
export function formatInvocations(result: InvocationsResult): string {
  const headers = [
    'tool',
    'short request',
    'ready after 60 s',
    'ready after 10 min',
    'per completion check',
    'how obtained',
  ];
  const rows = result.rows.map((row) => [row.tool, ...row.cells, row.perCheck, row.source]);
  return [
    markdownTable(headers, rows),
    '',
    'Lambda invocations per request (all functions together); "checks" are completion checks (isComplete or poll ' +
      'calls). crkit holds its invocation open while it waits, so its billed Lambda time is about the time to ' +
      'readiness; the framework bills two short invocations and a Step Functions retry per check; crhelper one ' +
      'invocation per poll, and before answering a Delete it sleeps `sleep_on_delete` (120 s by default) when the ' +
      'invocation has that long left (resource_helper.py `_wait_for_cwlogs`).',
    ...result.problems.map((problem) => `\n- PROBLEM: ${problem}`),
  ].join('\n');
}
