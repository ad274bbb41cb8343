// The floor of the Cognito group: the four calls crkit's provider makes, answered with node:https, no validation.
import { putResponse, type RequestIds } from '../../handlers/put-response.js';
import { createTestUser, type TestUserProperties } from './test-user-calls.js';

/** Creates the test user and its secret, then answers; any error answers FAILED. */
export async function handler(event: RequestIds & { ResourceProperties: TestUserProperties }): Promise<void> {
  const props = event.ResourceProperties;
  try {
    const secretArn = await createTestUser(props);
    const Data = { SecretArn: secretArn, Username: props.Username, UserPoolId: props.UserPoolId };
    await putResponse(event, { Status: 'SUCCESS', PhysicalResourceId: props.Username, Data });
  } catch (error) {
    await putResponse(event, { Status: 'FAILED', PhysicalResourceId: props.Username, Reason: String(error) });
  }
}
