export * from './events.js';
export * from './response-capture.js';
