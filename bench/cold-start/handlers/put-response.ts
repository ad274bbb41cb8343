// The response PUT of every hand-written handler of the bench: Node's own http(s) module, loading `node:https`
// only for an https URL (TLS is not free).

/** The request fields a response echoes. */
export interface RequestIds {
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

/** PUTs the response body to the ResponseURL and resolves with the status code. */
export async function putResponse(
  request: RequestIds,
  answer: { Status: 'SUCCESS' | 'FAILED'; PhysicalResourceId: string; Reason?: string; Data?: object },
): Promise<number> {
  const url = new URL(request.ResponseURL);
  const body = JSON.stringify({
    ...answer,
    StackId: request.StackId,
    RequestId: request.RequestId,
    LogicalResourceId: request.LogicalResourceId,
  });
  const { request: send } =
    url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
