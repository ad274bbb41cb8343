import { createS3ResponseBucket } from '../../testing/s3-responses.js';
import { prepareAws } from '../aws-target.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { fitToWidth } from '../fit-width.js';
import type { CliIo } from '../io.js';
import { azScenario } from './az-scenario.js';
import { cognitoScenario } from './cognito-scenario.js';
import { dnsScenario } from './dns-scenario.js';
import type { DemoContext, ScenarioResult } from './scenario.js';

const SCENARIOS: readonly {
  readonly title: string;
  readonly run: (context: DemoContext) => Promise<ScenarioResult>;
}[] = [
  { title: 'Cognito test user (Lambda-backed): a CONFIRMED user and its secret', run: cognitoScenario },
  {
    title: 'Availability-zone id mapping (Lambda-backed), with a failed update rolled back',
    run: azScenario,
  },
  {
    title: 'Cross-account DNS record (SNS-backed): an SNS topic and SQS queue across two accounts',
    run: dnsScenario,
  },
];

function summarise(results: readonly ScenarioResult[], seconds: string, io: CliIo): boolean {
  io.out(`\n${io.paint('bold', 'Summary')}\n`);
  let requests = 0;
  let verified = 0;
  let failures = 0;
  for (const result of results) {
    const count = result.timelines.reduce((sum, timeline) => sum + timeline.entries.length, 0);
    const problems = result.timelines.flatMap((timeline) => timeline.problems);
    const wrong = result.verifications.filter((verification) => !verification.ok);
    requests += count;
    verified += result.verifications.length - wrong.length;
    failures += problems.length + wrong.length;
    const ok = problems.length === 0 && wrong.length === 0;
    const mark = ok ? io.paint('green', '✓') : io.paint('red', '✗');
    const answered =
      problems.length === 0 ? 'answered as CloudFormation needs' : `${problems.length} problem(s)`;
    const checked = `${result.verifications.length - wrong.length}/${result.verifications.length}`;
    io.out(
      `  ${mark} ${result.title.padEnd(30)} ${String(count).padStart(2)} requests ${answered}, ${checked} outcomes verified in the emulator\n`,
    );
    for (const problem of problems) io.out(`      - ${problem}\n`);
    for (const verification of wrong) io.out(`      - ${verification.what}: ${verification.detail}\n`);
  }
  const line = `${results.length} providers, ${requests} requests, ${verified} outcomes verified, in ${seconds} s`;
  io.out(
    failures === 0
      ? `\n${io.paint('green', '✓')} crkit demo: ${line}\n`
      : `\n${io.paint('red', '✗')} crkit demo: ${failures} problem(s); ${line}\n`,
  );
  return failures === 0;
}

/**
 * `crkit demo` (its command line read by demo-command.ts): the local emulator, and crkit's ready-made providers played through their lifecycles with real
 * pre-signed S3 response URLs, each outcome checked in the emulator.
 */
export async function runDemo(given: CliIo): Promise<ExitCode> {
  // Long physical ids and reasons wrap instead of running on: a 100-column terminal shows every line whole.
  const io = fitToWidth(given, 100);
  const started = performance.now();
  const target = await prepareAws(true, io.env);
  const aws = target.aws;
  try {
    if (!aws) throw new Error('the emulator did not start');
    io.out(`crkit demo: ${target.description}; responses to pre-signed S3 URLs of the emulator\n`);
    const responses = await createS3ResponseBucket(aws);
    const results: ScenarioResult[] = [];
    for (const [index, scenario] of SCENARIOS.entries()) {
      io.out(`\n${io.paint('bold', `${index + 1}. ${scenario.title}`)}\n`);
      results.push(await scenario.run({ aws, responses, io }));
    }
    return summarise(results, ((performance.now() - started) / 1000).toFixed(1), io) ? EXIT.ok : EXIT.failed;
  } finally {
    await target.stop();
  }
}
