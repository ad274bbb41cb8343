// cfn-response ships no types; this declares the one function the bench calls.
declare module 'cfn-response' {
  export const SUCCESS: 'SUCCESS';
  export const FAILED: 'FAILED';
  export function send(
    event: unknown,
    context: unknown,
    status: 'SUCCESS' | 'FAILED',
    data?: Record<string, unknown>,
    physicalResourceId?: string,
  ): void;
}
