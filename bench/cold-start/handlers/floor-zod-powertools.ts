// The floor plus zod plus what crkit is asked to keep: Powertools' CloudFormation schema checks the event. No crkit
// code: what is left between this row and crkit's is crkit's own.

import { CloudFormationCustomResourceCreateSchema } from '@aws-lambda-powertools/parser/schemas/cloudformation-custom-resource';
import { handler as floorZod } from './floor-zod.js';

/** Validates the event with Powertools' Create schema, then does what the floor plus zod does. */
export async function handler(raw: unknown): Promise<void> {
  await floorZod(CloudFormationCustomResourceCreateSchema.parse(raw));
}
