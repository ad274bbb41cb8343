import type { TestProject } from 'vitest/node';
import { startLocalAws } from '../../../src/testing/local-aws.js';

/** What the integration tier's one emulator tells its test files (`inject('localAws')`). */
export interface SharedEmulator {
  readonly endpoint: string;
  readonly region: string;
  readonly pid: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localAws: SharedEmulator;
  }
}

/**
 * The integration tier's globalSetup: one emulator for every test file, where each file starting its own cost about
 * a second of CPU (Python loading moto and each service's backend) on a 2-core machine. Files keep apart by account:
 * each works in one of its own (`useEmulator()`, emulator.ts). A Docker endpoint that cannot exist keeps Lambda
 * invocations identical on machines with and without Docker; ACM issues a DNS-validated certificate one second
 * after its request, not 60 (MOTO_ACM_VALIDATION_WAIT, moto/settings.py).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const aws = await startLocalAws({
    serverEnv: {
      DOCKER_HOST: 'unix:///nonexistent/crkit-no-docker.sock',
      MOTO_ACM_VALIDATION_WAIT: '1',
    },
  });
  project.provide('localAws', { endpoint: aws.endpoint, region: aws.region, pid: aws.pid });
  return () => aws.stop();
}
