import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/core/parse-request.js';
import { createEvent, deleteEvent, updateEvent } from '../../src/testing/events.js';

const reasonOf = (raw: unknown) => {
  const parsed = parseRequest(raw);
  if (parsed.ok) throw new Error('expected the request to be refused');
  return parsed.reason;
};

describe('parseRequest', () => {
  it('parses each request type with the fields CloudFormation sends for it', () => {
    const create = parseRequest(createEvent({ resourceType: 'Custom::W', properties: { Name: 'a' } }));
    const update = parseRequest(
      updateEvent({
        resourceType: 'Custom::W',
        physicalResourceId: 'w-1',
        properties: { Name: 'b' },
        oldProperties: { Name: 'a' },
      }),
    );
    const remove = parseRequest(deleteEvent({ resourceType: 'Custom::W', physicalResourceId: 'w-1' }));
    expect(create).toMatchObject({
      ok: true,
      event: { RequestType: 'Create', ResourceProperties: { Name: 'a' } },
    });
    expect(update).toMatchObject({
      ok: true,
      event: { RequestType: 'Update', PhysicalResourceId: 'w-1', OldResourceProperties: { Name: 'a' } },
    });
    expect(remove).toMatchObject({ ok: true, event: { RequestType: 'Delete', PhysicalResourceId: 'w-1' } });
  });

  it('names the request type when it is none of the three', () => {
    expect(reasonOf({ ...createEvent({ resourceType: 'Custom::W' }), RequestType: 'Replace' })).toMatch(
      /^invalid request: event\.RequestType: /,
    );
    expect(reasonOf('not an event')).toMatch(/^invalid request: /);
  });

  it("checks each type's own fields: an Update or Delete without a PhysicalResourceId is refused", () => {
    const { PhysicalResourceId: _dropped, ...update } = updateEvent({
      resourceType: 'Custom::W',
      physicalResourceId: 'w-1',
    });
    expect(reasonOf(update)).toMatch(/event\.PhysicalResourceId: /);
    expect(
      reasonOf({
        ...deleteEvent({ resourceType: 'Custom::W', physicalResourceId: 'w-1' }),
        PhysicalResourceId: '',
      }),
    ).toMatch(/event\.PhysicalResourceId: expected at least 1 character, got ""/);
    expect(
      reasonOf({
        ...updateEvent({ resourceType: 'Custom::W', physicalResourceId: 'w-1' }),
        PhysicalResourceId: '',
      }),
    ).toMatch(/event\.PhysicalResourceId: expected at least 1 character, got ""/);
  });
});
