import { createHash, randomUUID } from 'node:crypto';
import type { ResponseBody } from '../../src/core/fit-response.js';
import type { LogAttributes, Logger } from '../../src/logger.js';
import type { ResponseTransport } from '../../src/response/transport.js';
import sqsFixture from '../fixtures/sqs-event.json' with { type: 'json' };

const template = sqsFixture.Records[0] as (typeof sqsFixture.Records)[number];

/** The SNS notification of the fixture, as SNS writes it into an SQS body when raw message delivery is off. */
export const snsEnvelope = JSON.parse(template.body) as Record<string, unknown>;

/**
 * One SQS record as Lambda builds it, carrying `message` (a request object, or any text) either as the body (raw
 * message delivery on) or inside an SNS notification (off). Every record gets its own message id.
 */
export function sqsRecord(message: unknown, options: { readonly raw?: boolean } = {}) {
  const text = typeof message === 'string' ? message : JSON.stringify(message);
  const body = options.raw
    ? text
    : JSON.stringify({ ...snsEnvelope, MessageId: randomUUID(), Message: text });
  const md5OfBody = createHash('md5').update(body).digest('hex');
  return { ...template, messageId: randomUUID(), receiptHandle: `AQEB${randomUUID()}`, body, md5OfBody };
}

/** An SQS event of one record per message. */
export const sqsEvent = (...messages: unknown[]) => ({
  Records: messages.map((message) => sqsRecord(message)),
});

/** A Lambda context whose invocation ends `remainingMs` from now. */
export function contextFor(remainingMs = 30_000) {
  const end = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => end - Date.now() };
}

/** A transport standing in for the response bucket: `up(url)` decides whether a PUT is accepted. */
export function responseEndpoint(up: (url: string) => boolean = () => true) {
  const tried: { readonly url: string; readonly body: string }[] = [];
  const accepted: ResponseBody[] = [];
  const transport: ResponseTransport = async ({ url, body }) => {
    tried.push({ url, body });
    if (!up(url)) return { statusCode: 503 };
    accepted.push(JSON.parse(body) as ResponseBody);
    return { statusCode: 200 };
  };
  return { tried, accepted, transport };
}

/** A logger that keeps every line, attributes as given (unredacted, so that a test sees what crkit passed). */
export function recordingLogger() {
  const lines: { level: string; message: string; attributes?: LogAttributes }[] = [];
  const at =
    (level: string) =>
    (message: string, attributes?: LogAttributes): void => {
      lines.push({ level, message, ...(attributes ? { attributes } : {}) });
    };
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, logger };
}

/** A logger that writes nothing. */
export const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
