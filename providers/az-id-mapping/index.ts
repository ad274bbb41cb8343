export { AzIdMapping, type AzIdMappingOptions, createAzIdMappingDefinition } from './az-id-mapping.js';
export { handler } from './handler.js';
export { type ProviderPolicyStatement, policyStatements, requiredActions } from './permissions.js';
export { AzIdMappingProperties, type AzIdMappingProps } from './properties.js';
export { type AvailabilityZone, type AzIdMappingData, zoneMapData } from './zone-map.js';
