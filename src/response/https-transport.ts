import type { ResponseTransport } from './transport.js';

type Requester = typeof import('node:https').request;

let https: Promise<Requester> | undefined;
let http: Promise<Requester> | undefined;

/**
 * Node's own client for a scheme, imported at its first use rather than at init: `node:https` loads TLS, which no
 * request needs before its answer. A dynamic import of a built-in works in every bundle (an ESM one included, where
 * a bundled CommonJS `require` of a built-in throws).
 */
export function loadNodeClient(protocol: string): Promise<Requester> {
  if (protocol === 'http:') {
    http ??= import('node:http').then((module) => module.request as Requester);
    return http;
  }
  https ??= import('node:https').then((module) => module.request);
  return https;
}

/**
 * A transport on Node's own `node:http`/`node:https`: it loads wherever crkit itself loads, so it is the path the
 * answer takes until undici has loaded, when undici cannot load or cannot connect. One connection per PUT, no pool.
 */
export const nodeHttpsTransport: ResponseTransport = async ({ url, headers, body, signal }) => {
  const target = new URL(url);
  const send = await loadNodeClient(target.protocol);
  return new Promise((resolve, reject) => {
    const outgoing = send(target, { method: 'PUT', headers, signal }, (response) => {
      response.on('error', reject);
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
      response.resume();
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
};
