/**
 * Fresh projects the way a user has them: crkit packed with `npm pack` and installed from its tarball, next to only
 * what the README's install section names (zod, TypeScript 5.9, and for CDK apps aws-cdk-lib, constructs, esbuild),
 * plus what a ready-made provider's README names. The registry install is cached under .crkit/package-fixtures,
 * keyed by crkit's own dependencies; each run puts the freshly packed tarball in place of the cached crkit.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repository = fileURLToPath(new URL('../..', import.meta.url));
const cache = join(repository, '.crkit/package-fixtures');

/** What the README's install section names, and what the ready-made providers' READMEs add. */
const INSTALLED = {
  zod: '^4.0.0',
  typescript: '~5.9.0',
  // What `cdk init app --language typescript` runs the app with (cdk.json: npx ts-node --prefer-ts-exts bin/app.ts).
  'ts-node': '^10.9.0',
  '@types/node': '^22.0.0',
  esbuild: '>=0.25',
  'aws-cdk-lib': '^2.276.0',
  constructs: '^10.0.0',
  // crkit/providers/cross-account-dns-record's idempotency store (see its README).
  '@aws-lambda-powertools/idempotency': '^2.35.0',
};

/** The project shapes, each with the folder its provider goes in. */
const SHAPES = { 'cdk-app': 'lib', 'classic-cdk-app': 'lib', 'esm-app': 'src', 'bundler-app': 'src' };

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

/** Packs crkit (building it first when a source changed since the last build) and returns the tarball's path. */
function pack(): string {
  // The build is incremental: it rewrites its state file each time, but only the outputs that changed.
  const built = join(repository, 'dist/tsconfig.build.tsbuildinfo');
  const stale =
    !existsSync(built) ||
    Math.max(...['src', 'providers', 'cdk'].map((dir) => newest(join(repository, dir)))) >
      statSync(built).mtimeMs;
  if (stale) {
    run('npm', ['run', 'build'], repository);
    // A source touched but not changed leaves the state file as it was: mark it as checked now.
    const now = new Date();
    utimesSync(built, now, now);
  }
  mkdirSync(cache, { recursive: true });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', cache], repository)) as {
    filename: string;
  }[];
  if (packed === undefined) throw new Error('npm pack gave no tarball');
  return join(cache, packed.filename);
}

/**
 * The directory holding node_modules and the three project shapes (`cdk-app`, `esm-app`, `bundler-app`), ready to
 * type-check, bundle and synthesise.
 */
export function prepareFixtureProjects(): string {
  const tarball = pack();
  const manifest = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const key = createHash('sha256')
    .update(JSON.stringify([manifest.dependencies, manifest.peerDependencies, INSTALLED]))
    .digest('hex')
    .slice(0, 12);
  const root = join(cache, `projects-${key}`);
  if (!existsSync(join(root, 'node_modules/.crkit-installed'))) {
    // A new set of dependencies: the installs of earlier ones are of no more use.
    for (const old of readdirSync(cache)) {
      if (old.startsWith('projects-')) rmSync(join(cache, old), { recursive: true, force: true });
    }
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'fixtures', private: true }, null, 2));
    const specs = Object.entries(INSTALLED).map(([name, range]) => `${name}@${range}`);
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...specs], root);
    writeFileSync(join(root, 'node_modules/.crkit-installed'), '');
  } else {
    // Same dependencies as the cached install: only crkit itself changed, so unpack the new tarball in its place.
    const target = join(root, 'node_modules/crkit');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], root);
    // npm makes a package's bin files executable when it installs them; so does this stand-in.
    for (const bin of Object.values((manifest.bin ?? {}) as Record<string, string>))
      chmodSync(join(target, bin), 0o755);
  }
  const projects = join(repository, 'test/package/projects');
  for (const [shape, sources] of Object.entries(SHAPES)) {
    rmSync(join(root, shape), { recursive: true, force: true });
    cpSync(join(projects, shape), join(root, shape), { recursive: true });
    cpSync(join(projects, 'widget-provider.ts'), join(root, shape, sources, 'widget-provider.ts'));
  }
  cpSync(join(repository, 'test/package/projects/run-bundle.mjs'), join(root, 'run-bundle.mjs'));
  return root;
}
