import { fileURLToPath } from 'node:url';
import type { Substitution } from '../lib/bundle.js';
import { FRAMEWORK_FILE, providerFrameworkSetup } from './anchors/cdk-provider-framework.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** One bundle to build (from `entry`) or to take as it is (`prebuilt`); several variants may run it. */
export interface BundleSpec {
  readonly id: string;
  /** The handler's source, bundled as CDK's NodejsFunction would. */
  readonly entry?: string;
  /** A handler CDK deploys as it is (its own prebuilt bundle or folder), run without bundling. */
  readonly prebuilt?: string;
  /** @default 'cjs' */
  readonly format?: 'cjs' | 'esm';
  /** @default 'node22' */
  readonly target?: string;
  /** Source files swapped or edited, to measure a proposed change. @default none */
  readonly substitutions?: readonly Substitution[];
}

/** One row of the cold-start table: a bundle answering one kind of request. */
export interface Variant {
  readonly id: string;
  readonly label: string;
  /** The group it is compared in. @default the scheme and the work, from {@link groupOf} */
  readonly group?: string;
  /** The {@link BundleSpec} id. */
  readonly bundle: string;
  /** The ResponseURL's scheme: http isolates the code's cost; https adds the TLS handshake S3 requires. */
  readonly protocol: 'http' | 'https';
  /** How long the handler awaits (a stand-in for an SDK call); 0 means it awaits nothing. */
  readonly workMs: number;
  /** The hand-written floor the other rows of its group are compared with. */
  readonly floor?: boolean;
  /** Clients that ignore the URL's port (cfn-response, CDK's handlers) reach the loopback server only on 443. */
  readonly needsPort443?: boolean;
  /** The handler's export name. @default 'handler' */
  readonly exportName?: string;
  /**
   * Prepares what the variant needs once before its runs (an emulator, a fake AWS API, stub modules) and gives the
   * variables its children get.
   * @default nothing to prepare
   */
  readonly setup?: (workdir: string) => Promise<VariantEnvironment>;
  /** Left out when its bundle has the same bytes as this bundle (e.g. target node20 vs node22). */
  readonly unlessSameBytesAs?: string;
}

/** What a variant's {@link Variant.setup} prepared. */
export interface VariantEnvironment {
  readonly env: Readonly<Record<string, string>>;
  /**
   * Makes the request of one run (fresh names, so that no run meets what an earlier one made).
   * @default a `Custom::Bench` Create answered with PhysicalResourceId `bench-x`
   */
  request?(responseUrl: string, key: string): Promise<PreparedRequest>;
  close(): Promise<void>;
}

/** One run's request and the PhysicalResourceId a correct answer carries. */
export interface PreparedRequest {
  readonly event: Readonly<Record<string, unknown>>;
  isExpectedId(physicalResourceId: string): boolean;
  /**
   * Requests the same process answers first, in order, as CloudFormation sends one resource after the one it
   * depends on: the first invocation is the cold one, `event` comes last and warm. The suite gives each its own
   * ResponseURL and checks its answer too.
   * @default none
   */
  readonly before?: readonly Readonly<Record<string, unknown>>[];
}

/** Rows compare within a group: same scheme, same work. */
export const groupOf = (variant: Variant): string =>
  variant.group ??
  `${variant.protocol}, ${variant.workMs > 0 ? `handler awaits ${variant.workMs} ms` : 'handler awaits nothing'}`;

const CRKIT = here('./handlers/crkit.ts');
const FLOOR = here('./handlers/floor.ts');
const WORK_MS = 20;

/** The handlers measured by default: the floor, crkit as it is, the anchors. */
export const BUNDLES: readonly BundleSpec[] = [
  { id: 'floor', entry: FLOOR },
  { id: 'floor-zod', entry: here('./handlers/floor-zod.ts') },
  { id: 'crkit-cjs', entry: CRKIT },
  { id: 'crkit-cjs-node20', entry: CRKIT, target: 'node20' },
  { id: 'crkit-esm', entry: CRKIT, format: 'esm' },
  { id: 'cfn-response', entry: here('./handlers/cfn-response.ts') },
  { id: 'cdk-provider-framework', prebuilt: FRAMEWORK_FILE },
];

/** The default rows; each group's floor comes first. */
export const VARIANTS: readonly Variant[] = [
  {
    id: 'floor-http',
    label: 'hand-written, node:http',
    bundle: 'floor',
    protocol: 'http',
    workMs: WORK_MS,
    floor: true,
  },
  {
    id: 'floor-zod-http',
    label: 'hand-written + zod `import * as z` (reference)',
    bundle: 'floor-zod',
    protocol: 'http',
    workMs: WORK_MS,
  },
  {
    id: 'crkit-cjs-http',
    label: 'crkit (CJS, node22)',
    bundle: 'crkit-cjs',
    protocol: 'http',
    workMs: WORK_MS,
  },
  {
    id: 'crkit-cjs-node20-http',
    label: 'crkit (CJS, node20)',
    bundle: 'crkit-cjs-node20',
    protocol: 'http',
    workMs: WORK_MS,
    unlessSameBytesAs: 'crkit-cjs',
  },
  {
    id: 'crkit-esm-http',
    label: 'crkit (ESM, node22)',
    bundle: 'crkit-esm',
    protocol: 'http',
    workMs: WORK_MS,
  },
  {
    id: 'floor-http-0',
    label: 'hand-written, node:http',
    bundle: 'floor',
    protocol: 'http',
    workMs: 0,
    floor: true,
  },
  { id: 'crkit-cjs-http-0', label: 'crkit (CJS, node22)', bundle: 'crkit-cjs', protocol: 'http', workMs: 0 },
  {
    id: 'floor-https',
    label: 'hand-written, node:https',
    bundle: 'floor',
    protocol: 'https',
    workMs: WORK_MS,
    floor: true,
  },
  {
    id: 'crkit-cjs-https',
    label: 'crkit (CJS, node22)',
    bundle: 'crkit-cjs',
    protocol: 'https',
    workMs: WORK_MS,
  },
  {
    id: 'cfn-response-https',
    label: 'cfn-response (anchor)',
    bundle: 'cfn-response',
    protocol: 'https',
    workMs: WORK_MS,
    needsPort443: true,
  },
  {
    id: 'cdk-provider-framework-https',
    label: 'CDK Provider framework onEvent (anchor; +1 Lambda Invoke, user function warm)',
    bundle: 'cdk-provider-framework',
    protocol: 'https',
    workMs: WORK_MS,
    needsPort443: true,
    exportName: 'onEvent',
    setup: providerFrameworkSetup(WORK_MS),
  },
];
