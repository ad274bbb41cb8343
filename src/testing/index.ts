export * from './events.js';
export * from './local-aws.js';
export * from './response-capture.js';
export * from './s3-responses.js';
