import { createRequire } from 'node:module';
import { CrkitError } from 'crkit';

/** Loads a module by name; `import()` unless a test passes another. */
export type ImportModule = (specifier: string) => Promise<Record<string, unknown>>;

/** What crkit needs of an AWS SDK v3 client. */
interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}
type ClientClass = new (config: Record<string, unknown>) => SdkClient;
type CommandClass = new (input: Record<string, unknown>) => unknown;

/** Temporary credentials, as a client's `credentials` option takes them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** One call to send: which client package, which operation, where and as whom. */
export interface SdkRequest {
  readonly service: string;
  readonly action: string;
  readonly input: Record<string, unknown>;
  readonly region?: string | undefined;
  readonly credentials?: Credentials | undefined;
  readonly signal: AbortSignal;
}

/** Sends SDK calls by package and operation name, with clients made on first use and kept while the Lambda is warm. */
export interface SdkClients {
  send(request: SdkRequest): Promise<unknown>;
}

/** How {@link sdkClients} makes its clients. */
export interface SdkClientsOptions {
  /** Merged into every client's configuration (an emulator's endpoint and credentials, say). @default {} */
  readonly clientConfig?: object;
  /** How client packages are loaded. @default `import()`: the Lambda runtime's SDK, or the bundle's */
  readonly importModule?: ImportModule;
}

/**
 * `import()`, then Node's `require` resolution from the working directory: ES module resolution ignores `NODE_PATH`,
 * which is how Lambda's runtime reaches the SDK it provides (its bootstrap sets `NODE_PATH` to
 * `/opt/nodejs/node<major>/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task`
 * when unset), so a package `import()` misses may still be found.
 */
const defaultImport: ImportModule = async (specifier) => {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    try {
      return createRequire(`${process.cwd()}/`)(specifier) as Record<string, unknown>;
    } catch {
      throw error;
    }
  }
};

const isClass = (value: unknown): value is new (...args: never[]) => unknown =>
  typeof value === 'function' && typeof value.prototype === 'object';

/** The one `...Client` class a client package exports (`CognitoIdentityProviderClient`; `__Client` is Smithy's base). */
function clientClassOf(module: Record<string, unknown>, packageName: string): ClientClass {
  const clients = Object.entries(module).filter(
    ([name, value]) =>
      name.endsWith('Client') && !name.startsWith('__') && isClass(value) && 'send' in value.prototype,
  );
  const [first, ...others] = clients;
  if (first === undefined || others.length > 0) {
    throw new CrkitError(`${packageName} exports ${clients.length} SDK client classes; expected exactly one`);
  }
  return first[1] as ClientClass;
}

/**
 * Finds clients and commands by name in `@aws-sdk/client-<service>`, loaded from the Lambda runtime (Node.js 18 and
 * later include every AWS SDK v3 client) or from the bundle; nothing is ever downloaded at run time.
 */
export function sdkClients(options: SdkClientsOptions = {}): SdkClients {
  const importModule = options.importModule ?? defaultImport;
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const warm = new Map<string, SdkClient>();

  async function load(service: string): Promise<Record<string, unknown>> {
    const packageName = `@aws-sdk/client-${service}`;
    let module = modules.get(packageName);
    if (module === undefined) {
      module = importModule(packageName).catch((cause: unknown) => {
        modules.delete(packageName);
        throw new CrkitError(
          `${packageName} cannot be loaded in this function: check the Service name, and keep @aws-sdk/* external ` +
            '(the Lambda runtime provides it) or bundle that client',
          { cause },
        );
      });
      modules.set(packageName, module);
    }
    return module;
  }

  return {
    async send({ service, action, input, region, credentials, signal }) {
      const module = await load(service);
      const Command = module[`${action}Command`];
      if (!isClass(Command)) {
        throw new CrkitError(`@aws-sdk/client-${service} has no ${action}Command: check the Action name`);
      }
      const config = {
        ...options.clientConfig,
        ...(region === undefined ? {} : { region }),
        ...(credentials === undefined ? {} : { credentials }),
      };
      // Clients acting as the function itself are kept while the Lambda is warm; assumed-role ones are not.
      const key = `${service}|${region ?? ''}`;
      let client = credentials === undefined ? warm.get(key) : undefined;
      if (client === undefined) {
        const Client = clientClassOf(module, `@aws-sdk/client-${service}`);
        client = new Client(config);
        if (credentials === undefined) warm.set(key, client);
      }
      return client.send(new (Command as CommandClass)(input), { abortSignal: signal });
    },
  };
}
