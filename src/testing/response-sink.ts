import { setTimeout as delay } from 'node:timers/promises';
import type { ResponseBody } from '../core/fit-response.js';
import type { ResponseCapture } from './response-capture.js';
import type { S3ResponseBucket } from './s3-responses.js';

/** Where responses go during a test run: a loopback capture or a bucket of the emulator with pre-signed URLs. */
export type ResponseDestination = ResponseCapture | S3ResponseBucket;

/** The responses that arrived for one ResponseURL. */
export interface ArrivedResponses {
  /** Bodies in order of arrival (a bucket keeps only the last one). */
  readonly bodies: readonly ResponseBody[];
  /** The size in bytes of each body as sent (as re-serialised for a bucket). */
  readonly sizes: readonly number[];
}

/** The one interface the player needs of a destination. */
export interface ResponseSink {
  readonly origin: string;
  /** Whether a second response to the same URL can be seen (a capture counts them, a bucket overwrites). */
  readonly countsDuplicates: boolean;
  responseUrl(): Promise<string>;
  arrived(url: string): Promise<ArrivedResponses>;
}

const POLL_MS = 25;

function isCapture(destination: ResponseDestination): destination is ResponseCapture {
  return 'responseFor' in destination;
}

/** Adapts a capture or a bucket to {@link ResponseSink}. */
export function toResponseSink(destination: ResponseDestination): ResponseSink {
  if (isCapture(destination)) {
    const keyOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
    return {
      origin: destination.origin,
      countsDuplicates: true,
      responseUrl: async () => destination.responseUrl(),
      arrived: async (url) => {
        const key = keyOf(url);
        const matching = destination.responses.filter((response) => response.key === key);
        return {
          bodies: matching.map((response) => response.body),
          sizes: matching.map((response) => Buffer.byteLength(response.raw, 'utf8')),
        };
      },
    };
  }
  return {
    origin: destination.origin,
    countsDuplicates: false,
    responseUrl: () => destination.responseUrl(),
    arrived: async (url) => {
      const body = await destination.read(url);
      if (!body) return { bodies: [], sizes: [] };
      return { bodies: [body], sizes: [Buffer.byteLength(JSON.stringify(body), 'utf8')] };
    },
  };
}

/**
 * What arrived for `url`, waiting up to `waitMs` for a first response: a handler may resolve before its PUT is done
 * (a callback-style handler that answers after returning).
 */
export async function waitForResponses(
  sink: ResponseSink,
  url: string,
  waitMs: number,
): Promise<ArrivedResponses> {
  const until = Date.now() + waitMs;
  for (;;) {
    const arrived = await sink.arrived(url);
    if (arrived.bodies.length > 0 || Date.now() >= until) return arrived;
    await delay(POLL_MS);
  }
}
