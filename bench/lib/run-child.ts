import { execFileSync, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How one child process is started. */
export interface ChildOptions {
  /** The script given to `node`. */
  readonly script: string;
  readonly args?: readonly string[];
  /** The child's whole environment (the parent's is not inherited, so nothing like NODE_OPTIONS leaks in). */
  readonly env: Readonly<Record<string, string>>;
  /** Killed after this long. @default 15000 */
  readonly timeoutMs?: number;
  /** A command `node` runs under, with its arguments (e.g. `valgrind --tool=lackey`). @default none */
  readonly wrapper?: readonly string[];
  /** Flags given to `node` before the script. @default none */
  readonly nodeFlags?: readonly string[];
}

let childNode = process.execPath;

/**
 * The Node binary every child runs (`--node=PATH` of `npm run bench`), e.g. the Node version of the Lambda runtime
 * a provider deploys on. @default the bench's own (`process.execPath`)
 */
export function useChildNode(path: string): void {
  childNode = path;
}

/**
 * The version the children run (`v22.23.5`): the bench's own unless {@link useChildNode} named another.
 * @throws Error naming the binary when it does not answer `--version`.
 */
export function childNodeVersion(): string {
  if (childNode === process.execPath) return process.version;
  try {
    return execFileSync(childNode, ['--version'], { encoding: 'utf8' }).trim();
  } catch (error) {
    throw new Error(`--node=${childNode}: not a Node binary that runs here (${(error as Error).message})`);
  }
}

/** What the child wrote to file descriptor 3 (one JSON line), and how it ended. */
export interface ChildResult<Report> {
  readonly report: Report;
  readonly exitCode: number | null;
  readonly stderr: string;
}

function collect(stream: Readable | null | undefined, limit: number): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-limit);
  });
  return () => text;
}

/**
 * Runs `node <script> ...args` (the binary of {@link useChildNode}) with file descriptor 3 as a report pipe, and
 * resolves with the JSON the child wrote there once it has exited.
 *
 * @example
 * ```ts
 * const { report } = await runChild<{ ok: boolean }>({ script: '/tmp/runner.mjs', env: { PATH: '/usr/bin' } });
 * ```
 */
export function runChild<Report>(options: ChildOptions): Promise<ChildResult<Report>> {
  const [command = childNode, ...wrapperArgs] = options.wrapper ?? [];
  const node = options.wrapper ? [childNode] : [];
  const args = [
    ...wrapperArgs,
    ...node,
    ...(options.nodeFlags ?? []),
    options.script,
    ...(options.args ?? []),
  ];
  const child = spawn(command, args, {
    env: options.env,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const stderr = collect(child.stderr, 4000);
  const report = collect(child.stdio[3] as Readable, 1_000_000);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const line = report().trim();
      if (!line) {
        reject(
          new Error(`child ${options.script} wrote no report (exit ${exitCode ?? signal}): ${stderr()}`),
        );
        return;
      }
      resolve({ report: JSON.parse(line) as Report, exitCode, stderr: stderr() });
    });
  });
}

/** A small environment like Lambda's: no NODE_OPTIONS, a region, and whatever the caller adds. */
export function childEnvironment(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    ...extra,
  };
}
