// `crkit/providers/sdk-call`: what a user of the provider writes with (its definition and factory, the ready-made
// handler, its properties). test/unit/public-surface.test.ts lists them.
export { handler } from './handler.js';
export {
  SDK_CALL_RESOURCE_TYPE,
  SdkCallProperties,
  type SdkCallPropertiesInput,
  type SdkCallValues,
} from './properties.js';
export { createSdkCallDefinition, SdkCallDefinition, type SdkCallDefinitionOptions } from './sdk-call.js';
export type { ImportModule } from './sdk-clients.js';
