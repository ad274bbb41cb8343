/**
 * `npm test`: every check, each step's time, and one exit code. First the steps that only compile or read code,
 * side by side (Biome, the whole project's type check, the build, the documented examples' check: three runs of
 * TypeScript 7's native compiler on two cores, publint after the build), their output held back and printed as each
 * ends. Then the tests that wait on the real clock (`realtime`), alone, since a deadline test needs the CPU it asks
 * for; then the other tiers, two workers side by side.
 */
import { spawn } from 'node:child_process';

interface Step {
  readonly name: string;
  readonly command: readonly string[];
}

interface Outcome {
  readonly name: string;
  readonly ok: boolean;
  readonly seconds: number;
}

/** Runs one step; `quiet` holds its output back until it ends, so that steps side by side do not interleave. */
function run({ name, command }: Step, quiet: boolean): Promise<Outcome> {
  const started = performance.now();
  const [program = '', ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    const end = (ok: boolean) => {
      const seconds = (performance.now() - started) / 1000;
      if (quiet) process.stdout.write(Buffer.concat(output));
      console.log(`${ok ? '✓' : '✗'} ${name} (${seconds.toFixed(1)} s)`);
      resolve({ name, ok, seconds });
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`${String(error)}\n`));
      end(false);
    });
    child.on('close', (code) => end(code === 0));
  });
}

/** The vitest projects (vitest.config.ts) that run side by side; `realtime` runs alone before them, `package` beside. */
const TIERS = ['unit', 'types', 'cdk', 'integration'];
const projects = (tiers: readonly string[]) => tiers.flatMap((tier) => ['--project', tier]);
const started = performance.now();
const outcomes: Outcome[] = [];
const phases: readonly (readonly Step[])[] = [
  [
    { name: 'biome', command: ['npx', 'biome', 'check', '.'] },
    // The whole project, the constructs' type tests (test/cdk/*.test-d.ts) among its files: tsc fails on any error.
    { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
    // publint reads the build's export map.
    { name: 'build, publint', command: ['sh', '-c', 'npm run --silent build && npx publint --strict'] },
    { name: 'docs:check', command: ['npm', 'run', '--silent', 'docs:check'] },
  ],
  [
    {
      name: 'realtime tests',
      // Four workers on two cores: these tests mostly wait (under 10 s of CPU in 40 s run one by one).
      command: ['npx', 'vitest', 'run', ...projects(['realtime']), '--maxWorkers=4'],
    },
  ],
  // vitest runs one tier's files after another's: the package tier (one file, 20-30 s, TypeScript 5.9 checking users'
  // project shapes and a CDK synth) ran last, mostly alone. In a run of its own it overlaps the other tiers.
  [
    { name: 'tests', command: ['npx', 'vitest', 'run', ...projects(TIERS), '--maxWorkers=2'] },
    { name: 'package tests', command: ['npx', 'vitest', 'run', ...projects(['package'])] },
  ],
];
for (const steps of phases) {
  outcomes.push(...(await Promise.all(steps.map((step) => run(step, steps.length > 1)))));
  if (outcomes.some((outcome) => !outcome.ok)) break;
}
const total = ((performance.now() - started) / 1000).toFixed(1);
const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.name);
console.log(
  `\n${failed.length === 0 ? '✓ npm test' : `✗ npm test: ${failed.join(', ')} failed`} in ${total} s (` +
    `${outcomes.map((outcome) => `${outcome.name} ${outcome.seconds.toFixed(1)} s`).join(', ')})`,
);
process.exit(failed.length === 0 ? 0 : 1);
