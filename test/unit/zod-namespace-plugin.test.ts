import { describe, expect, it } from 'vitest';
import { toZodNamespace, zodReexport } from '../../src/bundling/zod-namespace-plugin.js';

describe('toZodNamespace: the import of zod a bundler can tree-shake', () => {
  it.each([
    ["import { z } from 'zod';", "import * as z from 'zod';"],
    ['import { z } from "zod/v4";', 'import * as z from "zod/v4";'],
    ["import z from 'zod';", "import * as z from 'zod';"],
    ["import { z as zod } from 'zod';", "import * as zod from 'zod';"],
    ["import { ZodError, z } from 'zod';", "import * as z from 'zod'; import { ZodError } from 'zod';"],
    [
      "import { type ZodType, z } from 'zod';",
      "import * as z from 'zod'; import { type ZodType } from 'zod';",
    ],
    [
      "import {\n  z,\n  ZodError,\n} from 'zod';",
      "import * as z from 'zod'; import { ZodError } from 'zod';",
    ],
    ["const a = 1;import{z}from'zod';", "const a = 1;import * as z from 'zod';"],
  ])('rewrites %j', (source, expected) => {
    expect(toZodNamespace(source)).toBe(expected);
  });

  it.each([
    ["import * as z from 'zod';"],
    ["import type { z } from 'zod';"],
    ["import { ZodError } from 'zod';"],
    ["import { z } from 'zod/mini';"],
    ["import { z } from './my-zod.js';"],
    [" * import { z } from 'zod';"],
    ["export { z } from 'zod';"],
  ])('leaves %j as it is', (source) => {
    expect(toZodNamespace(source)).toBe(source);
  });

  it('rewrites an import of `z` through a module that re-exports it from zod', () => {
    const source = "import { Other, z } from './schemas.js';";
    const reexports = (from: string) => (from === './schemas.js' ? 'zod' : undefined);

    expect(toZodNamespace(source, reexports)).toBe(
      "import * as z from 'zod'; import { Other } from './schemas.js';",
    );
  });
});

describe('zodReexport: the zod specifier a module re-exports z from', () => {
  it.each([
    ["export { z } from 'zod';", 'zod'],
    ["export { ZodError, z } from 'zod/v4';", 'zod/v4'],
    ["export * as z from 'zod';", 'zod'],
    ["import { z } from 'zod';\nexport { z };", 'zod'],
    ["import * as z from 'zod';\nexport { z, other };", 'zod'],
  ])('finds it in %j', (source, expected) => {
    expect(zodReexport(source)).toBe(expected);
  });

  it.each([
    ["export { z as zod } from 'zod';"],
    ["import { z } from 'zod';\nexport const Name = z.string();"],
    ["export { z } from './elsewhere.js';"],
  ])('finds none in %j', (source) => {
    expect(zodReexport(source)).toBeUndefined();
  });
});
