import type { IConstruct } from 'constructs';

/**
 * Anything that serves custom-resource requests: its service token, and what a resource using it must outlive.
 * {@link CrkitProvider} and {@link CrkitSnsProvider} are providers; so is `{ serviceToken: topicArn }` for a
 * provider in another account.
 *
 * @example
 * ```ts
 * import type { ICrkitProvider } from 'crkit/cdk';
 *
 * const remote: ICrkitProvider = { serviceToken: 'arn:aws:sns:us-east-1:222222222222:crkit-dns' };
 * ```
 */
export interface ICrkitProvider {
  /** The ARN of the Lambda function or SNS topic CloudFormation sends requests to. */
  readonly serviceToken: string;
  /**
   * The function that answers; a resource DependsOn it so a stack delete keeps it until the Delete is answered.
   * @default none (a provider outside this app)
   */
  readonly function?: IConstruct | undefined;
  /** The function's role (and with it its default policy); a resource DependsOn it too. @default none */
  readonly role?: IConstruct | undefined;
}
