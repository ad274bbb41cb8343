// The child process that bundles one provider for crkit's constructs (see local-bundling.ts): CDK's local bundling
// is synchronous, and esbuild runs plugins only in its asynchronous `build`. Argument: a BundleRequest as JSON.
import { pathToFileURL } from 'node:url';
import type { EsbuildBuild, ProviderBuild } from './provider-build.js';
import { bundleProvider } from './provider-build.js';

/** What the parent sends: the build, and where esbuild's JS API was found. */
export interface BundleRequest extends ProviderBuild {
  readonly esbuild: string;
}

const request = JSON.parse(process.argv[2] ?? '{}') as BundleRequest;
try {
  const esbuild = (await import(pathToFileURL(request.esbuild).href)) as { build: EsbuildBuild };
  await bundleProvider(esbuild.build, request);
} catch (error) {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
