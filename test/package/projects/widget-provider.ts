// A user's own provider, copied into each fixture project (lib/ of the CDK apps, src/ of the others).
import { cfn, defineResource, lambdaHandler } from 'crkit';
import * as z from 'zod';

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
