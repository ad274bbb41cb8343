import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
    // The AWS SDK warns once per process that its 2027 releases need Node 22; crkit supports Node 20 on purpose.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    hookTimeout: 60_000,
  },
});
