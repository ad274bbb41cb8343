import { CFN_LIMITS } from '../constants.js';
import type { ResponseBody } from '../core/fit-response.js';
import type { ArrivedResponses } from './response-sink.js';

/** The request fields a response must echo for CloudFormation to match it to the request. */
export interface RequestIdentity {
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

/**
 * Why CloudFormation would not accept what arrived for one request, or an empty list when it would; for a request
 * `deliveredAgain`, several responses are fine when they agree. CloudFormation
 * reads one response object of at most 4096 bytes, with a valid `Status`, a non-empty `PhysicalResourceId` of at
 * most 1 KB, the request's ids echoed, and a `Reason` when FAILED (CloudFormation User Guide, "crpg-ref-responses").
 */
export function acceptanceProblems(
  request: RequestIdentity,
  arrived: ArrivedResponses,
  deliveredAgain = false,
): string[] {
  const { bodies, sizes } = arrived;
  if (bodies.length === 0) return ['no response arrived: CloudFormation would wait until its timeout'];
  const problems: string[] = [];
  const answers = new Set(bodies.map((body) => `${body.Status} ${body.PhysicalResourceId}`));
  if (bodies.length > 1 && !deliveredAgain) {
    problems.push(`${bodies.length} responses arrived for one request; CloudFormation takes exactly one`);
  } else if (answers.size > 1) {
    // A request delivered twice may be answered twice, harmlessly only when both answers say the same.
    problems.push(`the responses to one request delivered twice disagree (${[...answers].join('; ')})`);
  }
  sizes.forEach((size, index) => {
    if (size > CFN_LIMITS.maxResponseBytes) {
      problems.push(
        `response ${index + 1} is ${size} bytes, over CloudFormation's ${CFN_LIMITS.maxResponseBytes}-byte limit`,
      );
    }
  });
  for (const body of bodies) problems.push(...bodyProblems(request, body));
  return [...new Set(problems)];
}

function bodyProblems(request: RequestIdentity, body: ResponseBody): string[] {
  const problems: string[] = [];
  const status: unknown = body.Status;
  if (status !== 'SUCCESS' && status !== 'FAILED') {
    problems.push(`Status is ${JSON.stringify(status)}; CloudFormation accepts only "SUCCESS" or "FAILED"`);
  }
  const id: unknown = body.PhysicalResourceId;
  if (typeof id !== 'string' || id === '') {
    problems.push(`PhysicalResourceId is ${JSON.stringify(id)}; it must be a non-empty string`);
  } else if (Buffer.byteLength(id, 'utf8') > CFN_LIMITS.maxPhysicalResourceIdBytes) {
    problems.push(`PhysicalResourceId is over ${CFN_LIMITS.maxPhysicalResourceIdBytes} bytes`);
  }
  for (const key of ['StackId', 'RequestId', 'LogicalResourceId'] as const) {
    if (body[key] !== request[key]) {
      problems.push(
        `${key} is ${JSON.stringify(body[key])}, not the request's ${JSON.stringify(request[key])}`,
      );
    }
  }
  if (status === 'FAILED' && !body.Reason) problems.push('FAILED without a Reason');
  return problems;
}

/**
 * What arrived for one request, judged: the response shown (the first; for a request delivered again, the last),
 * how many arrived, and the problems. A request later delivered again (`original`) is judged by its first answer.
 */
export function judgeArrival(
  request: RequestIdentity,
  all: ArrivedResponses,
  extra: readonly string[],
  delivery: { readonly repeat: boolean; readonly original: boolean },
) {
  const arrived = delivery.original ? { bodies: all.bodies.slice(0, 1), sizes: all.sizes.slice(0, 1) } : all;
  const problems = [...acceptanceProblems(request, arrived, delivery.repeat), ...extra];
  const shown = delivery.repeat ? arrived.bodies.length - 1 : 0;
  const response = arrived.bodies[shown];
  const bytes = arrived.sizes[shown];
  return {
    ...(response ? { response } : {}),
    responses: arrived.bodies.length,
    ...(bytes === undefined ? {} : { bytes }),
    accepted: problems.length === 0,
    problems,
  };
}
