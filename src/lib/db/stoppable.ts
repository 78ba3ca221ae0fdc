// Stopping a query that runs too long or that a visitor no longer wants.
//
// DuckDB-WASM runs a sent query in slices (it polls the pending query), so a
// cancel request reaches it between two slices and the query fails at once.
// A slice that never ends (one operator working through a huge input) never
// reads the request: after a grace period the caller is told to restart the
// engine (terminate its worker and start a new one), the only way to get the
// worker back. Kept free of DuckDB so the rules can be tested in Node.

/** Why a query was stopped: the visitor pressed 停止, the time limit passed, or a newer query replaced it. */
export type StopReason = 'cancel' | 'timeout' | 'replaced';

export interface StoppableQuery<T> {
  /** Starts the query; settles when it has finished or failed. */
  start(): Promise<T>;
  /** Asks the engine to stop it (DuckDB-WASM: connection.cancelSent()). */
  cancel(): Promise<unknown>;
}

export type Outcome<T> =
  | { kind: 'done'; value: T }
  | { kind: 'failed'; error: unknown }
  /** `restart`: the engine did not stop within the grace period and is still busy with the query. */
  | { kind: 'stopped'; reason: StopReason; restart: boolean };

/** How long the engine may take to notice a cancel request before it is restarted. */
export const CANCEL_GRACE_MS = 3000;

const reasonOf = (signal: AbortSignal): StopReason => (['cancel', 'timeout', 'replaced'].includes(signal.reason) ? signal.reason : 'cancel');

/** Resolves with the stop reason once the signal is aborted (at once if it already is). */
export function whenAborted(signal: AbortSignal): Promise<StopReason> {
  if (signal.aborted) return Promise.resolve(reasonOf(signal));
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(reasonOf(signal)), { once: true }));
}

/** Runs a query until it settles or the signal stops it; a stopped query is cancelled and, if it does not stop, marked for a restart. */
export async function runStoppable<T>(query: StoppableQuery<T>, signal: AbortSignal, { graceMs = CANCEL_GRACE_MS }: { graceMs?: number } = {}): Promise<Outcome<T>> {
  if (signal.aborted) return { kind: 'stopped', reason: reasonOf(signal), restart: false };
  const settled: Promise<Outcome<T>> = query.start().then(
    (value) => ({ kind: 'done', value }),
    (error: unknown) => ({ kind: 'failed', error }),
  );
  const first = await Promise.race([settled, whenAborted(signal)]);
  if (typeof first !== 'string') return first;
  query.cancel().catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stoppedInTime = await Promise.race([settled.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
  clearTimeout(timer);
  return { kind: 'stopped', reason: first, restart: !stoppedInTime };
}

/** A signal that aborts with `timeout` after `ms`, or with the parent's reason when the parent aborts. `clear` stops the clock. */
export function withTimeLimit(parent: AbortSignal, ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const follow = () => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  const timer = setTimeout(() => controller.abort('timeout' satisfies StopReason), ms);
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer);
      parent.removeEventListener('abort', follow);
    },
  };
}
