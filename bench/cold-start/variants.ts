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
  /** As CDK's `NodejsFunction` bundles by default, or as crkit's constructs do. @default 'nodejs-function' */
  readonly bundler?: 'nodejs-function' | 'construct';
  /** Whether the constructs' zod namespace plugin runs (`construct` only). @default true */
  readonly zodPlugin?: boolean;
  /** Package names resolved to other files (the quick start's `crkit`, to the sources). @default none */
  readonly alias?: Readonly<Record<string, string>>;
  /** The most KiB Node may load at init from this bundle (a target of the cold-start issue). @default none */
  readonly maxInitKiB?: number;
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
  /** The floor plus zod: what any typed provider pays; crkit rows are compared with it too. */
  readonly reference?: boolean;
  /** Targets of the cold-start issue for this row: at most these ratios of medians. @default none */
  readonly target?: { readonly vsFloor?: number; readonly vsReference?: number };
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

/** The handlers measured by default: the floor, crkit as the constructs bundle it (and as it was), the anchors. */
export const BUNDLES: readonly BundleSpec[] = [
  { id: 'floor', entry: FLOOR },
  { id: 'floor-zod', entry: here('./handlers/floor-zod.ts') },
  { id: 'crkit', entry: CRKIT, bundler: 'construct' },
  { id: 'crkit-no-zod-plugin', entry: CRKIT, bundler: 'construct', zodPlugin: false },
  { id: 'crkit-cjs', entry: CRKIT },
  {
    id: 'quickstart',
    entry: here('../../examples/quickstart/provider.ts'),
    bundler: 'construct',
    alias: { crkit: here('../../src/index.ts') },
    maxInitKiB: 420,
  },
  { id: 'cfn-response', entry: here('./handlers/cfn-response.ts') },
  { id: 'cdk-provider-framework', prebuilt: FRAMEWORK_FILE },
];

/** The hand-written floor of a group (bundle `floor`). */
export const floorRow = (protocol: 'http' | 'https', workMs: number, suffix: string): Variant => ({
  id: `floor-${suffix}`,
  label: `hand-written, node:${protocol}`,
  bundle: 'floor',
  protocol,
  workMs,
  floor: true,
});

/** The floor, the floor plus zod and crkit as the constructs bundle it, for one scheme and work. */
function baseRows(protocol: 'http' | 'https', workMs: number, target: number): Variant[] {
  const suffix = `${protocol}${workMs > 0 ? '' : '-0'}`;
  return [
    floorRow(protocol, workMs, suffix),
    {
      id: `floor-zod-${suffix}`,
      label: 'hand-written + zod `import * as z` (reference)',
      bundle: 'floor-zod',
      protocol,
      workMs,
      reference: true,
    },
    {
      id: `crkit-${suffix}`,
      label: 'crkit, bundled by its constructs (ESM, split, zod plugin)',
      bundle: 'crkit',
      protocol,
      workMs,
      target: { vsFloor: target, vsReference: 1.1 },
    },
  ];
}

/** The default rows; each group's floor comes first. */
export const VARIANTS: readonly Variant[] = [
  ...baseRows('http', WORK_MS, 1.3),
  {
    id: 'crkit-no-zod-plugin-http',
    label: 'crkit, bundled by its constructs without the zod plugin',
    bundle: 'crkit-no-zod-plugin',
    protocol: 'http',
    workMs: WORK_MS,
  },
  {
    id: 'crkit-cjs-http',
    label: "crkit, bundled by NodejsFunction's defaults (CJS, one file)",
    bundle: 'crkit-cjs',
    protocol: 'http',
    workMs: WORK_MS,
  },
  ...baseRows('http', 0, 1.45),
  ...baseRows('https', WORK_MS, 1.3),
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
  ...baseRows('https', 0, 1.45),
];
