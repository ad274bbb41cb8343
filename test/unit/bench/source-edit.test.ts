import { describe, expect, it } from 'vitest';
import { replaceExactly } from '../../../bench/lib/source-edit.js';

describe('replaceExactly', () => {
  it('applies every replacement, in order', () => {
    const edit = replaceExactly([
      ["import { z } from 'zod';", "import * as z from 'zod';"],
      ['z.object', 'z.strictObject'],
    ]);

    expect(edit("import { z } from 'zod';\nz.object({});")).toBe(
      "import * as z from 'zod';\nz.strictObject({});",
    );
  });

  it('throws when a searched text is gone, so a prototype never measures unchanged code', () => {
    const edit = replaceExactly([['options.preload();', 'options.preload(url);']]);

    expect(() => edit('const start = now();')).toThrow(/options\.preload\(\);" not found/);
  });
});
