// crkit's event schema: Powertools' CloudFormation schemas extended, a discriminated union (zod included).
import { CustomResourceEventSchema } from '../../../src/event/schema.js';

/** Times the first parse of a Create event, as crkit's core does it, and a second one. */
export async function run(): Promise<Record<string, number>> {
  const event = JSON.parse(process.env.BENCH_EVENT ?? '{}') as unknown;
  const start = performance.now();
  CustomResourceEventSchema.safeParse(event, { reportInput: true });
  const first = performance.now();
  CustomResourceEventSchema.safeParse(event, { reportInput: true });
  return { 'first parse': first - start, 'second parse': performance.now() - first };
}
