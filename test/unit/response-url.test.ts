import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { lambdaHandler } from '../../src/entry/lambda.js';
import { defineResource } from '../../src/resource/define-resource.js';
import { checkResponseUrl, originsFromEnvironment } from '../../src/response/response-url.js';

describe('checkResponseUrl', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/k?X-Amz-Signature=a',
    'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/k',
    'https://cloudformation-custom-resource-response-apnortheast1.s3.ap-northeast-1.amazonaws.com/k',
    'https://cloudformation-custom-resource-response-usgovwest1.s3-us-gov-west-1.amazonaws.com/k',
    'https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/k',
    'https://cloudformation-custom-resource-response-usisoeast1.s3.us-iso-east-1.c2s.ic.gov/k?X-Amz-Signature=a',
    'https://cloudformation-custom-resource-response-usisobeast1.s3.us-isob-east-1.sc2s.sgov.gov/k',
    'https://cloudformation-custom-resource-response-euisoewest1.s3.eu-isoe-west-1.cloud.adc-e.uk/k',
    'https://cloudformation-custom-resource-response-usisofsouth1.s3.us-isof-south-1.csp.hci.ic.gov/k',
    'https://cloudformation-custom-resource-response-euscdeeast1.s3.eusc-de-east-1.amazonaws.eu/k',
    'https://cloudformation-custom-resource-response-usgoveast1.s3.us-gov-east-1.amazonaws.com/k',
    'https://cloudformation-custom-resource-response-mxcentral1.s3.dualstack.mx-central-1.amazonaws.com/k',
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
    // Look-alikes: userinfo, suffix tricks, IP literals, another region's bucket, an unknown partition suffix.
    ['https://x@cloudformation-custom-resource-response-useast1.s3.amazonaws.com/k', 'not a CloudFormation'],
    [
      'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com@evil.example/k',
      'not a CloudFormation',
    ],
    [
      'https://cloudformation-custom-resource-response-usisoeast1.s3.us-iso-east-1.c2s.ic.gov.evil.example/k',
      'not a',
    ],
    ['https://cloudformation-custom-resource-response-usisoeast1.s3.us-iso-east-1.amazonaws.com/k', 'not a'],
    [
      'https://cloudformation-custom-resource-response-useast1.s3.us-west-2.amazonaws.com/k',
      'not a CloudFormation',
    ],
    [
      'https://cloudformation-custom-resource-response-euscdeeast1.s3.eusc-de-east-1.amazonaws.eu:444/k',
      'not a',
    ],
    ['https://52.216.0.1/k', 'not a CloudFormation'],
    ['https://cloudformation-custom-resource-response-evil.s3.amazonaws.com/k', 'not a CloudFormation'],
    [
      'https://cloudformation-custom-resource-response-useast1evil.s3.amazonaws.com/k',
      'not a CloudFormation',
    ],
    ['https://[::1]/k', 'not a CloudFormation'],
    ['https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com./k', 'not a CloudFormation'],
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

  it('names the fix when an origin listed in CRKIT_ALLOW_RESPONSE_ORIGINS is malformed', () => {
    for (const entry of [
      'http://127.0.0.1:4566/',
      'HTTP://127.0.0.1:4566',
      'ftp://127.0.0.1',
      'localhost:4566',
    ]) {
      vi.stubEnv('CRKIT_ALLOW_RESPONSE_ORIGINS', `http://127.0.0.1:1,${entry}`);
      expect(() => originsFromEnvironment()).toThrow(/^CRKIT_ALLOW_RESPONSE_ORIGINS: expected origins like/);
      const lines: string[] = [];
      const logger = { debug() {}, info() {}, warn() {}, error: (line: string) => lines.push(line) };
      expect(originsFromEnvironment(logger)).toEqual(['http://127.0.0.1:1']);
      expect(lines[0]).toContain(JSON.stringify(entry));
    }
  });

  it('refuses to build a handler while CRKIT_ALLOW_RESPONSE_ORIGINS holds a malformed entry', () => {
    vi.stubEnv('CRKIT_ALLOW_RESPONSE_ORIGINS', 'http://127.0.0.1:4566/');
    const Ok = defineResource({
      resourceType: 'Custom::Ok',
      properties: z.object({}),
      create: () => {},
      delete: () => {},
    });
    expect(() => lambdaHandler(Ok)).toThrow(/did you mean "http:\/\/127\.0\.0\.1:4566"\?/);
  });
});
