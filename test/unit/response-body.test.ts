import { describe, expect, it } from 'vitest';
import { fitResponse } from '../../src/core/fit-response.js';
import { flattenData } from '../../src/core/flatten-data.js';

const target = {
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/5b9a8f10-c7a4-11ef-9cd2-0a1b2c3d4e5f',
  RequestId: '8d2f6c1e-9b0a-4c3d-8e7f-1a2b3c4d5e6f',
  LogicalResourceId: 'TestUser',
};
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('fitResponse', () => {
  it('copies StackId, RequestId and LogicalResourceId verbatim', () => {
    const { body } = fitResponse(target, { status: 'SUCCESS', physicalResourceId: 'id' });
    expect(JSON.parse(body)).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'id', ...target });
  });

  it('trims a long Reason to exactly fit 4096 bytes, keeping its start', () => {
    const reason = `start ${'x'.repeat(10_000)}`;
    const fitted = fitResponse(target, { status: 'FAILED', physicalResourceId: 'id', reason });
    expect(fitted.bytes).toBe(4096);
    expect(bytes(fitted.body)).toBe(4096);
    expect(JSON.parse(fitted.body).Reason).toMatch(/^start x+\.\.\.$/);
  });

  it('measures multi-byte characters in bytes, not characters, and never splits one', () => {
    const reason = '€'.repeat(3000); // 3 bytes each: 9000 bytes
    const fitted = fitResponse(target, { status: 'FAILED', physicalResourceId: 'id', reason });
    expect(bytes(fitted.body)).toBeLessThanOrEqual(4096);
    expect(JSON.parse(fitted.body).Reason).toMatch(/^€+\.\.\.$/);
  });

  it('strips control characters from the Reason', () => {
    const fitted = fitResponse(target, {
      status: 'FAILED',
      physicalResourceId: 'id',
      reason: 'line1\nline2\u0000\tend',
    });
    expect(JSON.parse(fitted.body).Reason).toBe('line1 line2 end');
  });

  it('removes pre-signed URL credentials from the Reason', () => {
    const reason = 'PUT https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA&X-Amz-Signature=deadbeef failed';
    const { body } = fitResponse(target, { status: 'FAILED', physicalResourceId: 'id', reason });
    expect(body).not.toContain('deadbeef');
    expect(body).not.toContain('AKIA');
  });

  it('gives a FAILED answer a Reason even when none was given', () => {
    const { body } = fitResponse(target, { status: 'FAILED', physicalResourceId: 'id', reason: '  ' });
    expect(JSON.parse(body).Reason).toBe('failed (no reason given)');
  });

  it('turns Data that cannot fit into FAILED naming the largest keys and the bytes over, keeping the id', () => {
    const data = { Big: 'a'.repeat(3000), Bigger: 'b'.repeat(3500), Small: 'c' };
    const fitted = fitResponse(target, { status: 'SUCCESS', physicalResourceId: 'real-id', data });
    const body = JSON.parse(fitted.body);
    expect(fitted.bytes).toBeLessThanOrEqual(4096);
    expect(body.Status).toBe('FAILED');
    expect(body.PhysicalResourceId).toBe('real-id');
    expect(body.Data).toBeUndefined();
    expect(body.Reason).toMatch(
      /^response Data is \d+ bytes over CloudFormation's 4096-byte limit; largest keys: Bigger \(3512 bytes\), Big \(3009 bytes\), Small/,
    );
    const over = Number(/is (\d+) bytes over/.exec(body.Reason)?.[1]);
    const unfitted = JSON.stringify({
      Status: 'SUCCESS',
      PhysicalResourceId: 'real-id',
      ...target,
      Data: data,
    });
    expect(over).toBe(bytes(unfitted) - 4096);
  });

  it('keeps Data that fits exactly', () => {
    const base = bytes(
      JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: 'id', ...target, Data: { K: '' } }),
    );
    const data = { K: 'v'.repeat(4096 - base) };
    const fitted = fitResponse(target, { status: 'SUCCESS', physicalResourceId: 'id', data });
    expect(fitted.bytes).toBe(4096);
    expect(JSON.parse(fitted.body).Status).toBe('SUCCESS');
  });

  it('sends NoEcho only when asked', () => {
    const plain = JSON.parse(fitResponse(target, { status: 'SUCCESS', physicalResourceId: 'id' }).body);
    const masked = JSON.parse(
      fitResponse(target, { status: 'SUCCESS', physicalResourceId: 'id', noEcho: true }).body,
    );
    expect(plain.NoEcho).toBeUndefined();
    expect(masked.NoEcho).toBe(true);
  });
});

describe('flattenData', () => {
  it('flattens nested objects and arrays into dotted string attributes for Fn::GetAtt', () => {
    const when = new Date('2026-11-21T00:00:00.000Z');
    expect(flattenData({ a: { b: 1, c: [true, 'x'] }, n: null, u: undefined, when, s: 's' })).toEqual({
      'a.b': '1',
      'a.c.0': 'true',
      'a.c.1': 'x',
      when: '2026-11-21T00:00:00.000Z',
      s: 's',
    });
  });
});
