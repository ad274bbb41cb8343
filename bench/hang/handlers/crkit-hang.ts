// crkit with a create that hangs: its watchdog answers FAILED before the Lambda's deadline.
import * as z from 'zod';
import { cfn, defineResource, lambdaHandler } from '../../../src/index.js';
import { hangingCall } from './hanging-call.js';

const Stuck = defineResource({
  resourceType: 'Custom::Bench',
  properties: z.object({ Name: z.string(), Size: cfn.integer() }),
  async create({ signal }) {
    await hangingCall(signal);
    return { physicalResourceId: 'bench-x' };
  },
  delete: () => {},
});

/** The provider's entry point, as a user would write it. */
export const handler = lambdaHandler(Stuck);
