import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/**
 * The type tests run on TypeScript 7's native compiler (package.json's `typescript-7`, as the build and `npm run
 * typecheck` do): about a fifth of TypeScript 5.9's time on this project. Users' project shapes are still checked
 * with the 5.9 that `cdk init` and ts-node pin (test/package/).
 */
const checker = here('./node_modules/typescript-7/bin/tsc');

/**
 * The tiers, one project each (`vitest run --project unit`). `npm run test:fast` runs unit and types; `npm test`
 * (scripts/test.ts) runs `npm run typecheck` (tsc over the whole project, tsconfig.json, the constructs' type tests
 * test/cdk/*.test-d.ts among its files) beside the build, then the tiers.
 * - unit: no child process, no emulator, no CDK synthesis, no wait on the real clock. Its files share one module
 *   cache per worker (`isolate: false`), which saves importing zod, undici and the AWS SDK clients again for each of
 *   ~60 files.
 * - realtime (`*.realtime.test.ts`): unit tests that wait on the real clock (deadlines, polling, hand-overs) against
 *   loopback servers, the fast-check properties among them; run alone, so that a deadline gets the CPU it measures.
 * - types: the runtime's type tests, checked by tsc in a program of their own (test/types/tsconfig.json).
 * - cdk: CDK synthesis and esbuild bundling.
 * - integration: loopback servers, the local AWS emulator, the CLI in processes of its own.
 * - package: crkit packed and installed in fresh projects.
 * Integration and package files keep a fresh module graph each: providers make their AWS SDK clients when loaded,
 * with the credentials of the file's own account on the tier's one emulator.
 */
export default defineConfig({
  resolve: {
    // Ready-made providers import crkit by its public names, as a user's provider does: tests run them on the
    // sources (the same mapping as tsconfig.json's `paths`; tsx and esbuild read those, vitest does not).
    alias: [
      { find: /^crkit$/, replacement: here('./src/index.ts') },
      { find: /^crkit\/advanced$/, replacement: here('./src/advanced.ts') },
      { find: /^crkit\/testing$/, replacement: here('./src/testing/index.ts') },
      { find: /^crkit\/cdk$/, replacement: here('./cdk/index.ts') },
      { find: /^crkit\/idempotency\/dynamodb$/, replacement: here('./src/idempotency/dynamodb.ts') },
      { find: /^crkit\/providers\/([^/]+)\/lambda$/, replacement: here('./providers/$1/lambda.ts') },
      { find: /^crkit\/providers\/([^/]+)$/, replacement: here('./providers/$1/index.ts') },
    ],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The AWS SDK warns once per process that its 2027 releases need Node 22; crkit supports Node 20 on purpose.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // vitest's default: one worker less than the cores (one on a 2-core machine). Two workers were faster, but the
    // tests that measure an answer against a real deadline then shared the CPU with esbuild and the emulator, and
    // failed on a loaded machine: a deadline test must get the CPU it asks for.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/**/*.realtime.test.ts'],
          isolate: false,
        },
      },
      // Answers measured against the real clock: a hung hook answered before a real deadline, over a loopback
      // server, in fast-check properties of dozens of runs each. Each waits its deadline out (most of a second).
      {
        extends: true,
        test: { name: 'realtime', include: ['test/unit/**/*.realtime.test.ts'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: './test/types/tsconfig.json',
            checker,
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'cdk',
          include: ['test/cdk/**/*.test.ts'],
          isolate: false,
          // The constructs bundle their providers with esbuild: a first bundle takes seconds, more on a loaded machine.
          testTimeout: 60_000,
          // CDK's built-in CloudFormation validation (a WebAssembly engine: 7 s to start in each worker, 1.5 s per
          // synth) only prints warnings by default, which these tests do not read. The `cdk init` app of
          // test/package/ keeps it, and asserts that it prints none.
          env: { CDK_VALIDATION: 'false' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One emulator for the tier, each file in an account of its own (test/integration/emulator/emulator.ts).
          globalSetup: ['test/integration/emulator/global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'package', include: ['test/package/**/*.test.ts'] } },
    ],
  },
});
