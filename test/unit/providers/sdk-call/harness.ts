import {
  createSdkCallDefinition,
  type SdkCallDefinitionOptions,
} from '../../../../providers/sdk-call/index.js';
import type { ResponseBody } from '../../../../src/core/fit-response.js';
import { lambdaHandler } from '../../../../src/entry/lambda.js';
import { createEvent, deleteEvent, updateEvent } from '../../../../src/testing/events.js';
import { startResponseCapture } from '../../../../src/testing/response-capture.js';

export const RESOURCE_TYPE = 'Custom::SdkCall';
export const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f';
export const POOL = 'us-east-1_AbC123';

/** An AWS SDK style error: what the SDK throws for a service exception of that name. */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** One call as `Custom::SdkCall` takes it. */
export const call = (Service: string, Action: string, Input: Record<string, unknown> = {}, extra = {}) => ({
  Service,
  Action,
  Input,
  ...extra,
});

/** A step as the construct writes it: JSON text, so that its types survive CloudFormation. */
export const step = (...calls: readonly object[]) => JSON.stringify(calls);

/** A handler answering to a loopback capture, with what it logged; `send` returns the PUT body. */
export async function startHarness(
  options: SdkCallDefinitionOptions = { clientConfig: { region: 'us-east-1' } },
) {
  const capture = await startResponseCapture();
  const logged: string[] = [];
  const log = (...args: unknown[]) => logged.push(JSON.stringify(args));
  const handler = lambdaHandler(createSdkCallDefinition(options), {
    allowedResponseOrigins: [capture.origin],
    retry: { attempts: 1 },
    logger: { debug: log, info: log, warn: log, error: log },
  });
  const send = async (event: { ResponseURL: string }): Promise<ResponseBody> => {
    await handler(event);
    const response = capture.responseFor(event.ResponseURL);
    if (!response) throw new Error('the provider sent no response');
    return response.body;
  };
  const common = () => ({
    resourceType: RESOURCE_TYPE,
    responseUrl: capture.responseUrl(),
    stackId: STACK_ID,
  });
  return {
    capture,
    logged,
    create: (properties: Record<string, unknown>) => send(createEvent({ ...common(), properties })),
    update: (
      physicalResourceId: string,
      properties: Record<string, unknown>,
      oldProperties: Record<string, unknown>,
    ) => send(updateEvent({ ...common(), physicalResourceId, properties, oldProperties })),
    delete: (physicalResourceId: string, properties: Record<string, unknown>) =>
      send(deleteEvent({ ...common(), physicalResourceId, properties })),
  };
}
