import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import type { ResponseTransport } from './transport.js';

/**
 * A transport on Node's own `node:http`/`node:https`, statically imported: it loads wherever crkit itself loads
 * (an ESM bundle included, where a bundled CommonJS `require` of a Node built-in throws), so it is the path the
 * answer takes when undici cannot load or cannot connect. One connection per PUT, no pool.
 */
export const nodeHttpsTransport: ResponseTransport = ({ url, headers, body, signal }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'http:' ? httpRequest : request;
    const outgoing = send(target, { method: 'PUT', headers, signal }, (response) => {
      response.on('error', reject);
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
      response.resume();
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
