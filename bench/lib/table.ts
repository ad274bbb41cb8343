/** A cell is text already formatted; every row has one cell per header. */
export type Row = readonly string[];

/**
 * A GitHub-flavoured markdown table; numeric-looking columns are right-aligned.
 *
 * @example
 * ```ts
 * markdownTable(['variant', 'ms'], [['floor', '12.0']]);
 * ```
 */
export function markdownTable(headers: readonly string[], rows: readonly Row[]): string {
  const numeric = headers.map((_, column) =>
    rows.every((row) => /^[-+]?[\d.,]+|^×|^n\/a$|^—$/.test(row[column] ?? '')),
  );
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `|${headers.map((_, column) => (numeric[column] ? '---:' : '---')).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** Milliseconds with one decimal. */
export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');

/** A difference in milliseconds with its sign: `+1.5`, `-0.2`. */
export const signedMs = (value: number): string => `${value >= 0 ? '+' : ''}${ms(value)}`;

/** `median (min–max)` of a summary, in milliseconds. */
export const msRange = (s: { median: number; min: number; max: number }): string =>
  `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;

/** Bytes as KiB with one decimal. */
export const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

/** `value / floor` as `×1.23`, or an em dash when there is nothing to compare. */
export const ratio = (value: number, floor: number | undefined): string =>
  floor !== undefined && floor > 0 && Number.isFinite(value) ? `×${(value / floor).toFixed(2)}` : '—';
