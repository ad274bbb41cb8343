// Node's own client, as the hand-written floor uses it: the module load and two PUTs.
async function put(url: URL): Promise<number> {
  const start = performance.now();
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  await new Promise<void>((resolve, reject) => {
    const outgoing = request(url, { method: 'PUT', headers: { 'content-type': '' } }, (response) => {
      response.resume();
      response.on('end', resolve);
    });
    outgoing.on('error', reject);
    outgoing.end('{}');
  });
  return performance.now() - start;
}

/** The first PUT loads the module and connects; the second connects again (no keep-alive agent). */
export async function run(): Promise<Record<string, number>> {
  const url = new URL(process.env.BENCH_URL ?? '');
  return { 'first PUT': await put(url), 'second PUT': await put(url) };
}
