// The Powertools reference row plus the crkit row's handler built at init (its definition checked, its options
// resolved) and never invoked: what building a crkit handler costs beyond loading crkit.
import { handler as crkit } from './crkit.js';

/** The crkit row's handler, built when this module loads; never invoked. */
export const built = crkit;

export { handler } from './floor-zod-powertools.js';
