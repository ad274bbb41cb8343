import type { CliIo } from './io.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI colour escape is what is skipped.
const ANSI = /\u001b\[\d+m/y;
const CONTINUATION = ' '.repeat(16);

/** Raw indices of `line` at each visible character (colour escapes take no column). */
function visibleIndices(line: string): number[] {
  const indices: number[] = [];
  let index = 0;
  while (index < line.length) {
    ANSI.lastIndex = index;
    const colour = ANSI.exec(line);
    if (colour) {
      index += colour[0].length;
      continue;
    }
    indices.push(index);
    index++;
  }
  return indices;
}

/**
 * Breaks one line into lines of at most `width` columns: at the last space, `|` or `,` that fits, else anywhere;
 * continuation lines are indented past the time column of a stack event.
 */
export function wrapLine(line: string, width: number): string[] {
  const lines: string[] = [];
  let rest = line;
  let prefix = '';
  for (;;) {
    const indices = visibleIndices(rest);
    const room = width - prefix.length;
    if (indices.length <= room) break;
    let cut = room;
    for (let at = room; at > room / 2; at--) {
      const char = rest[indices[at] ?? 0];
      if (char === ' ' || char === '|' || char === ',') {
        cut = char === ' ' ? at : at + 1;
        break;
      }
    }
    const rawCut = indices[cut] ?? rest.length;
    lines.push(`${prefix}${rest.slice(0, rawCut).trimEnd()}`);
    rest = rest.slice(rawCut).trimStart();
    prefix = CONTINUATION;
  }
  lines.push(`${prefix}${rest}`);
  return lines;
}

/** The same io, its standard output broken into lines of at most `width` columns (a terminal's). */
export function fitToWidth(io: CliIo, width: number): CliIo {
  return {
    ...io,
    out: (text) =>
      io.out(
        text
          .split('\n')
          .flatMap((line) => wrapLine(line, width))
          .join('\n'),
      ),
  };
}
