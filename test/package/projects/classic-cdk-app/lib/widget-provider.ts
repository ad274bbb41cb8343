// A user's own provider in the `cdk init app --language typescript` layout (CommonJS, module NodeNext).
import { cfn, defineResource, lambdaHandler } from 'crkit';
import { z } from 'zod';

export const Widget = defineResource({
  resourceType: 'Custom::Widget',
  properties: z.object({ Name: z.string().min(1), Size: cfn.integer() }),
  create: ({ properties }) => ({
    physicalResourceId: `widget-${properties.Name}`,
    data: { Area: properties.Size ** 2 },
  }),
  delete: () => {},
});

export const handler = lambdaHandler(Widget);
