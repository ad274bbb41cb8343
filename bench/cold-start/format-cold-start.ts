import { type BundleInfo, PARTS } from '../lib/bundle.js';
import { kib, markdownTable, ms, msRange, ratio } from '../lib/table.js';
import type { ColdStartResult, VariantResult } from './cold-start-suite.js';

const COMPOSITION_HEADERS = PARTS.map((part) => `${part} KiB`);
const HEADERS = [
  'group',
  'variant',
  'KiB at init',
  ...COMPOSITION_HEADERS,
  'cold start ms, median (min–max)',
  'vs floor',
  'vs floor+zod',
  'CPU ms to the answer',
  'CPU vs floor',
  'CPU vs floor+zod',
  'init ms',
  'init CPU ms',
  'invoke→PUT ms',
  'peak RSS MiB, median (min–max)',
  'RSS vs floor',
];

/** Each part's KiB loaded at init, and what its chunks load later (`+521.5 later`). */
const composition = (bundle: BundleInfo): string[] =>
  PARTS.map((part) => {
    const { init, lazy } = bundle.composition[part];
    return lazy > 0 ? `${kib(init)} (+${kib(lazy)} later)` : kib(init);
  });

interface Group {
  readonly floor: VariantResult | undefined;
  readonly reference: VariantResult | undefined;
}

function row(result: VariantResult, { floor, reference }: Group): string[] {
  const isFloor = result === floor;
  return [
    result.group,
    result.variant.label + (isFloor ? ' (floor)' : ''),
    kib(result.bundle.initBytes),
    ...composition(result.bundle),
    msRange(result.total),
    isFloor ? '×1.00' : ratio(result.total.median, floor?.total.median),
    result === reference || isFloor ? '—' : ratio(result.total.median, reference?.total.median),
    ms(result.cpu.median),
    isFloor ? '×1.00' : ratio(result.cpu.median, floor?.cpu.median),
    result === reference || isFloor ? '—' : ratio(result.cpu.median, reference?.cpu.median),
    ms(result.init.median),
    ms(result.initCpu.median),
    ms(result.invoke.median),
    `${result.rssMiB.median.toFixed(1)} (${result.rssMiB.min.toFixed(1)}–${result.rssMiB.max.toFixed(1)})`,
    isFloor ? '×1.00' : ratio(result.rssMiB.median, floor?.rssMiB.median),
  ];
}

function bundlesTable(result: ColdStartResult): string {
  const rows = [...result.bundles.entries()].map(([id, info]) => [
    id,
    info.format,
    String(info.files),
    kib(info.initBytes),
    kib(info.bytes),
    kib(info.gzipBytes),
    info.sha256,
    ...composition(info),
  ]);
  return markdownTable(
    [
      'bundle',
      'format',
      'files',
      'KiB at init',
      'KiB in all',
      'gzip KiB in all',
      'sha256',
      ...COMPOSITION_HEADERS,
    ],
    rows,
  );
}

const verdict = (value: number, limit: number) => (value <= limit ? 'met' : 'NOT met');

/** One line per target of the cold-start issue: the measured value, the limit, met or not. */
export function targetLines(result: ColdStartResult, groups: ReadonlyMap<string, Group>): string[] {
  const lines: string[] = [];
  for (const spec of result.specs) {
    const bundle = result.bundles.get(spec.id);
    if (spec.maxInitKiB === undefined || !bundle) continue;
    const initKiB = bundle.initBytes / 1024;
    lines.push(
      `${spec.id}: ${initKiB.toFixed(1)} KiB loaded at init (≤ ${spec.maxInitKiB}: ${verdict(initKiB, spec.maxInitKiB)}); ` +
        `${kib(bundle.bytes)} KiB in all, with the chunks loaded later.`,
    );
  }
  for (const row of result.rows) {
    const { floor, reference } = groups.get(row.group) ?? { floor: undefined, reference: undefined };
    const target = row.variant.target;
    const checks: [string, VariantResult | undefined, number | undefined][] = [
      ['floor', floor, target?.vsFloor],
      ['floor+zod', reference, target?.vsReference],
    ];
    for (const [name, base, limit] of checks) {
      if (limit === undefined || !base) continue;
      const value = row.total.median / base.total.median;
      const cpu = row.cpu.median / base.cpu.median;
      lines.push(
        `${row.variant.label}, ${row.group}: ×${value.toFixed(2)} of ${name} (≤ ×${limit.toFixed(2)}: ` +
          `${verdict(value, limit)}); CPU time ×${cpu.toFixed(2)}.`,
      );
    }
  }
  return lines;
}

/**
 * The cold-start table in markdown: rows grouped by scheme and work, each compared with its group's hand-written
 * floor and the floor plus zod, the targets, then what each bundle is made of.
 */
export function formatColdStart(result: ColdStartResult): string {
  const names = [...new Set(result.rows.map((r) => r.group))];
  const groups = new Map(
    names.map((name) => {
      const members = result.rows.filter((r) => r.group === name);
      return [
        name,
        { floor: members.find((r) => r.variant.floor), reference: members.find((r) => r.variant.reference) },
      ];
    }),
  );
  const rows = names.flatMap((name) => {
    const members = result.rows.filter((r) => r.group === name);
    const group = groups.get(name) as Group;
    const floor = group.floor;
    return [...(floor ? [floor] : []), ...members.filter((r) => r !== floor)].map((r) => row(r, group));
  });
  const runs = result.rows[0]?.total.runs ?? 0;
  const targets = targetLines(result, groups);
  return [
    markdownTable(HEADERS, rows),
    '',
    `${runs} fresh processes per row, interleaved. "cold start": process start to the PUT received by the loopback ` +
      'server; "init": process start to the handler module loaded (Node start included); "invoke→PUT": handler ' +
      'called to PUT received; "CPU ms": user and system time the process had used when the handler had answered ' +
      '("init CPU": when the module had loaded) ' +
      '(it hardly grows with the load of the machine, the times do). Ratios are of medians. "KiB at init": the files Node loads before the handler runs; ' +
      'the parts (from esbuild\'s metafile) say what they hold, and "later" what chunks loaded with `import()` hold.',
    ...result.notes.map((note) => `\n- ${note}`),
    ...(targets.length > 0 ? ['', '### Targets', '', ...targets.map((line) => `- ${line}`)] : []),
    '',
    '### Bundles',
    '',
    bundlesTable(result),
  ].join('\n');
}
