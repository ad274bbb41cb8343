// The least a Cognito test user needs: AdminCreateUser and AdminSetUserPassword, answered with node:https.
import { putResponse, type RequestIds } from '../../handlers/put-response.js';
import { createConfirmedUser, type TestUserProperties } from './test-user-calls.js';

/** Creates a CONFIRMED user, then answers; any error answers FAILED. */
export async function handler(event: RequestIds & { ResourceProperties: TestUserProperties }): Promise<void> {
  const props = event.ResourceProperties;
  try {
    await createConfirmedUser(props);
    await putResponse(event, { Status: 'SUCCESS', PhysicalResourceId: props.Username });
  } catch (error) {
    await putResponse(event, { Status: 'FAILED', PhysicalResourceId: props.Username, Reason: String(error) });
  }
}
