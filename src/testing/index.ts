export type { SetupContext } from '../cli/run-setup.js';
export type { TestSeams } from '../core/test-seams.js';
export type { PutRequest, ResponseTransport } from '../response/transport.js';
export {
  type ConnectedProvider,
  type ConnectProviderOptions,
  connectProvider,
  type Exchange,
} from './connect-provider.js';
export { type ContractOptions, type ContractReport, checkContract } from './contract.js';
export type { ContractCheck } from './contract-checks.js';
export type { Delivered, Delivery, RequestDelivery } from './deliveries.js';
export { type EnvelopeOptions, type SqsEventOptions, snsEvent, sqsEvent } from './envelopes.js';
export * from './events.js';
export { type LifecycleOptions, playLifecycle } from './lifecycle.js';
export type { LifecycleStep, PropertiesOf, StepExpectation } from './lifecycle-steps.js';
export type {
  LifecycleAction,
  LifecycleEntry,
  LifecycleProgress,
  LifecycleTimeline,
} from './lifecycle-timeline.js';
export * from './local-aws.js';
export { captureOutput, type OutputCapture } from './output-capture.js';
export type { LambdaStyleHandler, ProviderTarget } from './provider-target.js';
export * from './response-capture.js';
export type { ResponseDestination } from './response-sink.js';
export * from './s3-responses.js';
export { testSeams } from './test-seams.js';
export { type AwsClientConfig, type TopicDeliveryOptions, topicDelivery } from './topic-delivery.js';
