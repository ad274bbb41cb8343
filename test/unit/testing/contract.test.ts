import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineResource } from '../../../src/resource/define-resource.js';
import { checkContract } from '../../../src/testing/contract.js';
import { widgets } from './widgets.js';

const Properties = z.object({ Name: z.string().min(1) });

/** A provider that breaks one rule of the contract, and otherwise behaves like the widgets. */
function breaking(overrides: Partial<Parameters<typeof defineResource<typeof Properties>>[0]>) {
  const existing = new Set<string>();
  return defineResource({
    resourceType: 'Custom::Broken',
    properties: Properties,
    create: ({ properties }) => {
      existing.add(properties.Name);
      return { physicalResourceId: `broken-${properties.Name}` };
    },
    update: () => {},
    delete: ({ physicalResourceId }) => {
      existing.delete(physicalResourceId);
    },
    ...overrides,
  });
}

/** What a hand-written handler reads of a request. */
interface RawRequest {
  readonly RequestType: string;
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, string>;
}

const violationsOf = async (target: Parameters<typeof checkContract>[0]) =>
  (await checkContract(target, { properties: { Name: 'a' }, update: { Name: 'b' } })).violations;

describe('checkContract', () => {
  it('passes a provider that keeps every rule, and runs each check in one stack', async () => {
    const { store, Widget } = widgets();

    const report = await checkContract(Widget, {
      properties: { Name: 'a', Size: 1 },
      update: { Name: 'a', Size: 2 },
      replacement: { Name: 'b', Size: 2 },
      invalidProperties: { Name: '' },
    });

    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.filter((check) => check.skipped)).toEqual([]);
    expect(report.entries.map((entry) => entry.action)).toEqual([
      'create',
      'create',
      'update',
      'update',
      'cleanup-delete',
      'delete',
      'delete',
      'delete',
      'create',
      'delete',
      'create',
      'rollback-delete',
    ]);
    expect(new Set(report.entries.map((entry) => entry.request.StackId)).size).toBe(1);
    expect(store.size).toBe(0);
  });

  it.each([
    ['sqs', false],
    ['sqs', true],
    ['sns', false],
  ] as const)(
    'passes the same provider behind %s (raw: %s), where duplicates are answered once',
    async (via, raw) => {
      const { store, Widget } = widgets();

      const report = await checkContract(Widget, {
        via,
        raw,
        properties: { Name: 'a' },
        update: { Name: 'a', Size: 2 },
        replacement: { Name: 'b' },
        invalidProperties: { Name: '' },
      });

      expect(report.violations).toEqual([]);
      expect(report.entries[1]).toMatchObject({
        action: 'create',
        responses: 1,
        response: { PhysicalResourceId: 'widget-a' },
      });
      expect(report.entries[1]?.request.RequestId).toBe(report.entries[0]?.request.RequestId);
      expect(store.size).toBe(0);
    },
  );

  it('reports checks it could not run, with why', async () => {
    const { Widget } = widgets();

    const report = await checkContract(Widget, {
      properties: { Name: 'a' },
      invalidProperties: { Name: 'fine' },
    });

    expect(report.violations).toEqual([]);
    expect(report.checks.filter((check) => check.skipped).map((check) => check.skipped)).toEqual([
      'no update properties given',
      'no replacement properties given',
      'invalidProperties did not make the Create fail: pass properties it rejects',
    ]);
  });

  it('catches a delete that fails when the resource is already gone', async () => {
    const gone = new Set<string>();
    const strict = breaking({
      delete: ({ physicalResourceId }) => {
        if (gone.has(physicalResourceId)) throw new Error(`${physicalResourceId} not found`);
        gone.add(physicalResourceId);
      },
    });

    expect(await violationsOf(strict)).toEqual([
      'delete is idempotent (delete twice, SUCCESS both times): delete: expected SUCCESS, got FAILED: ' +
        'delete failed: Error: broken-a not found',
    ]);
  });

  it('catches a create that makes a new resource on every delivery of the same request', async () => {
    const random = breaking({ create: () => ({ physicalResourceId: `broken-${randomUUID()}` }) });

    const violations = await violationsOf(random);

    expect(violations).toEqual([
      expect.stringMatching(
        /^a duplicated create gives the same id: the second delivery answered broken-\S+, the first broken-\S+: one of them leaks$/,
      ),
      expect.stringMatching(
        /^every response is one CloudFormation accepts .*: create: the responses to one request delivered twice disagree \(SUCCESS broken-\S+; SUCCESS broken-\S+\)$/,
      ),
    ]);
  });

  it('catches an update that answers a new id where the id must stay', async () => {
    const renaming = breaking({
      update: ({ properties }) => ({ physicalResourceId: `renamed-${properties.Name}` }),
    });

    expect(await violationsOf(renaming)).toEqual([
      'an update in place keeps the id: update: expected an update in place (the same physical id), got a ' +
        'replacement: renamed-b',
    ]);
  });

  it('catches a provider that logs its request, ResponseURL and all, wherever the line goes', async () => {
    const chatty = breaking({
      create: ({ event, logger }) => {
        console.log('got', event);
        logger.info('request', { url: event.ResponseURL });
        return { physicalResourceId: 'chatty' };
      },
    });

    expect(await violationsOf(chatty)).toEqual([
      // crkit's logger never sees it: the line is redacted before any logger does. The console is the provider's own.
      'nothing logs the ResponseURL: the signature of 2 ResponseURL(s) appears in standard output, standard error or the console',
    ]);
  });

  it('checks a hand-written handler too: one whose delete fails for what it does not find', async () => {
    const made = new Set<string>();
    const handler = async (event: RawRequest, context: { logStreamName: string }) => {
      const name = event.ResourceProperties.Name;
      let id = event.PhysicalResourceId ?? context.logStreamName;
      let failure: string | undefined;
      if (event.RequestType === 'Create' && name === 'bad') failure = 'bad name';
      else if (event.RequestType === 'Create') {
        id = `raw-${name}`;
        made.add(id);
      } else if (event.RequestType === 'Delete' && !made.delete(id)) failure = `${id} not found`;
      const { StackId, RequestId, LogicalResourceId } = event;
      const body = { StackId, RequestId, LogicalResourceId, PhysicalResourceId: id };
      const answer = failure
        ? { ...body, Status: 'FAILED', Reason: failure }
        : { ...body, Status: 'SUCCESS' };
      await fetch(event.ResponseURL, { method: 'PUT', body: JSON.stringify(answer) });
    };

    const report = await checkContract(handler, {
      resourceType: 'Custom::Raw',
      properties: { Name: 'a' },
      invalidProperties: { Name: 'bad' },
    });

    expect(report.violations).toEqual([
      'delete is idempotent (delete twice, SUCCESS both times): delete: expected SUCCESS, got FAILED: raw-a not found',
      'a Delete of an id CloudFormation made up succeeds (a stack failed while a Create was in flight): delete: expected SUCCESS, got FAILED: Resource-1QX7Z9KD2M4AB not found',
      expect.stringMatching(
        /^delete after a failed create succeeds: rollback-delete: expected SUCCESS, got FAILED: \S+ not found$/,
      ),
    ]);
  });
});
