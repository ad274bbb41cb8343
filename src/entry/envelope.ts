import { isContinuation } from '../long-running/continuation.js';

/** One record of an SNS or SQS batch, unwrapped: the CloudFormation request it carries, or why it carries none. */
export type UnwrappedRecord =
  | { readonly id: string; readonly request: Record<string, unknown>; readonly source?: string }
  | { readonly id: string; readonly problem: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringField = (value: unknown, key: string): string | undefined => {
  const field = isObject(value) ? value[key] : undefined;
  return typeof field === 'string' ? field : undefined;
};

/** Parses JSON text into an object. The problem never quotes the text: it may hold a ResponseURL. */
function parseObject(text: string | undefined, what: string): Json | string {
  if (text === undefined) return `${what} is missing or not a string`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // V8's SyntaxError quotes the input, which may hold a pre-signed URL: say only what was wrong.
    return `${what} is not JSON`;
  }
  return isObject(value) ? value : `${what} is JSON but not an object`;
}

function unwrap(id: string, text: string | undefined, what: string): UnwrappedRecord {
  const parsed = parseObject(text, what);
  return typeof parsed === 'string' ? { id, problem: parsed } : { id, request: parsed };
}

/**
 * An SNS notification as SNS writes it into an SQS body when raw message delivery is off (SNS Developer Guide,
 * "HTTP/HTTPS notification JSON format"): `Type`, `MessageId`, `TopicArn`, `Message`, and signature fields.
 */
function isSnsEnvelope(body: Json): boolean {
  return (
    typeof body.Type === 'string' && typeof body.TopicArn === 'string' && typeof body.MessageId === 'string'
  );
}

/**
 * crkit hands its continuations over by a direct Invoke or an SQS message, never through SNS: one published to the
 * topic was forged by a publisher (it would skip create and answer for another's state), and is dropped unread.
 */
function refuseContinuation(record: UnwrappedRecord): UnwrappedRecord {
  if (!('request' in record) || !isContinuation(record.request)) return record;
  return {
    id: record.id,
    problem: 'an SNS message carries a crkit continuation, which crkit never publishes: dropped',
  };
}

/**
 * A long-running operation's continuation, invoked directly (a function handing over to itself), as one record; or
 * undefined when the event is a batch.
 */
export function unwrapContinuation(event: unknown): UnwrappedRecord[] | undefined {
  return isContinuation(event) ? [{ id: 'continuation', request: event as Json }] : undefined;
}

/** The records of a Lambda event, or none when it has no `Records` array. */
function recordsOf(event: unknown): readonly unknown[] {
  const records = isObject(event) ? event.Records : undefined;
  return Array.isArray(records) ? records : [];
}

/**
 * The requests of an SQS event. Works with raw message delivery on (the body is the request) and off (the body is
 * an SNS notification whose `Message` is the request). The id is the SQS `messageId`, which a batch item failure
 * names.
 */
export function unwrapSqsEvent(event: unknown): UnwrappedRecord[] {
  return recordsOf(event).map((record) => {
    const id = stringField(record, 'messageId') ?? '';
    const body = parseObject(stringField(record, 'body'), 'SQS body');
    if (typeof body === 'string') return { id, problem: body };
    // The queue a request came from is where a long-running operation is handed back to.
    const source = stringField(record, 'eventSourceARN');
    if (!isSnsEnvelope(body)) return source ? { id, request: body, source } : { id, request: body };
    if (body.Type !== 'Notification') {
      // A cross-account subscription's confirmation lands in the queue like any message; it is not a request.
      return { id, problem: `SQS body is an SNS ${String(body.Type)} message, not a notification` };
    }
    const unwrapped = refuseContinuation(unwrap(id, stringField(body, 'Message'), 'SNS Message'));
    return source && 'request' in unwrapped ? { ...unwrapped, source } : unwrapped;
  });
}

/** The requests of an SNS event (Lambda subscribed to the topic). The id is the SNS `MessageId`, for logs. */
export function unwrapSnsEvent(event: unknown): UnwrappedRecord[] {
  return recordsOf(event).map((record) => {
    const sns = isObject(record) ? record.Sns : undefined;
    return refuseContinuation(
      unwrap(stringField(sns, 'MessageId') ?? '', stringField(sns, 'Message'), 'SNS Message'),
    );
  });
}
