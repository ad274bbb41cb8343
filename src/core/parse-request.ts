import { type CustomResourceEvent, eventSchemaOf, eventUnion } from '../event/schema.js';
import { type Continuation, continuationSchema, isContinuation } from '../long-running/continuation.js';
import { formatIssues } from '../validation/format-issues.js';

/** A request as the pipeline serves it: CloudFormation's event, and the continuation that carried it, if any. */
export type ParsedRequest =
  | {
      readonly ok: true;
      readonly event: CustomResourceEvent;
      /** Set when a long-running operation's earlier invocation handed it over: its checks go on. */
      readonly continuation: Continuation | undefined;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses what an entry received: a CloudFormation request, or a continuation carrying one. The one place that tells
 * them apart and validates both. A problem is a Reason naming the field (`event.ResourceType: ...`), never quoting
 * the ResponseURL.
 */
export function parseRequest(raw: unknown): ParsedRequest {
  let continuation: Continuation | undefined;
  let request = raw;
  if (isContinuation(raw)) {
    const continued = continuationSchema().safeParse(raw, { reportInput: true });
    if (!continued.success) return invalid(continued.error.issues);
    continuation = continued.data;
    request = continued.data.request;
  }
  // Without zod's JIT (a parser compiled with `new Function` at an object schema's first parse): it pays off over
  // many parses, and an invocation parses one event; compiling it cost a cold start about a millisecond.
  // Only the schema of the request's own type is made; anything else is parsed by the union, which says what is wrong.
  const type = requestTypeOf(request);
  const schema = type === undefined ? eventUnion() : eventSchemaOf(type);
  const parsed = schema.safeParse(request, { reportInput: true, jitless: true });
  if (!parsed.success) return invalid(parsed.error.issues);
  return { ok: true, event: parsed.data, continuation };
}

/** `Create`, `Update` or `Delete` when the request says so; a getter that throws says nothing. */
function requestTypeOf(request: unknown): 'Create' | 'Update' | 'Delete' | undefined {
  try {
    const type = (request as { readonly RequestType?: unknown } | null | undefined)?.RequestType;
    return type === 'Create' || type === 'Update' || type === 'Delete' ? type : undefined;
  } catch {
    return undefined;
  }
}

function invalid(issues: Parameters<typeof formatIssues>[0]): ParsedRequest {
  const problems = formatIssues(issues, { root: 'event', sensitive: ['ResponseURL'] });
  return {
    ok: false,
    reason: `invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
  };
}
