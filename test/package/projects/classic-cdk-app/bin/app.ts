// An app of the older `cdk init` layout ("module": "commonjs", so moduleResolution node10): crkit's typesVersions
// give it the subpaths' types.
import { App, Stack } from 'aws-cdk-lib';
import { CrkitProvider, CrkitResource } from 'crkit/cdk';
import { createEvent } from 'crkit/testing';
import { Widget } from '../lib/widget-provider';

const stack = new Stack(new App(), 'Widgets');
const provider = CrkitProvider.getOrCreate(stack, {
  providerId: 'acme.widget',
  entry: 'lib/widget-provider.ts',
});
new CrkitResource(stack, 'Widget', { definition: Widget, provider, properties: { Name: 'w', Size: 3 } });
createEvent({ resourceType: 'Custom::Widget', properties: { Name: 'w', Size: 3 } });
