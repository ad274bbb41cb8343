// The user's onEvent function behind CDK's Provider framework: the same four calls, and it returns what the
// framework puts in the response (the framework does the PUT).
import { createTestUser, type TestUserProperties } from './test-user-calls.js';

/** Creates the test user and its secret and returns the PhysicalResourceId and Data. */
export async function handler(event: { ResourceProperties: TestUserProperties }) {
  const props = event.ResourceProperties;
  const secretArn = await createTestUser(props);
  return {
    PhysicalResourceId: props.Username,
    Data: { SecretArn: secretArn, Username: props.Username, UserPoolId: props.UserPoolId },
  };
}
