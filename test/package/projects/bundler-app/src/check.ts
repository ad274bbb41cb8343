// The other entry points a user imports, type-checked as a bundler-resolution app sees them.
import { App, Stack } from 'aws-cdk-lib';
import { CrkitProvider, CrkitResource } from 'crkit/cdk';
import { createEvent, playLifecycle } from 'crkit/testing';
import { Widget } from './widget-provider';

const stack = new Stack(new App(), 'Widgets');
const provider = CrkitProvider.getOrCreate(stack, {
  providerId: 'acme.widget',
  entry: 'src/widget-provider.ts',
});
new CrkitResource(stack, 'Widget', { definition: Widget, provider, properties: { Name: 'w', Size: 3 } });
createEvent({ resourceType: 'Custom::Widget', properties: { Name: 'w', Size: 3 } });
export const played = () => playLifecycle(Widget, { steps: [{ create: { Name: 'w', Size: 3 } }, 'delete'] });
