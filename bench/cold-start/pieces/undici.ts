// undici loaded up front (the module crkit preloads), then two PUTs like crkit's default transport sends.
import { request } from 'undici';

async function put(url: string): Promise<number> {
  const start = performance.now();
  const response = await request(url, { method: 'PUT', headers: { 'content-type': '' }, body: '{}' });
  await response.body.dump();
  return performance.now() - start;
}

/** The first PUT connects and compiles undici's llhttp parser; the second reuses both. */
export async function run(): Promise<Record<string, number>> {
  const url = process.env.BENCH_URL ?? '';
  return { 'first PUT': await put(url), 'second PUT': await put(url) };
}
