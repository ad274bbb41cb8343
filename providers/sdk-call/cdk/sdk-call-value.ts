import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { formatRuntimeValue, type RuntimeValue } from '../markers.js';

/**
 * Values an SDK call reads at run time instead of carrying them in the template: a secret (or one JSON field of it)
 * or an SSM parameter. Each is a string to put where the input takes one; the provider replaces it just before the
 * call and keeps the value out of every Reason and log line.
 *
 * @example
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
 * import { SdkCallValue } from 'crkit/cdk';
 *
 * const stack = new Stack(new App(), 'Auth');
 * const secret = new Secret(stack, 'Password', { generateSecretString: { passwordLength: 32 } });
 * const password = SdkCallValue.fromSecret(secret); // '{{crkit:secretsmanager:<arn>}}', read at run time
 * ```
 */
/** A secret as `fromSecret` needs it: an `ISecret` or a `Secret` (structurally, whatever the tsconfig's flags). */
interface SecretRef {
  readonly secretArn: string;
  readonly secretFullArn?: string | undefined;
}

export const SdkCallValue = {
  /** The secret's text, or with `jsonField` one string field of its JSON. */
  fromSecret(secret: SecretRef | string, jsonField?: string): string {
    const secretId = typeof secret === 'string' ? secret : (secret.secretFullArn ?? secret.secretArn);
    return formatRuntimeValue({
      source: 'secretsmanager',
      secretId,
      ...(jsonField === undefined ? {} : { jsonKey: jsonField }),
    });
  },
  /** The parameter's value (a SecureString decrypted), by parameter or by name or ARN. */
  fromSsmParameter(parameter: { readonly parameterArn: string } | string): string {
    return formatRuntimeValue({
      source: 'ssm',
      parameterName: typeof parameter === 'string' ? parameter : parameter.parameterArn,
    });
  },
} as const;

const isArnOrToken = (id: string): boolean => id.startsWith('arn:') || Token.isUnresolved(id);

/**
 * The IAM statement reading a runtime value needs: `secretsmanager:GetSecretValue` on the secret (a name or partial
 * ARN also with the six random characters Secrets Manager appends), `ssm:GetParameter` on the parameter.
 */
export function readStatementOf(
  scope: Construct,
  value: RuntimeValue,
): { actions: string[]; resources: string[] } {
  const stack = Stack.of(scope);
  if (value.source === 'ssm') {
    const name = value.parameterName;
    const arn = isArnOrToken(name)
      ? name
      : stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, '') });
    return { actions: ['ssm:GetParameter'], resources: [arn] };
  }
  const id = value.secretId;
  const arn = isArnOrToken(id)
    ? id
    : stack.formatArn({
        service: 'secretsmanager',
        resource: 'secret',
        resourceName: id,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
  return { actions: ['secretsmanager:GetSecretValue'], resources: [arn, `${arn}-??????`] };
}
