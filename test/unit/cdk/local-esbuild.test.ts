import { describe, expect, it } from 'vitest';
import { requireLocalEsbuild } from '../../../src/cdk/local-esbuild.js';
import { EnvironmentError } from '../../../src/errors.js';

describe('requireLocalEsbuild', () => {
  it('refuses, saying how to install esbuild, rather than let CDK fall back to Docker', () => {
    const missing = { resolvesFromCdk: () => false, onPath: () => false };

    expect(() => requireLocalEsbuild(missing)).toThrow(EnvironmentError);
    expect(() => requireLocalEsbuild(missing)).toThrow(
      'esbuild is not installed: run `npm install --save-dev esbuild`. crkit bundles providers with a local esbuild and never with Docker.',
    );
  });

  it('accepts an esbuild on PATH when none resolves next to aws-cdk-lib', () => {
    expect(() => requireLocalEsbuild({ resolvesFromCdk: () => false, onPath: () => true })).not.toThrow();
  });

  it('finds the esbuild installed with this project', () => {
    expect(() => requireLocalEsbuild()).not.toThrow();
  });
});
