import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { EnvironmentError } from '../errors.js';

/** The loopback address the emulator binds; never a public interface, since moto checks no credentials. */
export const MOTO_HOST = '127.0.0.1';

// The cheapest moto endpoint that only moto serves; it answers 200 with `{}` as soon as the server accepts requests.
const READY_PATH = '/moto-api/data.json';
const POLL_INTERVAL_MS = 50;
const STOP_GRACE_MS = 2_000;
const STDERR_TAIL_CHARS = 4_000;
const STDERR_TAIL_LINES = 15;

// On POSIX a sh wrapper forks a watchdog and then execs the emulator, so the pid stays moto's own. The watchdog waits
// for EOF on the stdin pipe, which the kernel delivers when this Node process dies by any means (even SIGKILL, when
// no 'exit' handler runs), and then terminates the emulator's process group. `exec 3<&0` is needed because sh gives
// a background job /dev/null as stdin.
const WATCHDOG_SCRIPT =
  'exec 3<&0; { read -r _ <&3; kill -TERM -$$; } </dev/null >/dev/null 2>&1 & exec 3<&- 0</dev/null; exec "$@"';

/** A running emulator process. */
export interface MotoProcess {
  /** The operating-system process id of the emulator. */
  readonly pid: number;
  /** Terminates the emulator (SIGTERM, then SIGKILL after a grace period) and resolves once it has exited; idempotent. */
  stop(): Promise<void>;
}

/** What {@link launchMoto} starts and how long it waits. */
export interface MotoLaunchOptions {
  /** The executable, looked up on PATH. */
  readonly command: string;
  /** The loopback port to serve on. */
  readonly port: number;
  /** The emulator's complete environment. */
  readonly env: NodeJS.ProcessEnv;
  /** How long to wait for the first answer. */
  readonly startupTimeoutMs: number;
}

type Exit =
  | { readonly error: Error }
  | { readonly code: number | null; readonly signal: NodeJS.Signals | null };

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts `moto_server` on a loopback port and resolves once it answers HTTP, or with `'port-taken'` when another
 * process bound the port first (the caller then retries on a new one).
 *
 * @throws {EnvironmentError} when the command is missing, exits early, or does not answer in time.
 * @example
 * ```text
 * // internal: startLocalAws() is the public way in
 * const moto = await launchMoto({ command: 'moto_server', port: 5000, env: process.env, startupTimeoutMs: 20_000 });
 * if (moto !== 'port-taken') await moto.stop();
 * ```
 */
export async function launchMoto(options: MotoLaunchOptions): Promise<MotoProcess | 'port-taken'> {
  const { command, port, env, startupTimeoutMs } = options;
  const args = ['-H', MOTO_HOST, '-p', String(port)];
  const posix = process.platform !== 'win32';
  const child = posix
    ? spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'crkit-moto', command, ...args], {
        env,
        detached: true,
        stdio: ['pipe', 'ignore', 'pipe'],
      })
    : spawn(command, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const stderrTail = collectTail(child.stderr);
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error) => resolve({ error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  }).then((info) => {
    exit = info;
    running.delete(child);
    return info;
  });
  const stop = stopper(child, exited, posix);
  track(child);

  const deadline = Date.now() + startupTimeoutMs;
  while (exit === undefined && Date.now() < deadline) {
    if ((await answers(port)) && exit === undefined && child.pid !== undefined) {
      // Unref so a test that forgets stop() does not keep Node alive; the exit hook and watchdog still kill moto.
      child.unref();
      for (const stream of [child.stdin, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
      return { pid: child.pid, stop };
    }
    await delay(POLL_INTERVAL_MS);
  }
  const timedOut = exit === undefined;
  await stop();
  const stderr = stderrTail();
  if (timedOut || exit === undefined) {
    throw new EnvironmentError(
      `${command} did not answer on http://${MOTO_HOST}:${port}${READY_PATH} within ${startupTimeoutMs} ms; ` +
        `raise startupTimeoutMs or check the emulator. Last lines of its stderr:\n${stderr}`,
    );
  }
  if ('error' in exit) {
    if ((exit.error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(command, exit.error);
    throw new EnvironmentError(`could not start ${command}: ${exit.error.message}`, { cause: exit.error });
  }
  // 127 is the shell's "command not found"; the Werkzeug message is how moto reports a port lost to a race.
  if (exit.code === 127) throw notFound(command);
  if (/address already in use|is in use by another program/i.test(stderr)) return 'port-taken';
  throw new EnvironmentError(
    `${command} exited (${exit.code ?? exit.signal}) before it served requests. Last lines of its stderr:\n${stderr}`,
  );
}

function notFound(command: string, cause?: Error): EnvironmentError {
  return new EnvironmentError(
    `${command} not found on PATH: install moto with the server extra (pip install "moto[server]") ` +
      'or set CRKIT_MOTO_SERVER to the path of moto_server',
    cause ? { cause } : undefined,
  );
}

function stopper(child: ChildProcess, exited: Promise<Exit>, posix: boolean): () => Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      if (posix && child.pid !== undefined) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // The process (group) is already gone, which is what stopping wants.
    }
  };
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        // Unreferenced once it served (see launchMoto): referenced again, so that Node waits for its exit rather
        // than ending with this promise unsettled (exit code 13) when it outlasts the grace period.
        child.ref();
        signal('SIGTERM');
        const escalation = setTimeout(() => signal('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(escalation);
      }
      // Closing stdin also ends the watchdog, which would otherwise wait for this Node process to exit.
      child.stdin?.destroy();
      child.stderr?.destroy();
    })();
    return stopping;
  };
}

function track(child: ChildProcess): void {
  running.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous, hence SIGKILL and no waiting.
  process.once('exit', () => {
    for (const each of running) {
      try {
        if (each.pid !== undefined)
          process.kill(process.platform === 'win32' ? each.pid : -each.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: MOTO_HOST, port, path: READY_PATH, agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

// moto logs every request to stderr, so the stream is drained for the whole lifetime (a full pipe would block the
// server) and only a bounded tail is kept for error messages.
function collectTail(stream: Readable | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-STDERR_TAIL_CHARS);
  });
  return () => text.split('\n').slice(-STDERR_TAIL_LINES).join('\n').trim() || '(empty)';
}
