// Loads a bundled provider as Lambda's Node.js runtime would and hands it one event: node run-bundle.mjs BUNDLE EVENT
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
const module = await import(pathToFileURL(bundle).href);
const handler = module.handler ?? module.default?.handler;
const context = {
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:widget',
  getRemainingTimeInMillis: () => 20_000,
};
await handler(JSON.parse(readFileSync(eventFile, 'utf8')), context);
