export { handler } from './handler.js';
export { iamActionOf, servicePackageOf } from './iam-action.js';
export { formatRuntimeValue, parseRuntimeValue, type RuntimeValue, runtimeValuesIn } from './markers.js';
export {
  SDK_CALL_RESOURCE_TYPE,
  SDK_CALL_SENSITIVE_PROPERTIES,
  SdkCallProperties,
  type SdkCallPropertiesInput,
  type SdkCallProps,
  SdkCallSpec,
} from './properties.js';
export { pickResponseFields, responseField } from './response-fields.js';
export { createSdkCallDefinition, SdkCall, type SdkCallDefinitionOptions } from './sdk-call.js';
export type { ImportModule, SdkClientsOptions } from './sdk-clients.js';
