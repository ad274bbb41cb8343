import { describe, expect, it } from 'vitest';
import { requireLocalEsbuild } from '../../../src/cdk/local-esbuild.js';
import { EnvironmentError } from '../../../src/errors.js';

describe('requireLocalEsbuild', () => {
  it('refuses, saying how to install esbuild, rather than let CDK fall back to Docker', () => {
    const missing = { besideCrkit: () => undefined, besideCdk: () => undefined };

    expect(() => requireLocalEsbuild(missing)).toThrow(EnvironmentError);
    expect(() => requireLocalEsbuild(missing)).toThrow(
      'esbuild is not installed: run `npm install --save-dev esbuild`. crkit bundles providers with a local esbuild and never with Docker.',
    );
  });

  it('takes the esbuild installed next to aws-cdk-lib when none is installed next to crkit', () => {
    const probes = { besideCrkit: () => undefined, besideCdk: () => '/app/node_modules/esbuild/lib/main.js' };

    expect(requireLocalEsbuild(probes)).toBe('/app/node_modules/esbuild/lib/main.js');
  });

  it('finds the esbuild installed with this project', () => {
    expect(requireLocalEsbuild()).toMatch(/node_modules\/esbuild\/lib\/main\.js$/);
  });
});
