// zod 4's functional flavour, `zod/mini`: the same core with checks as functions instead of methods.
import * as z from 'zod/mini';

const Properties = z.object({ Name: z.string(), Size: z.string() });

/** Times the first parse and a second one. */
export async function run(): Promise<Record<string, number>> {
  const start = performance.now();
  Properties.parse({ Name: 'x', Size: '3' });
  const first = performance.now();
  Properties.parse({ Name: 'y', Size: '4' });
  return { 'first parse': first - start, 'second parse': performance.now() - first };
}
