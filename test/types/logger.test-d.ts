import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { describe, expectTypeOf, it } from 'vitest';
import type { Logger } from '../../src/logger.js';

describe('Logger', () => {
  it('is satisfied by a Powertools Logger and by console', () => {
    expectTypeOf<PowertoolsLogger>().toExtend<Logger>();
    expectTypeOf<Console>().toExtend<Logger>();
  });
});
