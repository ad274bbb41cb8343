import { kib, markdownTable, ms, msRange, ratio } from '../lib/table.js';
import type { ColdStartResult, VariantResult } from './cold-start-suite.js';

const HEADERS = [
  'group',
  'variant',
  'bundle KiB',
  'gzip KiB',
  'cold start ms, median (min–max)',
  'vs floor',
  'init ms',
  'invoke→PUT ms',
  'peak RSS MiB, median (min–max)',
  'RSS vs floor',
];

function row(result: VariantResult, floor: VariantResult | undefined): string[] {
  const isFloor = result === floor;
  return [
    result.group,
    result.variant.label + (isFloor ? ' (floor)' : ''),
    kib(result.bundle.bytes),
    kib(result.bundle.gzipBytes),
    msRange(result.total),
    isFloor ? '×1.00' : ratio(result.total.median, floor?.total.median),
    ms(result.init.median),
    ms(result.invoke.median),
    `${result.rssMiB.median.toFixed(1)} (${result.rssMiB.min.toFixed(1)}–${result.rssMiB.max.toFixed(1)})`,
    isFloor ? '×1.00' : ratio(result.rssMiB.median, floor?.rssMiB.median),
  ];
}

function composition(result: ColdStartResult): string {
  const rows = [...result.bundles.entries()].map(([id, info]) => {
    const top = Object.entries(info.composition)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, bytes]) => `${name} ${kib(bytes)}`)
      .join(', ');
    return [id, info.format, kib(info.bytes), kib(info.gzipBytes), info.sha256, top];
  });
  return markdownTable(['bundle', 'format', 'KiB', 'gzip KiB', 'sha256', 'largest parts (KiB)'], rows);
}

/**
 * The cold-start table in markdown: rows grouped by scheme and work, each compared with its group's hand-written
 * floor, then what each bundle is made of.
 */
export function formatColdStart(result: ColdStartResult): string {
  const groups = [...new Set(result.rows.map((r) => r.group))];
  const rows = groups.flatMap((group) => {
    const members = result.rows.filter((r) => r.group === group);
    const floor = members.find((r) => r.variant.floor);
    return [...(floor ? [floor] : []), ...members.filter((r) => r !== floor)].map((r) => row(r, floor));
  });
  const runs = result.rows[0]?.total.runs ?? 0;
  return [
    markdownTable(HEADERS, rows),
    '',
    `${runs} fresh processes per row, interleaved. "cold start": process start to the PUT received by the loopback ` +
      'server; "init": process start to the handler module loaded (Node start included); "invoke→PUT": handler ' +
      'called to PUT received. Ratios are of medians.',
    ...result.notes.map((note) => `\n- ${note}`),
    '',
    '### Bundles',
    '',
    composition(result),
  ].join('\n');
}
