import type { Change } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import {
  createChangeCoalescer,
  isChangeRejection,
} from '../../../providers/cross-account-dns-record/change-coalescer.js';

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

function change(name: string, action: Change['Action'] = 'CREATE', values = ['192.0.2.1']): Change {
  return {
    Action: action,
    ResourceRecordSet: {
      Name: `${name}.`,
      Type: 'A',
      TTL: 60,
      ResourceRecords: values.map((Value) => ({ Value })),
    },
  };
}

/** A Route 53 stand-in: records every batch sent, rejects a batch holding a name in `bad`, answers `/change/N`. */
function route53(
  bad: readonly string[] = [],
  failure = () => awsError('InvalidChangeBatch', 'already exists'),
) {
  const batches: { zone: string; names: string[] }[] = [];
  const send = async (zone: string, changes: readonly Change[]) => {
    const names = changes.map((c) => c.ResourceRecordSet?.Name?.replace(/\.$/, '') ?? '');
    batches.push({ zone, names });
    if (names.some((name) => bad.includes(name))) throw failure();
    return `/change/C${batches.length}`;
  };
  return { batches, send };
}

describe('change coalescer', () => {
  it('sends the changes submitted together to one zone as one batch and gives each the shared change id', async () => {
    const fake = route53();
    const coalescer = createChangeCoalescer({ send: fake.send });

    const ids = await Promise.all(
      ['a', 'b', 'c'].map((n) => coalescer.submit('Z1', change(`${n}.example.com`))),
    );

    expect(ids).toEqual(['/change/C1', '/change/C1', '/change/C1']);
    expect(fake.batches).toEqual([
      { zone: 'Z1', names: ['a.example.com', 'b.example.com', 'c.example.com'] },
    ]);
  });

  it('keeps the changes of different zones in different batches', async () => {
    const fake = route53();
    const coalescer = createChangeCoalescer({ send: fake.send });

    await Promise.all([
      coalescer.submit('Z1', change('a.example.com')),
      coalescer.submit('Z2', change('b.example.org')),
      coalescer.submit('Z1', change('c.example.com')),
    ]);

    expect(fake.batches).toEqual([
      { zone: 'Z1', names: ['a.example.com', 'c.example.com'] },
      { zone: 'Z2', names: ['b.example.org'] },
    ]);
  });

  it('sends a change that arrives after the window in a batch of its own', async () => {
    const fake = route53();
    const coalescer = createChangeCoalescer({ send: fake.send, windowMs: 5 });

    await coalescer.submit('Z1', change('a.example.com'));
    await coalescer.submit('Z1', change('b.example.com'));

    expect(fake.batches.map((batch) => batch.names)).toEqual([['a.example.com'], ['b.example.com']]);
  });

  it('sends a full batch at once, without waiting for the window', async () => {
    const fake = route53();
    const coalescer = createChangeCoalescer({ send: fake.send, windowMs: 60_000, maxChanges: 2 });

    const ids = await Promise.all(['a', 'b'].map((n) => coalescer.submit('Z1', change(`${n}.example.com`))));

    expect(ids).toEqual(['/change/C1', '/change/C1']);
  });

  it("starts a new batch before the combined values would pass Route 53's 32,000 characters", async () => {
    const fake = route53();
    const coalescer = createChangeCoalescer({ send: fake.send });
    const long = ['"'.padEnd(3999, 'x').concat('"')];
    const values = Array.from({ length: 5 }, () => long[0] as string);

    // Each UPSERT of 5 values of 4000 characters weighs 40,000 (an UPSERT counts twice): one per batch.
    await Promise.all(
      ['a', 'b'].map((n) => coalescer.submit('Z1', change(`${n}.example.com`, 'UPSERT', values))),
    );

    expect(fake.batches.map((batch) => batch.names)).toEqual([['a.example.com'], ['b.example.com']]);
  });

  it('retries each change alone when the combined batch is rejected, so only the bad change fails', async () => {
    const fake = route53(['b.example.com']);
    const coalescer = createChangeCoalescer({ send: fake.send });

    const settled = await Promise.allSettled(
      ['a', 'b', 'c'].map((n) => coalescer.submit('Z1', change(`${n}.example.com`))),
    );

    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: { name: 'InvalidChangeBatch' } });
    expect(fake.batches.map((batch) => batch.names)).toEqual([
      ['a.example.com', 'b.example.com', 'c.example.com'],
      ['a.example.com'],
      ['b.example.com'],
      ['c.example.com'],
    ]);
  });

  it('fails every change of a batch with an error that is not about its content, without retrying', async () => {
    const fake = route53(['a.example.com'], () =>
      awsError('NoSuchHostedZone', 'No hosted zone found with ID: Z1'),
    );
    const coalescer = createChangeCoalescer({ send: fake.send });

    const settled = await Promise.allSettled(
      ['a', 'b'].map((n) => coalescer.submit('Z1', change(`${n}.example.com`))),
    );

    expect(settled).toMatchObject([
      { status: 'rejected', reason: { name: 'NoSuchHostedZone' } },
      { status: 'rejected', reason: { name: 'NoSuchHostedZone' } },
    ]);
    expect(fake.batches).toHaveLength(1);
  });

  it('passes the rejection of a lone change on as it came', async () => {
    const fake = route53(['a.example.com']);
    const coalescer = createChangeCoalescer({ send: fake.send });

    await expect(coalescer.submit('Z1', change('a.example.com'))).rejects.toThrow('already exists');
    expect(fake.batches).toHaveLength(1);
  });

  it('refuses options out of range, naming them', () => {
    const send = async () => 'id';
    expect(() => createChangeCoalescer({ send, windowMs: -1 })).toThrow('windowMs: expected a number');
    expect(() => createChangeCoalescer({ send, maxChanges: 0 })).toThrow(
      'maxChanges: expected an integer >= 1',
    );
  });

  it('counts InvalidChangeBatch and InvalidInput as rejections of content, and nothing else', () => {
    expect(isChangeRejection(awsError('InvalidChangeBatch'))).toBe(true);
    expect(isChangeRejection(awsError('InvalidInput'))).toBe(true);
    expect(isChangeRejection(awsError('Throttling'))).toBe(false);
    expect(isChangeRejection('InvalidChangeBatch')).toBe(false);
  });
});
