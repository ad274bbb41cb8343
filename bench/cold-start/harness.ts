import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { type LoopbackServer, startLoopbackServer } from '../lib/loopback-server.js';
import { childEnvironment, runChild } from '../lib/run-child.js';
import { createLoopbackCertificate } from '../lib/tls-cert.js';
import type { RunnerReport } from './runner.js';

/** What every cold-start run shares: the child runner and the two loopback servers. */
export interface Harness {
  readonly http: LoopbackServer;
  readonly https: LoopbackServer;
  /** Whether the https server got port 443 (needs root or CAP_NET_BIND_SERVICE); anchors need it. */
  readonly httpsOn443: boolean;
  /** What every child gets so that it trusts the https server and crkit may answer both servers. */
  readonly childEnv: Readonly<Record<string, string>>;
  /** Runs one fresh child: loads `bundle` and invokes its handler (`invoke`) or its `run()` (`load`). */
  run(request: RunRequest): Promise<RunnerReport>;
  close(): Promise<void>;
}

/** One child run. */
export interface RunRequest {
  readonly bundle: string;
  readonly mode: 'invoke' | 'load';
  readonly exportName?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** A command the child's `node` runs under, and flags for `node` (see `runChild`). @default none */
  readonly wrapper?: readonly string[];
  readonly nodeFlags?: readonly string[];
  /** @default 15000 */
  readonly timeoutMs?: number;
}

async function startHttps(tls: {
  key: string;
  cert: string;
}): Promise<{ server: LoopbackServer; on443: boolean }> {
  try {
    return { server: await startLoopbackServer({ tls, port: 443 }), on443: true };
  } catch {
    return { server: await startLoopbackServer({ tls }), on443: false };
  }
}

/**
 * Builds the child runner into `workdir`, makes a certificate the children trust (`NODE_EXTRA_CA_CERTS`) and starts
 * an http and an https loopback server.
 *
 * @example
 * ```ts
 * const harness = await startHarness('/tmp/bench');
 * await harness.close();
 * ```
 */
export async function startHarness(workdir: string): Promise<Harness> {
  const runner = `${workdir}/runner.mjs`;
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./runner.ts', import.meta.url))],
    outfile: runner,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'silent',
  });
  const certificate = await createLoopbackCertificate(workdir);
  const http = await startLoopbackServer();
  const { server: https, on443 } = await startHttps(certificate);
  // Every child gets the same variables, so that none pays for a setting another lacks.
  const childEnv = {
    NODE_EXTRA_CA_CERTS: certificate.certFile,
    CRKIT_ALLOW_RESPONSE_ORIGINS: `${http.origin},${https.origin}`,
  };
  return {
    http,
    https,
    httpsOn443: on443,
    childEnv,
    async run({ bundle, mode, exportName, env, wrapper, nodeFlags, timeoutMs }) {
      const { report } = await runChild<RunnerReport>({
        script: runner,
        args: [bundle, mode, exportName ?? 'handler'],
        env: childEnvironment({ ...childEnv, ...env }),
        ...(wrapper ? { wrapper } : {}),
        ...(nodeFlags ? { nodeFlags } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
      });
      if (report.error) throw new Error(`child failed on ${bundle}: ${report.error}`);
      return report;
    },
    async close() {
      await Promise.all([http.close(), https.close()]);
    },
  };
}
