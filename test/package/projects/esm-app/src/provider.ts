// A user's own provider in an ESM app (module NodeNext, "type": "module"); bundled as ESM and as CJS by the test.
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
