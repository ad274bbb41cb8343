import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HANDLER_EXPORTS, PROVIDER_ENV } from '../constants.js';
import { ConfigurationError } from '../errors.js';
import { aBoolean, integerFrom, matching } from '../validation/option-rules.js';
import { lazy, option, optionsObject, parseOptions, type RulesShape } from '../validation/option-schemas.js';
import { type CrkitFunctionOptions, functionOptionsShape } from './function-options.js';
import { duration, orToken } from './prop-rules.js';
import { createProviderFunction } from './provider-function.js';
import type { ICrkitProvider } from './provider-ref.js';
import { type Publishers, publishersShape, publishStatements } from './publishers.js';

/** What {@link CrkitSnsProvider} takes; at least one allowed account or organization. */
export interface CrkitSnsProviderProps extends CrkitFunctionOptions, Publishers {
  /**
   * The topic's name. Stacks in other accounts cannot reference this stack, so they build the topic's ARN (the
   * `ServiceToken`) from it: `arn:aws:sns:<region>:<account>:<topicName>`.
   * @default a name CloudFormation generates
   */
  readonly topicName?: string;
  /**
   * Keep idempotency records in a DynamoDB table (pay per request, time to live on `expiration`), named to the
   * function by the `CRKIT_IDEMPOTENCY_TABLE` environment variable, so that a request SNS delivers twice is
   * answered once even by two Lambdas. The entry must pass it to `dynamoDbIdempotencyStore`.
   * @default false
   */
  readonly idempotencyTable?: boolean;
  /** How many receives before a message moves to the dead-letter queue. @default 3 */
  readonly maxReceiveCount?: number;
  /** Records per invocation, from 1 to 10. @default 10 */
  readonly batchSize?: number;
  /**
   * The queue's visibility timeout: at least six times the function's timeout, as Lambda's guide asks ("Creating
   * and configuring an Amazon SQS event source mapping"), so a throttled batch can be retried.
   * @default six times the function's timeout
   */
  readonly visibilityTimeout?: Duration;
}

/** The attribute `dynamoDbIdempotencyStore` (Powertools) writes each record's expiry to. */
const TTL_ATTRIBUTE = 'expiration';

const snsProviderProps = lazy(() =>
  optionsObject({
    ...functionOptionsShape(),
    ...publishersShape(),
    // SNS topic names: 1 to 256 letters, digits, hyphens and underscores (SNS API Reference, CreateTopic `Name`).
    topicName: option(orToken(matching(/^[\w-]{1,256}$/, '1 to 256 letters, digits, - or _'))).optional(),
    idempotencyTable: option(aBoolean).optional(),
    maxReceiveCount: option(integerFrom(1)).optional(),
    batchSize: option(integerFrom(1, 10)).optional(),
    visibilityTimeout: option(duration('a duration', () => true)).optional(),
  } satisfies RulesShape<CrkitSnsProviderProps>),
);

/** The queue's visibility timeout: at least six times the function's, as Lambda's guide asks. */
function visibilityTimeoutOf(props: CrkitSnsProviderProps, functionTimeout: Duration): Duration {
  const minimum = Duration.seconds(functionTimeout.toSeconds({ integral: false }) * 6);
  const visibility = props.visibilityTimeout ?? minimum;
  if (
    !visibility.isUnresolved() &&
    visibility.toSeconds({ integral: false }) < minimum.toSeconds({ integral: false })
  ) {
    throw new ConfigurationError(
      'visibilityTimeout',
      `expected at least six times the function's timeout (${minimum.toSeconds()} s), got ${visibility.toSeconds()} s`,
    );
  }
  return visibility;
}

/**
 * An SNS-backed custom-resource provider, usable from other accounts: the topic (the `ServiceToken`) delivers to a
 * queue with a dead-letter queue, from which the function (the entry's `queueHandler` export, bundled with a local
 * esbuild) takes requests and reports failed records for redelivery. Only the allowed accounts or organizations may
 * publish; their ids also reach the function as `CRKIT_ALLOWED_ACCOUNTS` and `CRKIT_ALLOWED_ORGANIZATIONS`, for an
 * `allowAccounts` check of each request.
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import { CrkitSnsProvider } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'DnsAccount', { env: { account: '222222222222', region: 'us-east-1' } });
 * const provider = new CrkitSnsProvider(stack, 'Records', {
 *   entry: 'src/record-provider.ts',
 *   allowedAccounts: ['111111111111'],
 *   idempotencyTable: true,
 * });
 * provider.serviceToken; // the topic's ARN, for stacks in 111111111111
 * ```
 */
export class CrkitSnsProvider extends Construct implements ICrkitProvider {
  /** The topic's ARN: the `ServiceToken` of every resource it serves. */
  readonly serviceToken: string;
  readonly topic: Topic;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: LambdaFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
  /** The idempotency table, when `idempotencyTable` is true. */
  readonly table: Table | undefined;

  constructor(scope: Construct, id: string, props: CrkitSnsProviderProps) {
    super(scope, id);
    parseOptions(snsProviderProps(), props);
    const timeout = props.timeout ?? Duration.minutes(5);
    const visibilityTimeout = visibilityTimeoutOf(props, timeout);
    this.topic = new Topic(
      this,
      'Topic',
      props.topicName === undefined ? {} : { topicName: props.topicName },
    );
    for (const statement of publishStatements(this.topic, props)) this.topic.addToResourcePolicy(statement);

    this.table = props.idempotencyTable
      ? new Table(this, 'Idempotency', {
          partitionKey: { name: 'id', type: AttributeType.STRING },
          billingMode: BillingMode.PAY_PER_REQUEST,
          timeToLiveAttribute: TTL_ATTRIBUTE,
          // Records live for hours at most: nothing in the table is worth keeping after the provider is gone.
          removalPolicy: RemovalPolicy.DESTROY,
        })
      : undefined;
    // Set only with ids in them: an entry reads an unset variable and an empty one alike.
    const list = (name: string, values: readonly string[] | undefined) =>
      values === undefined || values.length === 0 ? {} : { [name]: values.join(',') };
    const parts = createProviderFunction(
      this,
      {
        ...props,
        timeout,
        environment: {
          ...props.environment,
          ...list(PROVIDER_ENV.allowedAccounts, props.allowedAccounts),
          ...list(PROVIDER_ENV.allowedOrganizations, props.allowedOrganizations),
          ...(this.table ? { [PROVIDER_ENV.idempotencyTable]: this.table.tableName } : {}),
        },
      },
      HANDLER_EXPORTS.sqs,
    );
    this.function = parts.function;
    this.role = parts.role;
    this.logGroup = parts.logGroup;
    // What the Powertools DynamoDB persistence layer calls, and nothing else.
    this.table?.grant(
      this.role,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Requests', {
      encryption: QueueEncryption.SQS_MANAGED,
      visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 3 },
    });
    // Raw delivery puts the request itself in the body; sqsHandler reads either form.
    this.topic.addSubscription(new SqsSubscription(this.queue, { rawMessageDelivery: true }));
    // A long-running operation goes back to the queue with a delay when the invocation nears its end (requeue).
    this.queue.grantSendMessages(this.function);
    this.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: props.batchSize ?? 10, reportBatchItemFailures: true }),
    );
    this.serviceToken = this.topic.topicArn;
  }
}
