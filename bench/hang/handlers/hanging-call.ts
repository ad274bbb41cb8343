// A call that never answers, like an SDK request to a service that accepted the connection and went silent: a GET
// to the bench's silent server (BENCH_SILENT_URL).
import { get } from 'node:http';

/** Resolves when the silent server answers, which it never does; rejects when `signal` aborts. */
export function hangingCall(signal?: AbortSignal): Promise<void> {
  const url = process.env.BENCH_SILENT_URL;
  if (!url) return Promise.reject(new Error('BENCH_SILENT_URL is not set'));
  return new Promise((resolve, reject) => {
    const request = get(url, signal ? { signal } : {}, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('error', reject);
  });
}
