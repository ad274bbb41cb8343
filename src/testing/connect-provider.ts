import type { ResponseBody } from '../core/fit-response.js';
import type { BatchHandlerOptions } from '../entry/process-records.js';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { redact } from '../redact.js';
import { judgeArrival, type RequestIdentity } from './acceptance.js';
import { inProcessDelivery, type RequestDelivery, type RequestRoute } from './deliveries.js';
import { checkConnectOptions } from './kit-options.js';
import { connectTarget, type ProviderTarget } from './provider-target.js';
import { startResponseCapture } from './response-capture.js';
import { type ResponseDestination, toResponseSink, waitForResponses } from './response-sink.js';

/**
 * How {@link connectProvider} reaches a provider and where its responses go.
 *
 * @example
 * ```ts
 * import type { ConnectProviderOptions } from 'crkit/testing';
 * const options: ConnectProviderOptions = { via: 'sqs', raw: true, lambdaTimeoutMs: 10_000 };
 * ```
 */
export interface ConnectProviderOptions {
  /** How requests arrive: invoked directly (`lambda`), in an SNS event, or in an SQS event. @default 'lambda' */
  readonly via?: RequestRoute;
  /** With `via: 'sqs'`: raw message delivery on (the body is the request, not an SNS notification). @default false */
  readonly raw?: boolean;
  /**
   * How each request travels to the handler, e.g. `topicDelivery(...)` through a real SNS topic and SQS queue of the
   * emulator (give `via: 'sqs'` with it). @default in this process, as an event shaped for `via`
   */
  readonly delivery?: RequestDelivery;
  /** Where responses go. @default a new `startResponseCapture()`, closed by `close()` */
  readonly responses?: ResponseDestination;
  /** The Lambda timeout each invocation gets (`getRemainingTimeInMillis`). @default 30_000 */
  readonly lambdaTimeoutMs?: number;
  /** How long to wait for a response after the handler returned without one having arrived. @default 2_000 */
  readonly responseWaitMs?: number;
  /** Options of the entry a definition or router is wrapped in (ignored for a handler function). @default {} */
  readonly handlerOptions?: BatchHandlerOptions;
  /** Also receives the log lines of a wrapped definition or router. @default none: lines are only kept in `logs` */
  readonly logger?: Logger;
}

/** One request and what CloudFormation would have made of its answer. */
export interface Exchange {
  /** The request as sent, its ResponseURL redacted. */
  readonly request: Readonly<Record<string, unknown>>;
  /** The (first) response that arrived. */
  readonly response?: ResponseBody;
  /** How many responses arrived for the request (a bucket destination shows at most one). */
  readonly responses: number;
  /** The size of the response body in bytes. */
  readonly bytes?: number;
  readonly durationMs: number;
  /** How often the request was delivered (SQS delivers again what the handler reports as failed). */
  readonly deliveries: number;
  /** Whether CloudFormation would accept the answer: one response, at most 4096 bytes, valid Status and id. */
  readonly accepted: boolean;
  /** Why it would not, and anything else that went wrong (a handler that threw). */
  readonly problems: readonly string[];
}

/** A provider connected to a response destination, ready for requests. */
export interface ConnectedProvider {
  /** The resource type of a definition (the first of a router); undefined for a handler function. */
  readonly resourceType: string | undefined;
  /** Where responses go; its origin is allowed for this provider. */
  readonly destination: ResponseDestination;
  /** Log lines of a wrapped definition or router, unredacted JSON. */
  readonly logs: readonly string[];
  /** The ResponseURLs handed out so far (credentials: never print them). */
  readonly responseUrls: readonly string[];
  /** Sends one request (its ResponseURL replaced by a fresh one of the destination) and checks the answer. */
  send(request: Readonly<Record<string, unknown>>): Promise<Exchange>;
  /**
   * Delivers the last request again, ResponseURL and all, as SNS, SQS or a Lambda retry may. Several responses to
   * it are then fine as long as they agree; the exchange shows the last one.
   */
  sendAgain(): Promise<Exchange>;
  /** Every exchange so far, checked again: a response that arrived late (or twice) shows up here. */
  recheck(): Promise<Exchange[]>;
  /** Closes the capture this provider started, if any. */
  close(): Promise<void>;
}

/**
 * Connects a provider (a definition, a router or any Lambda handler) to a response destination, so that requests
 * can be sent to it one by one and every answer is checked as CloudFormation would.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineResource } from 'crkit';
 * import { connectProvider, createEvent } from 'crkit/testing';
 *
 * const Noop = defineResource({
 *   resourceType: 'Custom::Noop',
 *   properties: z.object({}),
 *   create: () => {},
 *   delete: () => {},
 * });
 * const provider = await connectProvider(Noop);
 * const exchange = await provider.send(createEvent({ resourceType: 'Custom::Noop' }));
 * exchange.response?.Status; // 'SUCCESS'
 * await provider.close();
 * ```
 */
export async function connectProvider(
  target: ProviderTarget,
  options: ConnectProviderOptions = {},
): Promise<ConnectedProvider> {
  checkConnectOptions(options);
  return openProvider(target, options);
}

/**
 * {@link connectProvider} for the test kit's own functions, whose options hold these among their own (checked by
 * them).
 */
export async function openProvider(
  target: ProviderTarget,
  options: ConnectProviderOptions = {},
): Promise<ConnectedProvider> {
  const owned = options.responses === undefined ? await startResponseCapture() : undefined;
  const destination = options.responses ?? (owned as ResponseDestination);
  const sink = toResponseSink(destination);
  const connected = connectTarget(target, {
    via: options.via ?? 'lambda',
    delivery: options.delivery ?? inProcessDelivery(options.via ?? 'lambda', options.raw ?? false),
    origin: sink.origin,
    lambdaTimeoutMs: options.lambdaTimeoutMs ?? 30_000,
    handlerOptions: options.handlerOptions ?? {},
    logger: options.logger,
  });
  const waitMs = options.responseWaitMs ?? 2_000;
  const responseUrls: string[] = [];
  const sent: {
    exchange: Exchange;
    url: string;
    request: Record<string, unknown>;
    identity: RequestIdentity;
    extra: readonly string[];
    repeat: boolean;
  }[] = [];
  const repeated = new Set<string>();

  const check = async (
    url: string,
    identity: RequestIdentity,
    extra: readonly string[],
    waited: boolean,
    repeat: boolean,
  ) => {
    const all = waited ? await sink.arrived(url) : await waitForResponses(sink, url, waitMs);
    return judgeArrival(identity, all, extra, { repeat, original: repeated.has(url) && !repeat });
  };

  const deliver = async (
    request: Record<string, unknown>,
    url: string,
    repeat: boolean,
  ): Promise<Exchange> => {
    const identity = {
      StackId: String(request.StackId),
      RequestId: String(request.RequestId),
      LogicalResourceId: String(request.LogicalResourceId),
    };
    const handed = await connected.hand(request);
    const base = {
      request: { ...request, ResponseURL: redact(url) },
      durationMs: handed.durationMs,
      deliveries: handed.deliveries,
    };
    const exchange: Exchange = { ...base, ...(await check(url, identity, handed.problems, false, repeat)) };
    sent.push({ exchange, url, request, identity, extra: handed.problems, repeat });
    return exchange;
  };

  return {
    resourceType: connected.resourceType,
    destination,
    logs: connected.logs,
    responseUrls,
    async send(request) {
      const url = await sink.responseUrl();
      responseUrls.push(url);
      return deliver({ ...request, ResponseURL: url }, url, false);
    },
    async sendAgain() {
      const last = sent.at(-1);
      if (!last) throw new ConfigurationError('sendAgain', 'nothing was sent yet: call send() first');
      repeated.add(last.url);
      return deliver(last.request, last.url, true);
    },
    recheck: () =>
      Promise.all(
        sent.map(async ({ exchange, url, identity, extra, repeat }) => {
          const { request, durationMs, deliveries } = exchange;
          return { request, durationMs, deliveries, ...(await check(url, identity, extra, true, repeat)) };
        }),
      ),
    close: async () => {
      if (owned && 'close' in owned) await owned.close();
    },
  };
}
