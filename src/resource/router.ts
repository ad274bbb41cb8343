import { ConfigurationError } from '../errors.js';
import type { AnyResourceDefinition } from './types.js';

/** Several resource types served by one Lambda, routed by `ResourceType`. Made by {@link createRouter}. */
export interface Router {
  readonly kind: 'crkit.router';
  /** The resource types served, in the order given. */
  readonly resourceTypes: readonly string[];
  /** The definition serving `resourceType`, if any. */
  find(resourceType: string): AnyResourceDefinition | undefined;
}

/**
 * Serves several resource types from one Lambda. A request for a type it does not serve is answered FAILED with a
 * reason that lists the types it serves.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { createRouter, defineResource, lambdaHandler } from 'crkit';
 *
 * const Noop = (resourceType: string) =>
 *   defineResource({ resourceType, properties: z.object({}), create: () => {}, delete: () => {} });
 * export const handler = lambdaHandler(createRouter(Noop('Custom::A'), Noop('Custom::B')));
 * ```
 */
export function createRouter(...definitions: AnyResourceDefinition[]): Router {
  if (definitions.length === 0)
    throw new ConfigurationError('definitions', 'expected at least one resource definition');
  const byType = new Map<string, AnyResourceDefinition>();
  for (const definition of definitions) {
    if (definition?.kind !== 'crkit.resource') {
      throw new ConfigurationError('definitions', 'expected definitions made by defineResource()');
    }
    if (byType.has(definition.resourceType)) {
      throw new ConfigurationError('definitions', `${definition.resourceType} is defined twice; keep one`);
    }
    byType.set(definition.resourceType, definition);
  }
  return Object.freeze({
    kind: 'crkit.router' as const,
    resourceTypes: [...byType.keys()],
    find: (resourceType: string) => byType.get(resourceType),
  });
}

/** A router for a single definition, or the router itself. */
export function toRouter(target: AnyResourceDefinition | Router): Router {
  if ((target as Partial<Router> | null | undefined)?.kind === 'crkit.router') return target as Router;
  if ((target as Partial<AnyResourceDefinition> | null | undefined)?.kind !== 'crkit.resource') {
    throw new ConfigurationError(
      'definition',
      'expected a definition made by defineResource() or a router made by createRouter()',
    );
  }
  return createRouter(target as AnyResourceDefinition);
}
