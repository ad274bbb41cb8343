import { EnvironmentError } from '../errors.js';
import { type LocalAws, startLocalAws } from '../testing/local-aws.js';

/** Where the provider's AWS calls go while a command runs. */
export interface AwsTarget {
  /** For the header line, e.g. `the local emulator at http://127.0.0.1:41234`. */
  readonly description: string;
  readonly aws: LocalAws | undefined;
  stop(): Promise<void>;
}

/**
 * With `local`, starts the emulator and points every AWS SDK client made from now on at it, through the environment
 * (so it must run before the provider module is loaded). Otherwise the provider talks to AWS with the credentials
 * of the environment.
 *
 * @throws {EnvironmentError} when moto_server is missing or does not start.
 */
export async function prepareAws(local: boolean, env: NodeJS.ProcessEnv): Promise<AwsTarget> {
  if (!local) {
    return {
      description: 'AWS, with the credentials of the environment',
      aws: undefined,
      stop: async () => {},
    };
  }
  let aws: LocalAws;
  try {
    aws = await startLocalAws();
  } catch (error) {
    if (error instanceof EnvironmentError) throw error;
    throw new EnvironmentError(`the local emulator did not start: ${String(error)}`, { cause: error });
  }
  // A profile in the environment would make the SDK ignore the emulator's static credentials.
  delete env.AWS_PROFILE;
  Object.assign(env, aws.env);
  return { description: `the local emulator at ${aws.endpoint}`, aws, stop: () => aws.stop() };
}
