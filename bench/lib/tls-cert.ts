import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A self-signed certificate for 127.0.0.1. */
export interface LoopbackCertificate {
  readonly key: string;
  readonly cert: string;
  /** The certificate's file: give it to children as `NODE_EXTRA_CA_CERTS` so they trust the loopback server. */
  readonly certFile: string;
}

/**
 * Makes a self-signed RSA-2048 certificate (the key type S3 serves) for `127.0.0.1` with `openssl`, so that clients
 * which insist on https can reach a loopback server without `NODE_TLS_REJECT_UNAUTHORIZED=0`.
 *
 * @example
 * ```ts
 * const { key, cert, certFile } = await createLoopbackCertificate('/tmp/bench');
 * ```
 */
export async function createLoopbackCertificate(dir: string): Promise<LoopbackCertificate> {
  const keyFile = join(dir, 'loopback-key.pem');
  const certFile = join(dir, 'loopback-cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile };
}
