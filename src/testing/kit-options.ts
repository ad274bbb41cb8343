import * as z from 'zod';
import { shown } from '../validation/format-issues.js';
import { type OptionsShape, type ParseOptionsContext, parseOrRefuse } from '../validation/option-schemas.js';
import type { ConnectProviderOptions } from './connect-provider.js';
import type { ContractOptions } from './contract.js';
import type { EnvelopeOptions, SqsEventOptions } from './envelopes.js';
import type { DeleteEventOptions, EventOptions, UpdateEventOptions } from './events.js';
import type { LifecycleOptions } from './lifecycle.js';
import type { LocalAwsOptions } from './local-aws.js';
import type { ResponseCaptureOptions } from './response-capture.js';
import type { TopicDeliveryOptions } from './topic-delivery.js';

/**
 * The options of the test kit's functions, checked as crkit checks every options object: an unknown key is refused,
 * named with the option it resembles, and a wrong value names its option. Zod schemas, built when a function is
 * first called (the test kit never runs in a Lambda, so no start-up budget applies).
 */

/** A value checked where it is used (by the entry or the normaliser it is passed to), so that its message names it there. */
const checkedWhereUsed = () => z.unknown().optional();
const aFunction = (noun: string) =>
  z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
    error: `expected ${noun}`,
  });
const milliseconds = (noun: string) =>
  z
    .number({ error: `expected ${noun}` })
    .int({ error: `expected ${noun}` })
    .min(1, { error: `expected ${noun}` });
const text = z.string({ error: 'expected a string' });

const connectShape = () =>
  ({
    via: z.enum(['lambda', 'sns', 'sqs'], { error: 'expected "lambda", "sns" or "sqs"' }).optional(),
    raw: z.boolean({ error: 'expected true or false' }).optional(),
    delivery: checkedWhereUsed(),
    responses: checkedWhereUsed(),
    lambdaTimeoutMs: milliseconds('a whole number of milliseconds >= 1').optional(),
    responseWaitMs: z
      .number({ error: 'expected a number of milliseconds >= 0' })
      .min(0, { error: 'expected a number of milliseconds >= 0' })
      .optional(),
    handlerOptions: checkedWhereUsed(),
    logger: checkedWhereUsed(),
  }) satisfies OptionsShape<ConnectProviderOptions>;

const stackShape = () => ({
  resourceType: text.optional(),
  stackId: text.optional(),
  logicalResourceId: text.optional(),
});

/** Each schema, made at its first use. */
const schemas = new Map<string, z.ZodType>();
/** Checks `options` against the schema of function `name`, named in each message unless `where` says otherwise. */
function check(
  name: string,
  make: () => z.ZodType,
  options: unknown,
  where: ParseOptionsContext = { context: name },
): void {
  let schema = schemas.get(name);
  if (!schema) {
    schema = make();
    schemas.set(name, schema);
  }
  parseOrRefuse(schema, options, where);
}

const properties = () =>
  z.record(z.string(), z.unknown(), { error: 'expected an object of resource properties' });
const eventShape = () =>
  ({
    resourceType: z.string({ error: 'expected a resource type, like "Custom::Widget"' }),
    responseUrl: text.optional(),
    stackId: text.optional(),
    requestId: text.optional(),
    logicalResourceId: text.optional(),
    serviceTimeout: z.number({ error: 'expected a number of seconds' }).optional(),
    serviceToken: text.optional(),
    properties: properties().optional(),
  }) satisfies OptionsShape<EventOptions>;
const physicalResourceId = () => z.string({ error: 'expected the physical id of the resource' });

/** Checks the options of `createEvent`, `updateEvent` or `deleteEvent`. @throws {ConfigurationError} */
export function checkEventOptions(
  kind: 'createEvent' | 'updateEvent' | 'deleteEvent',
  options: unknown,
): void {
  check(
    kind,
    () =>
      kind === 'createEvent'
        ? z.strictObject(eventShape())
        : kind === 'updateEvent'
          ? z.strictObject({
              ...eventShape(),
              physicalResourceId: physicalResourceId(),
              oldProperties: properties().optional(),
            } satisfies OptionsShape<UpdateEventOptions>)
          : z.strictObject({
              ...eventShape(),
              physicalResourceId: physicalResourceId(),
            } satisfies OptionsShape<DeleteEventOptions>),
    options,
  );
}

/** Checks the requests and options of `snsEvent` or `sqsEvent`. @throws {ConfigurationError} */
export function checkEnvelopeOptions(
  kind: 'snsEvent' | 'sqsEvent',
  requests: unknown,
  options: unknown,
): void {
  check(
    'requests',
    () =>
      z.array(z.unknown(), {
        error: ({ input }) => `expected an array of CloudFormation requests, got ${shown(input, 'nothing')}`,
      }),
    requests,
    {
      root: 'requests',
    },
  );
  const envelope = {
    topicArn: text.optional(),
    queueArn: text.optional(),
  } satisfies OptionsShape<EnvelopeOptions>;
  check(
    kind,
    () =>
      kind === 'snsEvent'
        ? z.strictObject(envelope)
        : z.strictObject({
            ...envelope,
            raw: z.boolean({ error: 'expected true or false' }).optional(),
          } satisfies OptionsShape<SqsEventOptions>),
    options,
  );
}

/** Checks the options of `connectProvider`. @throws {ConfigurationError} */
export function checkConnectOptions(options: unknown): void {
  check('connectProvider', () => z.strictObject(connectShape()), options);
}

/** Checks the options of `captureOutput`. @throws {ConfigurationError} */
export function checkCaptureOptions(options: unknown): void {
  check(
    'captureOutput',
    () => z.strictObject({ passThrough: z.boolean({ error: 'expected true or false' }).optional() }),
    options,
  );
}

/** Checks the options of `topicDelivery`. @throws {ConfigurationError} */
export function checkTopicDeliveryOptions(options: unknown): void {
  const config = (noun: string) =>
    z.custom<object>((value) => typeof value === 'object' && value !== null, { error: `expected ${noun}` });
  check(
    'topicDelivery',
    () =>
      z.strictObject({
        topicArn: z.string({ error: 'expected the ARN of the topic' }),
        queueUrl: z.string({ error: 'expected the URL of the queue subscribed to the topic' }),
        publisher: config('the AWS client configuration of the publishing account'),
        consumer: config('the AWS client configuration of the consuming account').optional(),
        receiveTimeoutMs: milliseconds('a whole number of milliseconds >= 1').optional(),
      } satisfies OptionsShape<TopicDeliveryOptions>),
    options,
  );
}

/** Checks `playLifecycle`'s options. @throws {ConfigurationError} naming the first offending option. */
export function checkLifecycleOptions(options: unknown): void {
  const make = () =>
    z.strictObject({
      ...connectShape(),
      ...stackShape(),
      steps: z.array(z.unknown(), {
        error: 'expected a list of steps, like [{ create: { ... } }, "delete"]',
      }),
      serviceToken: text.optional(),
      onProgress: aFunction('a function (progress) => void').optional(),
    } satisfies OptionsShape<LifecycleOptions<unknown>>);
  check('playLifecycle', make, options, {});
}

/** Checks `checkContract`'s options. @throws {ConfigurationError} naming the first offending option. */
export function checkContractOptions(options: unknown): void {
  const make = () =>
    z.strictObject({
      ...connectShape(),
      ...stackShape(),
      properties: properties(),
      update: properties().optional(),
      replacement: properties().optional(),
      invalidProperties: properties().optional(),
      exists: aFunction('a function (physicalResourceId) => Promise<boolean>').optional(),
    } satisfies OptionsShape<ContractOptions<unknown>>);
  check('checkContract', make, options, {});
}

/** Checks `startLocalAws`'s options. @throws {ConfigurationError} naming the first offending option. */
export function checkLocalAwsOptions(options: unknown): void {
  const make = () =>
    z.strictObject({
      command: text.optional(),
      region: text.optional(),
      startupTimeoutMs: milliseconds('a whole number of milliseconds >= 1').optional(),
      serverEnv: z
        .record(z.string(), z.string(), { error: 'expected an object of environment variables (strings)' })
        .optional(),
    } satisfies OptionsShape<LocalAwsOptions>);
  check('startLocalAws', make, options, {});
}

/** Checks `startResponseCapture`'s options. @throws {ConfigurationError} naming the first offending option. */
export function checkResponseCaptureOptions(options: unknown): void {
  const make = () =>
    z.strictObject({
      behaviour: aFunction('a function ({ key, attempt }) => { status?, delayMs?, reset? }').optional(),
    } satisfies OptionsShape<ResponseCaptureOptions>);
  check('startResponseCapture', make, options, {});
}
