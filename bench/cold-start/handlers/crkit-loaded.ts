// The Powertools reference row plus crkit's modules loaded at init and nothing of them called: what loading crkit
// (its modules parsed and evaluated) costs before any of its work.
import { cfn, defineResource, lambdaHandler } from '../../../src/index.js';

/** Kept so that the bundle holds what the crkit row imports; never called. */
export const loaded = [cfn, defineResource, lambdaHandler];

export { handler } from './floor-zod-powertools.js';
