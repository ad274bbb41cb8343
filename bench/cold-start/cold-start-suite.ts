import { join } from 'node:path';
import { createEvent } from '../../src/testing/events.js';
import { type BundleInfo, buildBundle, measureFile } from '../lib/bundle.js';
import { interleave } from '../lib/interleave.js';
import { type Summary, summarize } from '../lib/stats.js';
import type { Harness } from './harness.js';
import { type BundleSpec, groupOf, type Variant, type VariantEnvironment } from './variants.js';

/** One measured cold start. */
interface Sample {
  /** Process start to the PUT fully received by the loopback server. */
  readonly totalMs: number;
  /** Process start to the handler module loaded (Lambda's Init phase, Node's own start included). */
  readonly initMs: number;
  /** Handler invoked to the PUT received (Lambda's first Invoke, as far as CloudFormation is concerned). */
  readonly invokeMs: number;
  readonly maxRssKiB: number;
  /** CPU time of the process until the handler had answered. */
  readonly cpuMs: number;
  /** CPU time of the process until the handler module had loaded. */
  readonly initCpuMs: number;
}

/** A row of the cold-start table. */
export interface VariantResult {
  readonly variant: Variant;
  readonly group: string;
  readonly bundle: BundleInfo;
  readonly total: Summary;
  readonly init: Summary;
  readonly invoke: Summary;
  readonly rssMiB: Summary;
  readonly cpu: Summary;
  readonly initCpu: Summary;
}

/** Everything the cold-start suite measured. */
export interface ColdStartResult {
  readonly rows: readonly VariantResult[];
  readonly bundles: ReadonlyMap<string, BundleInfo>;
  /** The specs the bundles were built from (their targets). */
  readonly specs: readonly BundleSpec[];
  readonly notes: readonly string[];
}

const EXPECTED_ID = 'bench-x';

async function measure(
  harness: Harness,
  variant: Variant,
  bundle: BundleInfo,
  round: number,
  environment: VariantEnvironment | undefined,
): Promise<Sample> {
  const server = variant.protocol === 'https' ? harness.https : harness.http;
  const key = `${variant.id}-${round}`;
  const prepared = await environment?.request?.(server.responseUrl(key), key);
  const event =
    prepared?.event ??
    createEvent({
      resourceType: 'Custom::Bench',
      properties: { Name: 'x', Size: 3 },
      responseUrl: server.responseUrl(key),
    });
  const isExpectedId = prepared?.isExpectedId ?? ((id: string) => id === EXPECTED_ID);
  const beforeKeys = (prepared?.before ?? []).map((_, index) => `${key}-before-${index}`);
  const before = (prepared?.before ?? []).map((request, index) => ({
    ...request,
    ResponseURL: server.responseUrl(beforeKeys[index] ?? ''),
  }));
  const earlier = beforeKeys.map((beforeKey) => server.arrival(beforeKey, 20_000));
  const arrival = server.arrival(key, 20_000);
  const report = await harness.run({
    bundle: bundle.file,
    mode: 'invoke',
    ...(variant.exportName ? { exportName: variant.exportName } : {}),
    env: {
      ...environment?.env,
      BENCH_EVENT: JSON.stringify(event),
      ...(before.length > 0 ? { BENCH_EVENTS_BEFORE: JSON.stringify(before) } : {}),
      BENCH_WORK_MS: String(variant.workMs),
    },
  });
  const put = await arrival;
  server.forget(key);
  // A FAILED answer would make a variant look fast; only the intended SUCCESS counts, for every request of the run.
  for (const answer of [...(await Promise.all(earlier)), put]) {
    const body = JSON.parse(answer.body) as { Status?: string; PhysicalResourceId?: string; Reason?: string };
    if (body.Status !== 'SUCCESS' || !isExpectedId(body.PhysicalResourceId ?? '')) {
      throw new Error(`${variant.id} answered ${body.Status} ${body.PhysicalResourceId}: ${body.Reason}`);
    }
  }
  for (const beforeKey of beforeKeys) server.forget(beforeKey);
  const start = BigInt(report.processStartNs);
  const toMs = (ns: bigint) => Number(ns) / 1e6;
  return {
    totalMs: toMs(put.receivedNs - start),
    initMs: toMs(BigInt(report.loadedNs) - start),
    invokeMs: toMs(put.receivedNs - BigInt(report.invokedNs)),
    maxRssKiB: report.maxRssKiB,
    cpuMs: report.cpuMs,
    initCpuMs: report.initCpuMs,
  };
}

async function buildAll(specs: readonly BundleSpec[], workdir: string): Promise<Map<string, BundleInfo>> {
  const bundles = new Map<string, BundleInfo>();
  for (const spec of specs) {
    const { id, entry, prebuilt, format, target, substitutions, bundler, zodPlugin, alias } = spec;
    if (prebuilt) {
      bundles.set(id, await measureFile(prebuilt, format ?? 'cjs'));
      continue;
    }
    if (!entry) throw new Error(`bundle ${id}: give an entry or a prebuilt file`);
    const info = await buildBundle({
      entry,
      outdir: join(workdir, 'bundles', id),
      ...(format ? { format } : {}),
      ...(target ? { target } : {}),
      ...(substitutions ? { substitutions } : {}),
      ...(bundler ? { bundler } : {}),
      ...(zodPlugin === false ? { zodPlugin } : {}),
      ...(alias ? { alias } : {}),
    });
    bundles.set(id, info);
  }
  return bundles;
}

/** Options of {@link runColdStartSuite}. */
export interface ColdStartOptions {
  readonly harness: Harness;
  readonly workdir: string;
  readonly bundles: readonly BundleSpec[];
  readonly variants: readonly Variant[];
  readonly runs: number;
  readonly log: (line: string) => void;
}

/**
 * Builds every bundle, then starts `runs` fresh processes per variant, interleaved, and summarises each figure.
 *
 * @example
 * ```ts
 * const result = await runColdStartSuite({ harness, workdir, bundles: BUNDLES, variants: VARIANTS, runs: 20, log: console.log });
 * ```
 */
export async function runColdStartSuite(options: ColdStartOptions): Promise<ColdStartResult> {
  const { harness, runs, log } = options;
  const bundles = await buildAll(options.bundles, options.workdir);
  const notes: string[] = [];
  const variants = options.variants.filter((variant) => {
    const same = variant.unlessSameBytesAs && bundles.get(variant.unlessSameBytesAs);
    if (same && same.sha256 === bundles.get(variant.bundle)?.sha256) {
      notes.push(
        `${variant.label}: bundle has the same bytes as ${variant.unlessSameBytesAs}, not run again.`,
      );
      return false;
    }
    if (variant.needsPort443 && !harness.httpsOn443) {
      notes.push(`${variant.label}: skipped, it sends to port 443 only and port 443 could not be bound.`);
      return false;
    }
    return true;
  });
  const bundleOf = (variant: Variant) => bundles.get(variant.bundle) as BundleInfo;
  const environments = new Map<Variant, VariantEnvironment>();
  let samples: Map<Variant, Sample[]>;
  try {
    for (const variant of variants) {
      if (variant.setup) environments.set(variant, await variant.setup(options.workdir));
    }
    samples = await interleave(
      variants,
      runs,
      (variant, round) => measure(harness, variant, bundleOf(variant), round, environments.get(variant)),
      { onRound: (round, rounds) => log(`cold start: round ${round}/${rounds}`) },
    );
  } finally {
    await Promise.all([...environments.values()].map((environment) => environment.close()));
  }
  const rows = variants.map((variant): VariantResult => {
    const list = samples.get(variant) ?? [];
    return {
      variant,
      group: groupOf(variant),
      bundle: bundleOf(variant),
      total: summarize(list.map((s) => s.totalMs)),
      init: summarize(list.map((s) => s.initMs)),
      invoke: summarize(list.map((s) => s.invokeMs)),
      rssMiB: summarize(list.map((s) => s.maxRssKiB / 1024)),
      cpu: summarize(list.map((s) => s.cpuMs)),
      initCpu: summarize(list.map((s) => s.initCpuMs)),
    };
  });
  return { rows, bundles, specs: options.bundles, notes };
}
