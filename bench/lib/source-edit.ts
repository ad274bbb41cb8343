/**
 * An edit that replaces each `search` text with its replacement, and throws when one is missing, so that a
 * prototype never measures an unchanged source because the source moved on.
 *
 * @example
 * ```ts
 * const edit = replaceExactly([["import { z } from 'zod';", "import * as z from 'zod';"]]);
 * edit("import { z } from 'zod';"); // "import * as z from 'zod';"
 * ```
 */
export function replaceExactly(pairs: readonly (readonly [string, string])[]): (source: string) => string {
  return (source) =>
    pairs.reduce((text, [search, replacement]) => {
      if (!text.includes(search)) throw new Error(`prototype edit: ${JSON.stringify(search)} not found`);
      return text.replaceAll(search, replacement);
    }, source);
}
