// One statement for one target or for many. A statement builder that takes a
// `Batch` writes its SQL once: given `one(values)` it gives the statement a
// page sends (the target's values as literals); given `many(targets)` it gives
// the build's batch (the targets as a relation `__targets`, every row of the
// result led by its target's `__key`), which the build splits and records
// under each target's own statement (answers/batches.ts). The values a target
// takes are named; in a statement they are read through `v(name)`, which is
// the literal alone and the column `__t_<name>` in a batch.

import { sqlString } from '../sql.ts';

/** A value a statement takes from its target; a list (at most one a target) becomes `IN (...)`'s items. */
export type TargetValue = string | number | null | readonly string[];
export type TargetValues = Record<string, TargetValue>;

export interface Batch {
  readonly many: boolean;
  /** A target's value: its literal (a list: its items, comma-separated) alone; `__t_<name>` in a batch. */
  v(name: string): string;
  /** Leads SELECT, GROUP BY, ORDER BY, USING and PARTITION BY lists: '' alone, '__key, ' in a batch. */
  readonly k: string;
  /** A window's partition: '' alone, 'PARTITION BY __key' in a batch. */
  readonly part: string;
  /** Opens a statement's WITH list: '' alone, the targets' relation and ', ' in a batch. */
  readonly with: string;
  /** Leads a statement that has no WITH of its own: '' alone, 'WITH' the targets' relation in a batch. */
  readonly lead: string;
  /** Joins the targets where a table is read: '' alone, ', __targets' in a batch. */
  readonly from: string;
  /** Joins the targets to a relation that has the key: '' alone, ' JOIN __targets USING (__key)' in a batch. */
  readonly join: string;
  /** `SELECT *` of a table: '*' alone, '__key, table.*' in a batch. */
  star(table: string): string;
  /** `column IN (the value's items)` alone; `column = __t_<name>` in a batch (a hash join, not a nested loop). */
  in(column: string, name: string): string;
  /** The first `n` rows of a statement by `order` (over its columns): for each target in a batch. */
  limit(sql: string, order: string, n: number): string;
}

const literal = (v: TargetValue): string => {
  if (Array.isArray(v)) return v.length ? v.map(sqlString).join(', ') : "''";
  if (v === null) return 'NULL';
  return typeof v === 'number' ? String(v) : sqlString(v as string);
};

/** The statement a page sends for one target. */
export function one(values: TargetValues): Batch {
  return {
    many: false,
    v: (name) => {
      if (!(name in values)) throw new Error(`no value ${name} for the statement's target`);
      return literal(values[name]);
    },
    k: '',
    part: '',
    with: '',
    lead: '',
    from: '',
    join: '',
    star: () => '*',
    in: (column, name) => `${column} IN (${literal(values[name])})`,
    limit: (sql, order, n) => `${sql} ORDER BY ${order} LIMIT ${n}`,
  };
}

/** The targets as rows (__key, __t_<name>...): a target with a list value has a row per item. */
function targetRows(targets: readonly TargetValues[], names: readonly string[]): string {
  const rows: string[] = [];
  targets.forEach((t, key) => {
    const list = names.find((n) => Array.isArray(t[n]));
    const items = list ? (t[list] as readonly string[]) : [null];
    for (const item of items.length ? items : ['']) {
      rows.push(`(${[String(key), ...names.map((n) => (n === list ? sqlString(item!) : literal(t[n])))].join(', ')})`);
    }
  });
  return rows.join(', ');
}

/** The batch of several targets (their keys are their indexes). Every target gives the same names. */
export function many(targets: readonly TargetValues[]): Batch {
  if (!targets.length) throw new Error('a batch needs targets');
  const names = Object.keys(targets[0]);
  const columns = ['__key', ...names.map((n) => `__t_${n}`)];
  const relation = `__targets AS (SELECT * FROM (VALUES ${targetRows(targets, names)}) AS v(${columns.join(', ')}))`;
  return {
    many: true,
    v: (name) => {
      if (!names.includes(name)) throw new Error(`no value ${name} for the statement's targets`);
      return `__t_${name}`;
    },
    k: '__key, ',
    part: 'PARTITION BY __key',
    with: `${relation}, `,
    lead: `WITH ${relation} `,
    from: ', __targets',
    join: ' JOIN __targets USING (__key)',
    star: (table) => `__key, ${table}.*`,
    in: (column, name) => {
      if (!names.includes(name)) throw new Error(`no value ${name} for the statement's targets`);
      return `${column} = __t_${name}`;
    },
    limit: (sql, order, n) => `SELECT * FROM (${sql}) QUALIFY row_number() OVER (PARTITION BY __key ORDER BY ${order}) <= ${n} ORDER BY __key, ${order}`,
  };
}

/** A batch's statement and, by key, each target's own statement and how many targets it stands for. */
export interface Batched {
  sql: string;
  singles: string[];
  uses: number[];
}

/**
 * The batch of `targets` for a statement `build` writes, and each target's own statement. Targets whose
 * statements are the same text are asked once.
 */
export function batched(targets: readonly TargetValues[], build: (b: Batch) => string): Batched {
  const byText = new Map<string, { target: TargetValues; uses: number }>();
  for (const t of targets) {
    const sql = build(one(t));
    const known = byText.get(sql);
    if (known) known.uses++;
    else byText.set(sql, { target: t, uses: 1 });
  }
  const distinct = [...byText.values()];
  return { sql: build(many(distinct.map((d) => d.target))), singles: [...byText.keys()], uses: distinct.map((d) => d.uses) };
}

/**
 * A region's batch values: its codes (a view of the overview or the quality page). A batch holds
 * regions of one kind (the same codes given); the rest of a view's filter is the batch's own.
 */
export function regionValues(r: { province: string | null; city: string | null; county: string | null }): TargetValues {
  const out: TargetValues = {};
  if (r.province) out.province = r.province;
  if (r.city) out.city = r.city;
  if (r.county) out.county = r.county;
  return out;
}
