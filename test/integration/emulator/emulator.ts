import { afterAll, beforeAll } from 'vitest';
import { type LocalAws, startLocalAws } from '../../../src/testing/local-aws.js';

let counter = 0;

/** A name no other test of the run uses. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/**
 * Starts one emulator for the calling test file and stops it after; the returned function gives the running one.
 * A Docker endpoint that cannot exist keeps Lambda invocations identical on machines with and without Docker.
 */
export function useEmulator(): () => LocalAws {
  let aws: LocalAws | undefined;
  beforeAll(async () => {
    aws = await startLocalAws({ serverEnv: { DOCKER_HOST: 'unix:///nonexistent/crkit-no-docker.sock' } });
  });
  afterAll(() => aws?.stop());
  return () => {
    if (!aws) throw new Error('the emulator is not running: call useEmulator() at the top of the test file');
    return aws;
  };
}
