import type * as z from 'zod';
import type { CreateEvent, CustomResourceEvent, DeleteEvent, UpdateEvent } from '../event/schema.js';
import type { Logger } from '../logger.js';

/** A zod schema of a resource's `ResourceProperties` (without `ServiceToken`/`ServiceTimeout`, which crkit removes). */
export type PropertiesSchema = z.ZodType<Record<string, unknown>, unknown>;

/**
 * What a handler may put into `Data`. Nested objects and arrays are flattened into dotted keys (`a.b`, `list.0`) and
 * every value becomes a string, because `Fn::GetAtt` reads flat string attributes.
 */
export type ResourceData = Record<string, unknown>;

/** What a create or update handler may return (or nothing). */
export interface HandlerResult<D extends ResourceData = ResourceData> {
  /** The physical id; on Create defaults to crkit's deterministic id, on Update a new id means replacement. */
  readonly physicalResourceId?: string;
  /** Attributes for `Fn::GetAtt`. */
  readonly data?: D;
  /** Mask `Data` in `Fn::GetAtt` output and stack events. crkit never logs Data values either way. */
  readonly noEcho?: boolean;
  /**
   * Not finished yet: crkit calls `isComplete` with this state (any JSON value) until it answers without `pending`,
   * handing over to a new invocation when this one nears its deadline.
   */
  readonly pending?: unknown;
}

/** What `isComplete` receives: the request, the id, and the state the last handler or check returned. */
export interface CompletionContext<P> extends HandlerContextBase {
  /** The operation still running: `Create` also for an update that replaces the resource. */
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly properties: P;
  /** On an in-place update, the properties before it. */
  readonly oldProperties?: P;
  readonly physicalResourceId: string;
  /** What the handler (or the previous check) returned as `pending`. */
  readonly state: unknown;
  /** Checks made before this one, across invocations. */
  readonly attempt: number;
  /** Milliseconds since the operation started, across invocations. */
  readonly elapsedMs: number;
  /**
   * Milliseconds the operation may take in all (from its start, across invocations) before crkit answers it FAILED
   * as timed out: `completion.timeoutSeconds`, else a little below the resource's `ServiceTimeout` (3,600 s by
   * default), less the answer's margin. A check that wants to fail with its own Reason first compares `elapsedMs`
   * with it.
   */
  readonly timeoutMs: number;
  readonly event: CustomResourceEvent;
}

/** How long-running operations are checked. */
export interface CompletionOptions {
  /**
   * How long an operation may take in all, across invocations, before it is answered FAILED.
   * @default the resource's ServiceTimeout (3600 s when absent) less a tenth of it, at most 60 s, and less the
   * answer's margin (`timeoutMarginMs`) at least
   */
  readonly timeoutSeconds?: number;
  /** The first wait before `isComplete`. @default 250 */
  readonly initialDelayMs?: number;
  /** The longest wait between checks (each wait is 1.5 times the last). @default 1000 */
  readonly maxDelayMs?: number;
}

/** What every handler receives. */
interface HandlerContextBase {
  /** Structured logging; lines are redacted of URL credentials by the built-in logger. */
  readonly logger: Logger;
  /** Fires when the deadline is reached: crkit has answered FAILED and the handler should stop. */
  readonly signal: AbortSignal;
}

/** What `create` receives. */
export interface CreateContext<P> extends HandlerContextBase {
  readonly requestType: 'Create';
  /** The validated, converted properties. */
  readonly properties: P;
  /** crkit's deterministic id for this request; return another to use your own. */
  readonly physicalResourceId: string;
  readonly event: CreateEvent | UpdateEvent;
}

/** What `update` receives. */
export interface UpdateContext<P> extends HandlerContextBase {
  readonly requestType: 'Update';
  readonly properties: P;
  /** The properties before this update, validated by the same schema. */
  readonly oldProperties: P;
  /** The current physical id. Returning another one replaces the resource. */
  readonly physicalResourceId: string;
  readonly event: UpdateEvent;
}

/**
 * What `delete` receives. crkit's Delete contract: `delete` runs for every Delete of an id this provider issued,
 * whatever the properties say. Delete from `physicalResourceId` alone wherever you can (put in the id what deleting
 * needs); `properties` is `undefined` when they no longer match the schema (a provider upgraded since the create),
 * and `rawProperties` then holds what CloudFormation sent, to read what you still can.
 */
export interface DeleteContext<P> extends HandlerContextBase {
  readonly requestType: 'Delete';
  /** The validated properties, or `undefined` when they no longer match the schema. */
  readonly properties: P | undefined;
  /** The properties as CloudFormation sent them (strings), without `ServiceToken` and `ServiceTimeout`. */
  readonly rawProperties: Readonly<Record<string, unknown>>;
  /** The id of the resource to delete; a Delete can never change it. */
  readonly physicalResourceId: string;
  readonly event: DeleteEvent;
}

type MaybePromise<T> = T | Promise<T>;

/** Everything `defineResource` takes: the resource type, its properties schema, its handlers and options. */
export interface ResourceDefinitionInput<S extends PropertiesSchema, D extends ResourceData = ResourceData> {
  /** `Custom::Name` (up to 60 characters of letters, digits and `_@-.`) or `AWS::CloudFormation::CustomResource`. */
  readonly resourceType: string;
  /** The zod schema of `ResourceProperties`; use the `cfn` helpers for numbers, booleans and lists. */
  readonly properties: S;
  /** Creates the resource. Also called, with the new properties, when an update replaces the resource. */
  create(context: CreateContext<z.output<S>>): MaybePromise<HandlerResult<D> | undefined | void>;
  /**
   * Updates the resource in place, or replaces it by returning a new `physicalResourceId`.
   * @default every update is a replacement: `create` runs with the new properties
   */
  update?(context: UpdateContext<z.output<S>>): MaybePromise<HandlerResult<D> | undefined | void>;
  /**
   * Deletes the resource. Must succeed when it is already gone: CloudFormation may send Delete more than once. It is
   * called for every Delete of an id this provider issued (see {@link DeleteContext}); a throw answers FAILED, except
   * when the properties no longer match the schema: then the answer is SUCCESS with a Reason saying the resource may
   * remain (a stack must never be stuck in DELETE_FAILED because a schema changed).
   */
  delete(context: DeleteContext<z.output<S>>): MaybePromise<void | Pick<HandlerResult, 'pending'>>;
  /**
   * The physical ids this provider issues. A Delete of any other id (CloudFormation makes one up, shaped like
   * `stack-Logical-1QX7Z9KD2M4AB`, when a stack fails while a Create is in flight) is answered SUCCESS, naming the id
   * in the Reason, without calling `delete`: nothing of this provider's has it.
   * @default every id is taken to be one this provider issued
   */
  readonly physicalResourceId?: z.ZodType<string, string>;
  /**
   * Checks whether an operation that returned `pending` has finished: return `{ pending }` (the new state) while it
   * has not, or the final `{ data, noEcho }` when it has. Throwing fails the operation.
   * @default none: a handler returning `pending` is then a FAILED answer
   */
  isComplete?(context: CompletionContext<z.output<S>>): MaybePromise<HandlerResult<D> | undefined | void>;
  /** Called once when a pending operation runs out of time, to clean up; the answer is FAILED either way. */
  onTimeout?(context: CompletionContext<z.output<S>>): MaybePromise<void>;
  /** How pending operations are checked. */
  readonly completion?: CompletionOptions;
  /**
   * Properties whose change forces replacement: `create` runs with the new properties and answers a new id; the old
   * resource is removed by the Delete CloudFormation sends during cleanup.
   * @default none
   */
  readonly replaceOn?: readonly (keyof z.output<S> & string)[];
  /**
   * Properties whose values are secret: never echoed in a Reason or a log line.
   * @default none
   */
  readonly sensitiveProperties?: readonly (keyof z.output<S> & string)[];
}

/** A resource type crkit can serve, made by `defineResource`. */
export interface ResourceDefinition<
  S extends PropertiesSchema = PropertiesSchema,
  D extends ResourceData = ResourceData,
> extends ResourceDefinitionInput<S, D> {
  readonly kind: 'crkit.resource';
}

/** A resource definition of any schema, as a router holds it. */
// biome-ignore lint/suspicious/noExplicitAny: a router holds definitions of unrelated schemas; each is checked when defined.
export type AnyResourceDefinition = ResourceDefinition<any, any>;
