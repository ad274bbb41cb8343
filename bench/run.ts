// `npm run bench`: every suite, printed as markdown and written to bench/results.md (see bench/README.md).
// Options: --only=SUITE[,SUITE...] (cold-start, cognito, pieces, invocations, hang, warm, long-running,
// sqs-batch, local-aws; and candidates and instructions, run only when named), --runs=N (cold-start processes per
// row, 20), --cognito-runs=N (10), --piece-runs=N (12), --hang-runs=N (3), --warm-rounds=N (3),
// --warm-events=N (300), --lr-jobs=N (30), --sqs-batches=N (8), --local-aws-runs=N (5), --instruction-runs=N (3),
// --node=PATH (the Node binary of every measured process; default the bench's own), --out=FILE (bench/results.md).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CANDIDATE_BUNDLES, CANDIDATE_VARIANTS } from './cold-start/candidates.js';
import { COGNITO_BUNDLES, COGNITO_NOTES, COGNITO_VARIANTS } from './cold-start/cognito/variants.js';
import { runColdStartSuite } from './cold-start/cold-start-suite.js';
import { formatColdStart } from './cold-start/format-cold-start.js';
import { startHarness } from './cold-start/harness.js';
import { formatPieces, PIECES, runPiecesSuite } from './cold-start/pieces-suite.js';
import { BUNDLES, VARIANTS } from './cold-start/variants.js';
import { formatHang, runHangSuite } from './hang/hang-suite.js';
import { formatInstructions, runInstructionsSuite } from './instructions/instructions-suite.js';
import { formatInvocations, runInvocationsSuite } from './invocations/invocations-suite.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { childNodeVersion, useChildNode } from './lib/run-child.js';
import { formatLocalAws, runLocalAwsSuite } from './local-aws/local-aws-suite.js';
import { formatLongRunning, runLongRunningSuite } from './long-running/long-running-suite.js';
import { formatSqsBatch, runSqsBatchSuite } from './sqs-batch/sqs-batch-suite.js';
import { formatWarm, runWarmSuite } from './warm/warm-suite.js';

const SUITES = [
  'cold-start',
  'cognito',
  'pieces',
  'invocations',
  'hang',
  'warm',
  'long-running',
  'sqs-batch',
  'local-aws',
  'candidates',
  'instructions',
] as const;
/** Suites run only when `--only` names them. */
const OPT_IN: readonly string[] = ['candidates', 'instructions'];
const COUNTS = {
  runs: '20',
  'cognito-runs': '10',
  'piece-runs': '12',
  'hang-runs': '3',
  'warm-rounds': '3',
  'warm-events': '300',
  'lr-jobs': '30',
  'sqs-batches': '8',
  'local-aws-runs': '5',
  'instruction-runs': '3',
} as const;
const { values } = parseArgs({
  options: {
    ...Object.fromEntries(
      Object.entries(COUNTS).map(([name, value]) => [name, { type: 'string', default: value } as const]),
    ),
    only: { type: 'string' },
    out: { type: 'string' },
    node: { type: 'string' },
  },
});
const count = (name: keyof typeof COUNTS): number => {
  // parseArgs types options built from COUNTS loosely; every one of them is a string with a default.
  const value = Number((values as Record<string, string | undefined>)[name]);
  if (!(Number.isInteger(value) && value >= 1)) throw new Error(`--${name}: expected an integer >= 1`);
  return value;
};
const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(SUITES as readonly string[]).includes(name)) ?? [];
if (unknown.length > 0) {
  throw new Error(`--only: unknown suite ${unknown.join(', ')}; choose from ${SUITES.join(', ')}`);
}
const selected = (suite: (typeof SUITES)[number]) => (only ? only.includes(suite) : !OPT_IN.includes(suite));
if (values.node) useChildNode(values.node);
const children = childNodeVersion();
const log = (line: string) => process.stderr.write(`${line}\n`);
const args = process.argv.slice(2);
const command = ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' ');
const started = new Date();
const loadBefore = loadAverage();

const workdir = await mkdtemp(join(tmpdir(), 'crkit-bench-'));
const harness = await startHarness(workdir);
const sections: string[] = [];
const add = (title: string, body: string) => {
  sections.push(`## ${title}`, '', body, '');
  log(`${title}: done (load ${loadAverage() ?? 'n/a'})`);
};
try {
  if (selected('cold-start')) {
    const result = await runColdStartSuite({
      harness,
      workdir,
      bundles: BUNDLES,
      variants: VARIANTS,
      runs: count('runs'),
      log,
    });
    add('Cold start of a provider Lambda', formatColdStart(result));
  }
  if (selected('cognito')) {
    const result = await runColdStartSuite({
      harness,
      workdir,
      bundles: COGNITO_BUNDLES,
      variants: COGNITO_VARIANTS,
      runs: count('cognito-runs'),
      log,
    });
    add(
      'Cold start of the Cognito test-user provider',
      formatColdStart({ ...result, notes: [...result.notes, ...COGNITO_NOTES] }),
    );
  }
  if (selected('candidates')) {
    const result = await runColdStartSuite({
      harness,
      workdir,
      bundles: CANDIDATE_BUNDLES,
      variants: CANDIDATE_VARIANTS,
      runs: count('runs'),
      log,
    });
    add('Cold start with proposed core changes', formatColdStart(result));
  }
  if (selected('instructions')) {
    const rows = await runInstructionsSuite({ harness, workdir, runs: count('instruction-runs'), log });
    add('Cold start counted in instructions', formatInstructions(rows));
  }
  if (selected('pieces')) {
    const pieces = await runPiecesSuite({ harness, workdir, pieces: PIECES, runs: count('piece-runs'), log });
    add('What a cold start is made of', formatPieces(pieces));
  }
  if (selected('invocations')) {
    add(
      'Lambda invocations per request',
      formatInvocations(await runInvocationsSuite({ harness, workdir, log })),
    );
  }
  if (selected('hang')) {
    const result = await runHangSuite({ harness, workdir, runs: count('hang-runs'), log });
    add('Time to answer when the handler hangs', formatHang(result));
  }
  if (selected('warm')) {
    const result = await runWarmSuite({
      harness,
      workdir,
      rounds: count('warm-rounds'),
      events: count('warm-events'),
      concurrency: [1, 8],
      log,
    });
    add('Warm per-event cost over https', formatWarm(result));
  }
  if (selected('long-running')) {
    const result = await runLongRunningSuite({
      harness,
      workdir,
      jobs: count('lr-jobs'),
      windowMs: [1000, 6000],
      log,
    });
    add('Long-running completion-detection delay', formatLongRunning(result));
  }
  if (selected('sqs-batch')) {
    const result = await runSqsBatchSuite({
      harness,
      workdir,
      batches: count('sqs-batches'),
      waitMs: [50, 100],
      log,
    });
    add('SQS batch throughput', formatSqsBatch(result));
  }
  if (selected('local-aws')) {
    add(
      'Local AWS emulator start',
      formatLocalAws(await runLocalAwsSuite({ runs: count('local-aws-runs') })),
    );
  }
} finally {
  await harness.close();
  await rm(workdir, { recursive: true, force: true });
}

const seconds = ((Date.now() - started.getTime()) / 1000).toFixed(0);
const header = [
  '# crkit benchmarks',
  '',
  `- Date: ${started.toISOString()}`,
  `- Machine: ${describeMachine()}; measured processes run Node ${children}${values.node ? ` (\`${values.node}\`)` : ''}`,
  `- Load average (1 min) before / after: ${loadBefore ?? 'n/a'} / ${loadAverage() ?? 'n/a'} ` +
    '(other work on the machine inflates every figure)',
  `- Command: \`${command}\` (${seconds} s)`,
  "- Bundles: crkit's providers as crkit's constructs bundle them (`src/bundling/provider-build.ts`: esbuild, ESM, " +
    'code splitting, the zod namespace plugin, minified, target node22, `@aws-sdk/*` external); the others as CDK ' +
    "NodejsFunction's defaults bundle them (CJS, minified); each cold-start row is a fresh `node` process. How each " +
    'table is made: bench/README.md.',
  '',
];
const text = `${[...header, ...sections].join('\n').trimEnd()}\n`;
console.log(text);
await writeFile(values.out ?? new URL('./results.md', import.meta.url), text);
