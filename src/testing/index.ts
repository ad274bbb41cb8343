export { EnvironmentError } from '../errors.js';
export type { PutRequest, ResponseTransport } from '../response/transport.js';
export type { TestSeams } from '../test-seams.js';
export {
  type ConnectedProvider,
  type ConnectProviderOptions,
  connectProvider,
  type Exchange,
} from './connect-provider.js';
export { type ContractOptions, type ContractReport, checkContract } from './contract.js';
export type { ContractCheck } from './contract-checks.js';
export type { Delivered, RequestDelivery, RequestRoute } from './deliveries.js';
export { type EnvelopeOptions, type SqsEventOptions, snsEvent, sqsEvent } from './envelopes.js';
export {
  asCloudFormationSends,
  createEvent,
  type DeleteEventOptions,
  deleteEvent,
  type EventOptions,
  type UpdateEventOptions,
  updateEvent,
} from './events.js';
export { type LifecycleOptions, playLifecycle } from './lifecycle.js';
export type { LifecycleStep, PropertiesOf, StepExpectation } from './lifecycle-steps.js';
export type {
  LifecycleAction,
  LifecycleEntry,
  LifecycleProgress,
  LifecycleTimeline,
} from './lifecycle-timeline.js';
export {
  type LocalAws,
  type LocalAwsClientConfig,
  type LocalAwsCredentials,
  type LocalAwsOptions,
  startLocalAws,
} from './local-aws.js';
export { captureOutput, type OutputCapture } from './output-capture.js';
export type { LambdaStyleHandler, ProviderTarget } from './provider-target.js';
export {
  type CaptureBehaviour,
  type CapturedResponse,
  type ResponseCapture,
  type ResponseCaptureOptions,
  startResponseCapture,
} from './response-capture.js';
export type { ResponseDestination } from './response-sink.js';
export { createS3ResponseBucket, type S3Endpoint, type S3ResponseBucket } from './s3-responses.js';
export type { SetupContext } from './setup-context.js';
export { testSeams } from './test-seams.js';
export { type AwsClientConfig, type TopicDeliveryOptions, topicDelivery } from './topic-delivery.js';
