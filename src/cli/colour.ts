/** The colours the timeline uses, as ANSI SGR codes. */
const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

/** One colour name. */
export type Colour = keyof typeof CODES;

/** Paints text in a colour, or leaves it as is when colour is off. */
export type Paint = (colour: Colour, text: string) => string;

/**
 * Whether to colour output: never when `NO_COLOR` is set and not empty (no-color.org), always when `FORCE_COLOR` is
 * set to anything but `0` or `false`, else only on a terminal.
 */
export function colourEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

/** A painter that colours when `enabled`. */
export function painter(enabled: boolean): Paint {
  return enabled ? (colour, text) => `\u001b[${CODES[colour]}m${text}\u001b[0m` : (_colour, text) => text;
}
