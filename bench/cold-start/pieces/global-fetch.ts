// Node's global fetch (undici built into Node, loaded on first use): the no-dependency alternative to undici.
async function put(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { method: 'PUT', headers: { 'content-type': '' }, body: '{}' });
  await response.arrayBuffer();
  return performance.now() - start;
}

/** The first PUT loads Node's internal undici and connects; the second reuses the connection. */
export async function run(): Promise<Record<string, number>> {
  const url = process.env.BENCH_URL ?? '';
  return { 'first PUT': await put(url), 'second PUT': await put(url) };
}
