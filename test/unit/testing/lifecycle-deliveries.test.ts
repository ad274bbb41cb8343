import { describe, expect, it } from 'vitest';
import { defineResource } from '../../../src/resource/define-resource.js';
import { createRouter } from '../../../src/resource/router.js';
import { playLifecycle } from '../../../src/testing/lifecycle.js';
import { startResponseCapture } from '../../../src/testing/response-capture.js';
import { widgets } from './widgets.js';

describe('playLifecycle, delivering and reporting', () => {
  it.each([
    ['sqs', false],
    ['sqs', true],
    ['sns', false],
  ] as const)(
    'drives the provider through %s envelopes (raw: %s) with the same outcome',
    async (via, raw) => {
      const { store, Widget } = widgets();

      const timeline = await playLifecycle(Widget, {
        via,
        raw,
        steps: [{ create: { Name: 'a' } }, { update: { Name: 'b' }, expect: 'replacement' }, 'delete'],
      });

      expect(timeline.problems).toEqual([]);
      expect(timeline.entries.map((entry) => entry.action)).toEqual([
        'create',
        'update',
        'cleanup-delete',
        'delete',
      ]);
      expect(timeline.entries[0]?.request.ServiceToken).toMatch(/^arn:aws:sns:/);
      expect(store.size).toBe(0);
    },
  );

  it('delivers an SQS record again when the handler reports it failed, as the queue would', async () => {
    const { Widget } = widgets();
    const capture = await startResponseCapture({
      behaviour: ({ attempt }) => ({ status: attempt === 1 ? 503 : 200 }),
    });

    const timeline = await playLifecycle(Widget, {
      via: 'sqs',
      responses: capture,
      handlerOptions: { retry: { attempts: 1 } },
      steps: [{ create: { Name: 'a' } }],
    });
    await capture.close();

    expect(timeline.problems).toEqual([]);
    expect(timeline.entries[0]).toMatchObject({
      deliveries: 2,
      responses: 1,
      response: { Status: 'SUCCESS' },
    });
  });

  it('reports each request as it starts and ends, and waits for an inspection before the next', async () => {
    const { store, Widget } = widgets();
    const seen: string[] = [];

    await playLifecycle(Widget, {
      steps: [{ create: { Name: 'a' } }, { update: { Name: 'b' } }, 'delete'],
      onProgress: async (progress) => {
        if (progress.kind === 'started') return void seen.push(`start ${progress.action}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(`${progress.entry.action}: ${[...store.keys()].join(',')}`);
      },
    });

    expect(seen).toEqual([
      'start create',
      'create: widget-a',
      'start update',
      'update: widget-a,widget-b',
      'start cleanup-delete',
      'cleanup-delete: widget-b',
      'start delete',
      'delete: ',
    ]);
  });
  it('routes through a router by the resourceType given', async () => {
    const first = widgets();
    const second = widgets();
    const Gadget = defineResource({ ...second.Widget, resourceType: 'Custom::Gadget' });

    const timeline = await playLifecycle(createRouter(first.Widget, Gadget), {
      resourceType: 'Custom::Gadget',
      steps: [{ create: { Name: 'g' } }],
    });

    expect(timeline.problems).toEqual([]);
    expect([...first.store.keys()]).toEqual([]);
    expect([...second.store.keys()]).toEqual(['widget-g']);
  });
});
