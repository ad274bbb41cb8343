import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkResponseUrl } from '../../src/response/response-url.js';

describe('checkResponseUrl', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/k?X-Amz-Signature=a',
    'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/k',
    'https://cloudformation-custom-resource-response-apnortheast1.s3.ap-northeast-1.amazonaws.com/k',
    'https://cloudformation-custom-resource-response-usgovwest1.s3-us-gov-west-1.amazonaws.com/k',
    'https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/k',
  ])('accepts CloudFormation response bucket %s', (url) => {
    expect(checkResponseUrl(url, []).ok).toBe(true);
  });

  it.each([
    ['http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/k', 'must use https'],
    ['https://attacker.example/k', 'is not a CloudFormation response bucket'],
    [
      'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com.attacker.example/k',
      'not a CloudFormation',
    ],
    ['https://my-bucket.s3.amazonaws.com/k', 'not a CloudFormation'],
    [
      'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com:8443/k',
      'not a CloudFormation',
    ],
    ['not a url', 'not a URL'],
  ])('refuses %s', (url, problem) => {
    const check = checkResponseUrl(url, []);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain(problem);
  });

  it('says how to allow an http endpoint, which every local test meets', () => {
    const check = checkResponseUrl('http://127.0.0.1:4566/bucket/key?X-Amz-Signature=secret', []);

    expect(check).toEqual({
      ok: false,
      problem:
        'ResponseURL must use https, not http:; to allow http://127.0.0.1:4566 (e.g. a local test endpoint), ' +
        'list it in CRKIT_ALLOW_RESPONSE_ORIGINS or allowedResponseOrigins',
    });
  });

  it('never quotes the query, which holds the signature', () => {
    const check = checkResponseUrl('https://attacker.example/k?X-Amz-Signature=secret', []);
    expect(JSON.stringify(check)).not.toContain('secret');
  });

  it('accepts an explicitly allowed origin, such as a local emulator', () => {
    expect(checkResponseUrl('http://127.0.0.1:4566/bucket/k', ['http://127.0.0.1:4566']).ok).toBe(true);
    expect(checkResponseUrl('http://127.0.0.1:4567/bucket/k', ['http://127.0.0.1:4566']).ok).toBe(false);
  });
});
