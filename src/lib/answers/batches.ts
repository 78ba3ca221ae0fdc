// Build time: a view's statements asked for many keys at once. A statement
// builder given a batch (db/batch.ts) writes one statement for a set of
// targets whose rows carry their target's __key; its result is split by key
// and kept under each target's own statement — the text the page sends — so
// that running a key's view afterwards finds every statement it asks already
// answered. A statement nobody asked in a batch still runs alone: batching
// changes the cost, never the answers.

import type { Row } from '../db/runner.ts';
import { batched, type Batch, type TargetValues } from '../db/batch.ts';

export type Run = (sql: string) => Promise<Row[]>;

/** Targets per batch statement: large enough that planning is paid rarely, small enough to keep a batch's rows in memory. */
export const BATCH_TARGETS = 2000;

/** Results by statement text, filled by batches, read (and dropped) by the views. */
export class Prefetched {
  private readonly known = new Map<string, { rows: Row[]; uses: number }>();
  /** Statements answered from a batch, and those run alone. */
  readonly counts = { batched: 0, alone: 0, batches: 0 };

  constructor(private readonly runs: readonly Run[]) {}

  /** Runs `build`'s statement for `targets`, in batches spread over the connections, and keeps each target's rows. */
  async ask(targets: readonly TargetValues[], build: (b: Batch) => string, size = BATCH_TARGETS): Promise<void> {
    const chunks: TargetValues[][] = [];
    for (let i = 0; i < targets.length; i += size) chunks.push(targets.slice(i, i + size));
    let next = 0;
    await Promise.all(
      this.runs.map(async (run) => {
        while (next < chunks.length) {
          const { sql, singles, uses } = batched(chunks[next++], build);
          this.keep(singles, uses, await run(sql));
          this.counts.batches++;
        }
      }),
    );
  }

  /** Splits a batch's rows by __key (in their order) and keeps them under each target's statement. */
  private keep(singles: readonly string[], uses: readonly number[], rows: readonly Row[]): void {
    const byKey: Row[][] = singles.map(() => []);
    for (const row of rows) {
      const { __key, ...rest } = row;
      byKey[Number(__key)].push(rest);
    }
    singles.forEach((sql, key) => {
      const known = this.known.get(sql);
      this.known.set(sql, { rows: byKey[key], uses: (known?.uses ?? 0) + uses[key] });
    });
  }

  /** A statement's rows from a batch, left for the views (a later batch step reads what an earlier one found). */
  peek(sql: string): Row[] | undefined {
    return this.known.get(sql)?.rows;
  }

  /** A statement's rows from a batch, if one answered it; dropped once every target that asked it has taken them. */
  take(sql: string): Row[] | undefined {
    const known = this.known.get(sql);
    if (!known) return undefined;
    if (--known.uses <= 0) this.known.delete(sql);
    return known.rows;
  }

  /** A runner that answers from the batches first, and runs the rest alone. */
  runner(run: Run): Run {
    return async (sql) => {
      const rows = this.take(sql);
      if (rows) {
        this.counts.batched++;
        return rows;
      }
      this.counts.alone++;
      return run(sql);
    };
  }
}
