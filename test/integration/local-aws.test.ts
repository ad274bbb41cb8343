// Proves startLocalAws's own behaviour: a free port, readiness, clear errors, and an emulator that never outlives
// the test process. What the emulator itself serves is proved in test/integration/emulator/.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError, EnvironmentError } from '../../src/errors.js';
import { startLocalAws } from '../../src/testing/local-aws.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const localAwsModule = fileURLToPath(new URL('../../src/testing/local-aws.ts', import.meta.url));
const run = promisify(execFile);
let counter = 0;
const _unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

describe('startLocalAws', () => {
  it('starts an emulator on its own port each time and stops the process with await using', async () => {
    // How long a start takes is a benchmark figure (`npm run bench -- --only=local-aws`), not a test's bound.
    const pids: number[] = [];
    for (let i = 0; i < 3; i++) {
      await using aws = await startLocalAws();
      pids.push(aws.pid);
      expect(aws.endpoint).toBe(`http://127.0.0.1:${aws.port}`);
    }
    expect(new Set(pids).size).toBe(3);
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('points an AWS SDK in a child process at the emulator through env', async () => {
    await using aws = await startLocalAws();
    // AWS_PROFILE would make the SDK skip the environment credentials (see LocalAws.env).
    const { AWS_PROFILE: _ignored, ...inherited } = process.env;
    const script =
      "import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';" +
      'const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));' +
      'console.log(identity.Account);';

    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...inherited, ...aws.env, NODE_NO_WARNINGS: '1' },
    });

    expect(stdout.trim()).toBe('123456789012');
    expect(aws.accountId).toBe('123456789012');
  });

  it('throws an EnvironmentError saying how to install moto when the command is not on PATH', async () => {
    const starting = startLocalAws({ command: 'crkit-no-such-moto-server' });

    await expect(starting).rejects.toThrow(EnvironmentError);
    await expect(starting).rejects.toThrow(
      'crkit-no-such-moto-server not found on PATH: install moto with the server extra (pip install "moto[server]") ' +
        'or set CRKIT_MOTO_SERVER to the path of moto_server',
    );
  });

  it('runs the command named by CRKIT_MOTO_SERVER', async () => {
    vi.stubEnv('CRKIT_MOTO_SERVER', '/nonexistent/crkit/moto_server');
    try {
      await expect(startLocalAws()).rejects.toThrow('/nonexistent/crkit/moto_server not found on PATH');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('reports the last lines of stderr when the emulator exits before serving', async () => {
    await withScript('echo "ModuleNotFoundError: No module named flask" >&2\nexit 3', async (command) => {
      const starting = startLocalAws({ command });

      await expect(starting).rejects.toThrow(EnvironmentError);
      await expect(starting).rejects.toThrow(
        /exited \(3\) before it served requests[\s\S]*No module named flask/,
      );
    });
  });

  it('gives up after startupTimeoutMs and kills an emulator that never answers', async () => {
    await withScript('echo $$ > "$CRKIT_TEST_PID_FILE"\nexec sleep 30', async (command, dir) => {
      const pidFile = join(dir, 'pid');

      const starting = startLocalAws({
        command,
        startupTimeoutMs: 300,
        serverEnv: { CRKIT_TEST_PID_FILE: pidFile },
      });

      await expect(starting).rejects.toThrow(
        /did not answer on http:\/\/127\.0\.0\.1:\d+\/moto-api\/data\.json/,
      );
      expect(isRunning(Number(await readFile(pidFile, 'utf8')))).toBe(false);
    });
  });

  it('stop() resolves, in a process with nothing else to wait for, when the emulator outlasts its grace to stop', async () => {
    // Serves readiness and ignores SIGTERM: stop() escalates to SIGKILL after its grace period, then must still
    // resolve; Node used to end the process first, with stop() unsettled (exit code 13).
    const server =
      "process.on('SIGTERM', () => {}); require('node:http').createServer((q, s) => s.end('{}'))" +
      ".listen(Number(process.argv[process.argv.indexOf('-p') + 1]), '127.0.0.1')";
    await withScript(`exec "${process.execPath}" -e "${server}" -- "$@"`, async (command) => {
      const script = `const { startLocalAws } = await import(${JSON.stringify(localAwsModule)});
        const aws = await startLocalAws({ command: ${JSON.stringify(command)} });
        await aws.stop();
        console.log('stopped', aws.pid);`;

      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          cwd: repoRoot,
        },
      );

      const [said, pid] = stdout.trim().split(' ');
      expect(said).toBe('stopped');
      expect(isRunning(Number(pid))).toBe(false);
    });
  });

  it('rejects an invalid startupTimeoutMs with a ConfigurationError naming the option', async () => {
    await expect(startLocalAws({ startupTimeoutMs: 0 })).rejects.toThrow(ConfigurationError);
    await expect(startLocalAws({ startupTimeoutMs: 0 })).rejects.toThrow(/^startupTimeoutMs: /);
  });

  it('kills the emulator when the test process dies from SIGKILL', async () => {
    const { child, motoPid } = await startInChildProcess('setInterval(() => {}, 1_000);');

    child.kill('SIGKILL');

    await expect.poll(() => isRunning(motoPid), { timeout: 5_000 }).toBe(false);
  });

  it('kills the emulator when the test process exits without calling stop()', async () => {
    // The child exits on a word from this process, so that moto is seen running before the exit, not raced.
    const { child, motoPid, exited } = await startInChildProcess(
      "await new Promise((go) => process.stdin.once('data', go));",
    );

    child.stdin?.end('exit now\n');
    await exited;

    await expect.poll(() => isRunning(motoPid), { timeout: 5_000 }).toBe(false);
  });
});

async function withScript(body: string, use: (command: string, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'crkit-local-aws-'));
  try {
    const command = join(dir, 'fake-moto-server');
    await writeFile(command, `#!/bin/sh\n${body}\n`);
    await chmod(command, 0o755);
    await use(command, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Starts moto from a separate Node process running `tail` after startLocalAws(), and reports moto's pid.
async function startInChildProcess(tail: string) {
  const script = `const { startLocalAws } = await import(${JSON.stringify(localAwsModule)});
    const aws = await startLocalAws();
    console.log(aws.pid);
    ${tail}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const firstLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) =>
      reject(new Error(`the child process exited (${code}) before printing moto's pid`)),
    );
  });
  const motoPid = Number(firstLine);
  expect(isRunning(motoPid)).toBe(true);
  return { child, motoPid, exited };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // An orphan killed after its parent died is re-parented to init; where init does not reap (as in many containers)
  // it lingers as a zombie, which is dead for every purpose here.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}
