import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ILocalBundling } from 'aws-cdk-lib';
import type { BundleRequest } from '../bundling/bundle-provider-main.js';
import type { ProviderBuild } from '../bundling/provider-build.js';
import { ConfigurationError } from '../errors.js';

/** Node's arguments to run the child script: the compiled `.js`, or (from crkit's own sources) the `.ts` with tsx. */
function childArguments(request: BundleRequest): string[] {
  const extension = extname(fileURLToPath(import.meta.url));
  const script = fileURLToPath(new URL(`../bundling/bundle-provider-main${extension}`, import.meta.url));
  const loader =
    extension === '.ts'
      ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
      : [];
  return [...loader, script, JSON.stringify(request)];
}

/**
 * CDK's local bundling of a provider: esbuild with crkit's options and plugin (`providerBuildOptions`), run in
 * a child process because CDK bundles synchronously and esbuild runs plugins only asynchronously. It never hands
 * over to Docker: a failed build fails synth, with esbuild's messages.
 */
export class LocalProviderBundling implements ILocalBundling {
  constructor(
    readonly build: Omit<ProviderBuild, 'outdir'>,
    readonly esbuild: string,
  ) {}

  tryBundle(outputDir: string): boolean {
    const request: BundleRequest = { ...this.build, outdir: outputDir, esbuild: this.esbuild };
    const result = spawnSync(process.execPath, childArguments(request), { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new ConfigurationError(
        'entry',
        `${this.build.entry} did not bundle: ${result.stderr || result.error?.message || `exit ${result.status}`}`,
      );
    }
    return true;
  }
}
