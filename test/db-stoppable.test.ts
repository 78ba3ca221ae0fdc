// Stopping a query (src/lib/db/stoppable.ts): a query that settles is
// returned as it is; one stopped is cancelled, and marked for an engine
// restart only when it does not settle within the grace period.

import { describe, expect, it } from 'vitest';
import { runStoppable, withTimeLimit, type StoppableQuery } from '../src/lib/db/stoppable.ts';
import { stoppedMessage } from '../src/lib/db/sql-console.ts';

/** A fake engine query: settles after `ms`, or `cancelMs` after a cancel request (never, when null). */
function fakeQuery(ms: number, cancelMs: number | null): StoppableQuery<string> & { cancelled: number } {
  let reject: (e: Error) => void = () => undefined;
  const q = {
    cancelled: 0,
    start: () =>
      new Promise<string>((resolve, rej) => {
        reject = rej;
        setTimeout(() => resolve('rows'), ms);
      }),
    cancel: async () => {
      q.cancelled++;
      if (cancelMs !== null) setTimeout(() => reject(new Error('query was canceled')), cancelMs);
      return true;
    },
  };
  return q;
}

describe('runStoppable', () => {
  it('returns what a query gives when nothing stops it', async () => {
    const q = fakeQuery(5, 0);
    expect(await runStoppable(q, new AbortController().signal)).toEqual({ kind: 'done', value: 'rows' });
    expect(q.cancelled).toBe(0);
  });

  it('returns the error of a failing query', async () => {
    const failing: StoppableQuery<string> = { start: () => Promise.reject(new Error('Binder Error')), cancel: async () => true };
    const outcome = await runStoppable(failing, new AbortController().signal);
    expect(outcome.kind).toBe('failed');
  });

  it('cancels a query the visitor stops; one that answers needs no restart', async () => {
    const q = fakeQuery(60_000, 5);
    const c = new AbortController();
    setTimeout(() => c.abort('cancel'), 5);
    expect(await runStoppable(q, c.signal, { graceMs: 1000 })).toEqual({ kind: 'stopped', reason: 'cancel', restart: false });
    expect(q.cancelled).toBe(1);
  });

  it('marks a query that ignores the cancel request for a restart after the grace period', async () => {
    const q = fakeQuery(60_000, null);
    const c = new AbortController();
    setTimeout(() => c.abort('replaced'), 5);
    const t0 = Date.now();
    expect(await runStoppable(q, c.signal, { graceMs: 50 })).toEqual({ kind: 'stopped', reason: 'replaced', restart: true });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('does not start a query whose signal is already aborted', async () => {
    const c = new AbortController();
    c.abort('cancel');
    let started = false;
    const outcome = await runStoppable({ start: async () => void (started = true), cancel: async () => true }, c.signal);
    expect(outcome).toEqual({ kind: 'stopped', reason: 'cancel', restart: false });
    expect(started).toBe(false);
  });
});

describe('withTimeLimit', () => {
  it('aborts with timeout when the time is up', async () => {
    const { signal } = withTimeLimit(new AbortController().signal, 10);
    await new Promise((r) => setTimeout(r, 40));
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('timeout');
  });

  it('passes on the parent’s reason, and stops the clock when cleared', async () => {
    const parent = new AbortController();
    const limit = withTimeLimit(parent.signal, 10_000);
    parent.abort('cancel');
    expect(limit.signal.reason).toBe('cancel');
    const quiet = withTimeLimit(new AbortController().signal, 10);
    quiet.clear();
    await new Promise((r) => setTimeout(r, 40));
    expect(quiet.signal.aborted).toBe(false);
  });
});

describe('stoppedMessage', () => {
  it('says why a query was stopped, in Chinese, and when the engine was restarted', () => {
    expect(stoppedMessage('timeout', 30, false)).toMatch(/^查询超过了 30 秒的时限，已停止。/);
    expect(stoppedMessage('timeout', 120, false)).toMatch(/^查询超过了 2 分钟的时限/);
    expect(stoppedMessage('cancel', 30, false)).toBe('查询已停止。');
    expect(stoppedMessage('cancel', 30, true)).toMatch(/已重新启动/);
  });
});
