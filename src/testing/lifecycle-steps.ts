import type * as z from 'zod';
import type { ResponseBody } from '../core/fit-response.js';
import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../validation/did-you-mean.js';

/**
 * The properties a target takes, as a template would write them: the schema's input type for a definition,
 * any object for a router or a handler function.
 */
export type PropertiesOf<T> = T extends { readonly kind: 'crkit.resource'; readonly properties: infer S }
  ? S extends z.ZodType
    ? z.input<S>
    : Record<string, unknown>
  : Record<string, unknown>;

/** What a step expects of the provider's answer. `success` accepts an update in place and a replacement alike. */
export type StepExpectation = 'success' | 'in-place' | 'replacement' | 'failure';

/**
 * One change to the stack, as a template change would cause it. CloudFormation's follow-ups come by themselves: a
 * failed create is followed by the rollback Delete, an update answered with a new id by the cleanup Delete of the
 * old one, a failed update by the rollback Update with old and new properties swapped.
 *
 * @example
 * ```ts
 * import type { LifecycleStep } from 'crkit/testing';
 * const steps: LifecycleStep<{ Name: string }>[] = [
 *   { create: { Name: 'a' } },
 *   { update: { Name: 'b' }, expect: 'replacement' },
 *   { update: { Name: '' }, expect: 'failure' },
 *   'delete',
 * ];
 * ```
 */
export type LifecycleStep<P = Record<string, unknown>> =
  | { readonly create: P; readonly expect?: 'success' | 'failure' }
  | { readonly update: P; readonly expect?: StepExpectation }
  | 'delete'
  | { readonly delete: true; readonly expect?: 'success' | 'failure' };

/** A step in one shape: what CloudFormation is asked to do, with which properties, expecting what. */
export type NormalisedStep =
  | {
      readonly kind: 'create';
      readonly properties: Record<string, unknown>;
      readonly expect: StepExpectation;
    }
  | {
      readonly kind: 'update';
      readonly properties: Record<string, unknown>;
      readonly expect: StepExpectation;
    }
  | { readonly kind: 'delete'; readonly expect: StepExpectation };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const EXPECTATIONS: Record<NormalisedStep['kind'], readonly StepExpectation[]> = {
  create: ['success', 'failure'],
  update: ['success', 'in-place', 'replacement', 'failure'],
  delete: ['success', 'failure'],
};

/**
 * Checks the steps before anything is sent, naming the offending one: each must be well formed, and the sequence one
 * CloudFormation could send if every answer is as expected (no update before a create, no second create).
 */
export function normaliseSteps(steps: readonly unknown[]): NormalisedStep[] {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new ConfigurationError('steps', 'expected at least one step, e.g. [{ create: {...} }, "delete"]');
  }
  const normalised = steps.map(normaliseStep);
  let exists = false;
  normalised.forEach((step, index) => {
    const where = `steps[${index}]`;
    if (step.kind === 'create' && exists) {
      throw new ConfigurationError(where, 'create while the resource exists: put "delete" before it');
    }
    if (step.kind !== 'create' && !exists) {
      throw new ConfigurationError(where, `${step.kind} while no resource exists: put a create before it`);
    }
    if (step.kind === 'create') exists = step.expect === 'success';
    if (step.kind === 'delete' && step.expect === 'success') exists = false;
  });
  return normalised;
}

function normaliseStep(step: unknown, index: number): NormalisedStep {
  {
    const where = `steps[${index}]`;
    if (step === 'delete') return { kind: 'delete', expect: 'success' };
    if (!isObject(step)) {
      throw new ConfigurationError(
        where,
        `expected { create }, { update }, { delete: true } or "delete", got ${JSON.stringify(step)}`,
      );
    }
    const kinds = (['create', 'update', 'delete'] as const).filter((key) => key in step);
    const kind = kinds[0];
    if (kinds.length !== 1 || kind === undefined) {
      throw new ConfigurationError(
        where,
        `expected exactly one of create, update or delete, got ${kinds.join(', ') || 'none'}`,
      );
    }
    const unknown = Object.keys(step).find((key) => key !== kind && key !== 'expect');
    if (unknown !== undefined) {
      throw new ConfigurationError(
        `${where}.${unknown}`,
        `unknown key${didYouMean(unknown, [kind, 'expect']) || `: a step has ${kind} and expect`}`,
      );
    }
    const expect = (step.expect ?? 'success') as StepExpectation;
    if (!EXPECTATIONS[kind].includes(expect)) {
      throw new ConfigurationError(
        `${where}.expect`,
        `expected one of ${EXPECTATIONS[kind].join(', ')} for ${kind}, got ${JSON.stringify(step.expect)}`,
      );
    }
    if (kind === 'delete') return { kind, expect };
    const properties = step[kind];
    if (!isObject(properties)) {
      throw new ConfigurationError(`${where}.${kind}`, 'expected the resource properties as an object');
    }
    return { kind, properties, expect };
  }
}

/** Why an answer does not meet `expect`, or undefined when it does. `previousId` is the id the request carried. */
export function unmetExpectation(
  expect: StepExpectation,
  response: ResponseBody | undefined,
  previousId?: string,
): string | undefined {
  if (!response) return undefined; // already a problem: no response arrived
  if (expect === 'failure') {
    return response.Status === 'FAILED' ? undefined : 'expected FAILED, got SUCCESS';
  }
  if (response.Status !== 'SUCCESS')
    return `expected SUCCESS, got FAILED: ${response.Reason ?? '(no reason)'}`;
  const replaced = previousId !== undefined && response.PhysicalResourceId !== previousId;
  if (expect === 'in-place' && replaced) {
    return `expected an update in place (the same physical id), got a replacement: ${response.PhysicalResourceId}`;
  }
  if (expect === 'replacement' && !replaced) {
    return 'expected a replacement (a new physical id), got an update in place (the same id)';
  }
  return undefined;
}
