// `crkit/providers/az-id-mapping`: what a user of the provider writes with (its definition and factory, the
// ready-made handler, the IAM it needs, its properties and Data). test/unit/public-surface.test.ts lists them.
export {
  AzIdMappingDefinition,
  type AzIdMappingOptions,
  createAzIdMappingDefinition,
} from './az-id-mapping.js';
export { handler } from './handler.js';
export { policyStatements, requiredActions } from './permissions.js';
export { AzIdMappingProperties, type AzIdMappingValues } from './properties.js';
export type { AzIdMappingData } from './zone-map.js';
