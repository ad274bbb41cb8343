import { ConfigurationError } from '../errors.js';
import { type ConnectProviderOptions, openProvider } from './connect-provider.js';
import { checkLifecycleOptions } from './kit-options.js';
import { type LifecycleStep, normaliseSteps, type PropertiesOf } from './lifecycle-steps.js';
import { type LifecycleProgress, type LifecycleTimeline, summariseTimeline } from './lifecycle-timeline.js';
import type { ProviderTarget } from './provider-target.js';
import { type StackResource, stackSession } from './stack-session.js';

/**
 * Options of {@link playLifecycle}: the steps, the stack's identity, and how the provider is reached.
 *
 * @example
 * ```ts
 * import type { LifecycleOptions } from 'crkit/testing';
 * const options: LifecycleOptions<{ Name: string }> = {
 *   steps: [{ create: { Name: 'a' } }, 'delete'],
 *   logicalResourceId: 'Greeting',
 *   via: 'sqs',
 * };
 * ```
 */
export interface LifecycleOptions<P> extends ConnectProviderOptions {
  /** The stack changes to play, in order. */
  readonly steps: readonly LifecycleStep<P>[];
  /** @default the definition's resource type (the first of a router); required for a handler function */
  readonly resourceType?: string;
  /** @default `arn:aws:cloudformation:us-east-1:123456789012:stack/crkit-lifecycle/<uuid>` */
  readonly stackId?: string;
  /** @default 'Resource' */
  readonly logicalResourceId?: string;
  /** @default a Lambda function ARN, or a topic ARN with `via: 'sns'` or `'sqs'` */
  readonly serviceToken?: string;
  /**
   * Called as each request starts and ends, for a live display or to inspect the resource between requests (a
   * returned promise is awaited before the next request). @default none
   */
  readonly onProgress?: (progress: LifecycleProgress) => void | Promise<void>;
}

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:crkit-provider';

/**
 * Plays a provider through the requests CloudFormation sends for a series of stack changes, with one StackId and
 * LogicalResourceId, a fresh RequestId per request and each physical id taken from the previous answer, and checks
 * every answer as CloudFormation would.
 *
 * @throws {ConfigurationError} when an option is unknown (naming the one it resembles) or its value is wrong.
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource } from 'crkit';
 * import { playLifecycle } from 'crkit/testing';
 *
 * const Greeting = defineResource({
 *   resourceType: 'Custom::Greeting',
 *   properties: z.object({ Name: z.string().min(1) }),
 *   replaceOn: ['Name'],
 *   create: ({ properties }) => ({ physicalResourceId: `greeting-${properties.Name}` }),
 *   update: () => {},
 *   delete: () => {},
 * });
 * const timeline = await playLifecycle(Greeting, {
 *   steps: [{ create: { Name: 'a' } }, { update: { Name: 'b' }, expect: 'replacement' }, 'delete'],
 * });
 * timeline.entries.map((entry) => entry.action); // ['create', 'update', 'cleanup-delete', 'delete']
 * ```
 */
export async function playLifecycle<T extends ProviderTarget>(
  target: T,
  options: LifecycleOptions<PropertiesOf<T>>,
): Promise<LifecycleTimeline> {
  checkLifecycleOptions(options);
  const steps = normaliseSteps(options.steps);
  const provider = await openProvider(target, options);
  try {
    const resourceType = options.resourceType ?? provider.resourceType;
    if (!resourceType) {
      throw new ConfigurationError('resourceType', 'a handler function does not say what it serves: pass it');
    }
    const viaTopic = (options.via ?? 'lambda') !== 'lambda';
    const session = stackSession(
      provider,
      {
        resourceType,
        stackId: options.stackId,
        logicalResourceId: options.logicalResourceId,
        serviceToken: options.serviceToken ?? (viaTopic ? TOPIC : undefined),
      },
      options.onProgress,
    );
    let resource: StackResource | undefined;
    const unplayed: string[] = [];
    for (const [index, step] of steps.entries()) {
      // An answer that was not as expected leaves the resource where the steps do not assume it: stop there, as
      // CloudFormation stops a stack operation at the first failure.
      if ((step.kind === 'create') !== (resource === undefined)) {
        const state = resource ? 'still exists' : 'does not exist';
        const rest =
          index + 1 === steps.length ? `step ${index + 1}` : `steps ${index + 1} to ${steps.length}`;
        unplayed.push(`${rest} not played: the resource ${state} after step ${index}`);
        break;
      }
      if (step.kind === 'create') {
        resource = await session.create(index, step.properties, step.expect);
      } else if (step.kind === 'update' && resource) {
        resource = await session.update(index, step.expect, resource, step.properties);
      } else if (resource) {
        const response = await session.remove(index, resource, step.expect);
        if (response?.Status === 'SUCCESS') resource = undefined;
      }
    }
    return await summariseTimeline(provider, session.entries, resource?.id, unplayed);
  } finally {
    await provider.close();
  }
}
