import { randomUUID } from 'node:crypto';
import type { CreateEvent, DeleteEvent, UpdateEvent } from '../event/schema.js';
import { checkEventOptions } from './kit-options.js';

/**
 * What CloudFormation does to property values: every scalar becomes a string (`3` -> `"3"`, `false` -> `"false"`),
 * arrays and objects keep their shape.
 *
 * @example
 * ```ts
 * import { asCloudFormationSends } from 'crkit/testing';
 * asCloudFormationSends({ Ttl: 300, Tags: [1, true] }); // { Ttl: '300', Tags: ['1', 'true'] }
 * ```
 */
export function asCloudFormationSends(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asCloudFormationSends);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asCloudFormationSends(item)]));
  }
  return value === null || value === undefined ? value : String(value);
}

/** What every event factory takes; everything but `resourceType` has a default. */
export interface EventOptions {
  /** The custom resource's type, e.g. `Custom::Widget`. */
  readonly resourceType: string;
  /** The ResponseURL. @default a CloudFormation-shaped S3 URL (nothing listens there: pass a capture's URL) */
  readonly responseUrl?: string;
  /** @default `arn:aws:cloudformation:us-east-1:123456789012:stack/crkit-test/<uuid>` */
  readonly stackId?: string;
  /** @default a new UUID */
  readonly requestId?: string;
  /** @default `Resource` */
  readonly logicalResourceId?: string;
  /** `ServiceTimeout` in seconds, sent as CloudFormation does (a string inside ResourceProperties). @default none */
  readonly serviceTimeout?: number;
  /** @default `arn:aws:lambda:us-east-1:123456789012:function:crkit-provider` */
  readonly serviceToken?: string;
  /** The properties, in native types: scalars are turned into strings as CloudFormation does. @default {} */
  readonly properties?: Record<string, unknown>;
}

const DEFAULT_TOKEN = 'arn:aws:lambda:us-east-1:123456789012:function:crkit-provider';

function base(options: EventOptions) {
  const requestId = options.requestId ?? randomUUID();
  const stackId =
    options.stackId ?? `arn:aws:cloudformation:us-east-1:123456789012:stack/crkit-test/${randomUUID()}`;
  const logicalResourceId = options.logicalResourceId ?? 'Resource';
  const serviceToken = options.serviceToken ?? DEFAULT_TOKEN;
  const key = encodeURIComponent(`${stackId}|${logicalResourceId}|${requestId}`);
  return {
    ServiceToken: serviceToken,
    ResponseURL:
      options.responseUrl ??
      `https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/${key}?X-Amz-Signature=example`,
    StackId: stackId,
    RequestId: requestId,
    LogicalResourceId: logicalResourceId,
    ResourceType: options.resourceType,
  };
}

function properties(
  options: EventOptions,
  values: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return {
    ServiceToken: options.serviceToken ?? DEFAULT_TOKEN,
    ...(options.serviceTimeout === undefined ? {} : { ServiceTimeout: String(options.serviceTimeout) }),
    ...(asCloudFormationSends(values ?? {}) as Record<string, unknown>),
  };
}

/**
 * A Create request shaped like CloudFormation's.
 *
 * @example
 * ```ts
 * import { createEvent } from 'crkit/testing';
 * const event = createEvent({ resourceType: 'Custom::Widget', properties: { Size: 3 } });
 * event.ResourceProperties.Size; // '3'
 * ```
 */
export function createEvent(options: EventOptions): CreateEvent {
  checkEventOptions('createEvent', options);
  return {
    RequestType: 'Create',
    ...base(options),
    ResourceProperties: properties(options, options.properties),
  };
}

/** What `updateEvent` takes besides {@link EventOptions}. */
export interface UpdateEventOptions extends EventOptions {
  /** The id the resource has now. */
  readonly physicalResourceId: string;
  /** The properties before the update. @default {} */
  readonly oldProperties?: Record<string, unknown>;
}

/** An Update request shaped like CloudFormation's. */
export function updateEvent(options: UpdateEventOptions): UpdateEvent {
  checkEventOptions('updateEvent', options);
  return {
    RequestType: 'Update',
    ...base(options),
    PhysicalResourceId: options.physicalResourceId,
    ResourceProperties: properties(options, options.properties),
    OldResourceProperties: properties(options, options.oldProperties),
  };
}

/** What `deleteEvent` takes besides {@link EventOptions}. */
export interface DeleteEventOptions extends EventOptions {
  /** The id of the resource to delete. */
  readonly physicalResourceId: string;
}

/** A Delete request shaped like CloudFormation's. */
export function deleteEvent(options: DeleteEventOptions): DeleteEvent {
  checkEventOptions('deleteEvent', options);
  return {
    RequestType: 'Delete',
    ...base(options),
    PhysicalResourceId: options.physicalResourceId,
    ResourceProperties: properties(options, options.properties),
  };
}
