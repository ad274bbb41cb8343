// `npm run bench`: every suite, printed as markdown and written to bench/results.md.
// Options: --runs=N (cold-start processes per row, default 20), --piece-runs=N (default 12),
// --only=cold-start|pieces,
// --out=FILE (default bench/results.md).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runColdStartSuite } from './cold-start/cold-start-suite.js';
import { formatColdStart } from './cold-start/format-cold-start.js';
import { startHarness } from './cold-start/harness.js';
import { formatPieces, PIECES, runPiecesSuite } from './cold-start/pieces-suite.js';
import { BUNDLES, VARIANTS } from './cold-start/variants.js';
import { describeMachine, loadAverage } from './lib/machine.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    'piece-runs': { type: 'string', default: '12' },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});
const runs = Number(values.runs);
const pieceRuns = Number(values['piece-runs']);
const log = (line: string) => process.stderr.write(`${line}\n`);
const args = process.argv.slice(2);
const command = ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' ');
const started = new Date();
const loadBefore = loadAverage();

const workdir = await mkdtemp(join(tmpdir(), 'crkit-bench-'));
const harness = await startHarness(workdir);
const sections: string[] = [];
try {
  if (values.only !== 'pieces') {
    const result = await runColdStartSuite({
      harness,
      workdir,
      bundles: BUNDLES,
      variants: VARIANTS,
      runs,
      log,
    });
    sections.push('## Cold start of a provider Lambda', '', formatColdStart(result), '');
  }
  if (values.only !== 'cold-start') {
    const pieces = await runPiecesSuite({ harness, workdir, pieces: PIECES, runs: pieceRuns, log });
    sections.push('## What a cold start is made of', '', formatPieces(pieces), '');
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
  `- Machine: ${describeMachine()}`,
  `- Load average (1 min) before / after: ${loadBefore ?? 'n/a'} / ${loadAverage() ?? 'n/a'}`,
  `- Command: \`${command}\` (${seconds} s)`,
  '- Bundles: esbuild as CDK NodejsFunction bundles (platform node, target node22, CJS unless noted, minified, ' +
    '`@aws-sdk/*` external); each row is a fresh `node` process.',
  '',
];
const text = `${[...header, ...sections].join('\n').trimEnd()}\n`;
console.log(text);
await writeFile(values.out ?? new URL('./results.md', import.meta.url), text);
