// The index of every label the templates print, built from the template model.
// A cell is looked up by its key (see labelKey); wrapped or cut labels match
// by prefix, misspelt ones by similarity, both only inside the table the
// reader is in.

import {
  APPLICANTS,
  APPLICATION_GROUPS,
  APPLICATION_HEADERS,
  APPLICATION_ROWS,
  DISCLOSURE_HEADERS,
  DISCLOSURE_ITEMS,
  MEASURES,
  OUTCOMES,
  PROCEEDINGS,
  REVIEW_HEADERS,
  TEMPLATES,
  type ApplicationRow,
  type Labelled,
  type TemplateId,
} from '../template/model.ts';
import { labelKey, lcsLength } from './text.ts';

export type Table = 'disclosure' | 'applications' | 'reviews';

export type LabelKind =
  | 'item'
  | 'measure'
  | 'disclosure_header'
  | 'app_row'
  | 'app_column'
  | 'app_header'
  | 'app_group'
  | 'proceeding'
  | 'outcome'
  | 'review_header';

export interface LabelEntry {
  kind: LabelKind;
  table: Table;
  code: string;
  key: string;
  /** The template this wording belongs to alone, if any: a vote for the report's template. */
  vote: TemplateId | null;
  row?: ApplicationRow;
}

const TABLE_OF: Record<LabelKind, Table> = {
  item: 'disclosure',
  measure: 'disclosure',
  disclosure_header: 'disclosure',
  app_row: 'applications',
  app_column: 'applications',
  app_header: 'applications',
  app_group: 'applications',
  proceeding: 'reviews',
  outcome: 'reviews',
  review_header: 'reviews',
};

/** A row label: what figures follow. */
export function isRowKind(kind: LabelKind): boolean {
  return kind === 'item' || kind === 'app_row';
}

function onlyTemplate(present: (t: TemplateId) => boolean): TemplateId | null {
  const hits = TEMPLATES.filter(present);
  return hits.length === 1 ? hits[0] : null;
}

function build(): { exact: Map<string, LabelEntry[]>; rows: Record<'disclosure' | 'applications', LabelEntry[]> } {
  const exact = new Map<string, LabelEntry[]>();
  const rows: Record<'disclosure' | 'applications', LabelEntry[]> = { disclosure: [], applications: [] };
  const add = (kind: LabelKind, thing: Labelled, vote: TemplateId | null, row?: ApplicationRow) => {
    for (const text of [thing.label, ...(thing.variants ?? [])]) {
      const { key } = labelKey(text);
      if (!key) continue;
      const entry: LabelEntry = { kind, table: TABLE_OF[kind], code: thing.code, key, vote, row };
      const list = exact.get(key) ?? [];
      if (!list.some((e) => e.kind === kind && e.code === thing.code)) list.push(entry);
      exact.set(key, list);
      if (kind === 'item') rows.disclosure.push(entry);
      if (kind === 'app_row') rows.applications.push(entry);
    }
  };
  for (const item of DISCLOSURE_ITEMS) add('item', item, onlyTemplate((t) => item.measures[t] !== undefined));
  for (const m of MEASURES) {
    add('measure', m, onlyTemplate((t) => DISCLOSURE_ITEMS.some((i) => i.measures[t]?.includes(m.code))));
  }
  for (const h of DISCLOSURE_HEADERS) add('disclosure_header', h, null);
  for (const r of APPLICATION_ROWS) add('app_row', r, r.only ?? null, r);
  for (const c of APPLICANTS) add('app_column', c, null);
  for (const h of APPLICATION_HEADERS) add('app_header', h, null);
  for (const g of APPLICATION_GROUPS) add('app_group', g, null);
  for (const p of PROCEEDINGS) add('proceeding', p, null);
  for (const o of OUTCOMES) add('outcome', o, null);
  for (const h of REVIEW_HEADERS) add('review_header', h, null);
  return { exact, rows };
}

const INDEX = build();

/** Every label whose key equals `key` exactly (several tables may share a word: '其他', '总计'). */
export function exactLabels(key: string): readonly LabelEntry[] | undefined {
  return INDEX.exact.get(key);
}

const MIN_PREFIX = 4;
const MIN_FUZZY = 5;
const FUZZY_RATIO = 0.7;

/** Results of the prefix and similarity look-ups, which are pure and asked again and again. */
const MEMO = {
  prefix: { disclosure: new Map<string, LabelEntry | null>(), applications: new Map<string, LabelEntry | null>() },
  fuzzy: { disclosure: new Map<string, LabelEntry | null>(), applications: new Map<string, LabelEntry | null>() },
};

function memo(kind: 'prefix' | 'fuzzy', key: string, table: 'disclosure' | 'applications', fn: () => LabelEntry | null): LabelEntry | null {
  const map = MEMO[kind][table];
  let hit = map.get(key);
  if (hit === undefined) {
    if (map.size > 50_000) map.clear();
    hit = fn();
    map.set(key, hit);
  }
  return hit;
}

/** A wrapped or cut row label: the key begins exactly one row label of the table. */
export function prefixRow(key: string, table: 'disclosure' | 'applications'): LabelEntry | null {
  return key.length < MIN_PREFIX ? null : memo('prefix', key, table, () => findPrefix(key, table));
}

function findPrefix(key: string, table: 'disclosure' | 'applications'): LabelEntry | null {
  if (key.length < MIN_PREFIX) return null;
  let hit: LabelEntry | null = null;
  for (const entry of INDEX.rows[table]) {
    if (entry.key.length > key.length && entry.key.startsWith(key)) {
      if (hit && hit.code !== entry.code) return null;
      hit = entry;
    }
  }
  return hit;
}

/** A misspelt row label ('其他法律行政止公开'): the closest row label, if close enough and unique. */
export function fuzzyRow(key: string, table: 'disclosure' | 'applications'): LabelEntry | null {
  return key.length < MIN_FUZZY ? null : memo('fuzzy', key, table, () => findFuzzy(key, table));
}

function findFuzzy(key: string, table: 'disclosure' | 'applications'): LabelEntry | null {
  let best: LabelEntry | null = null;
  let bestRatio = 0;
  let tie = false;
  for (const entry of INDEX.rows[table]) {
    const longer = Math.max(entry.key.length, key.length);
    // Cheap bound before the quadratic LCS: the ratio cannot beat shorter/longer.
    if (Math.min(entry.key.length, key.length) / longer < FUZZY_RATIO) continue;
    const ratio = lcsLength(key, entry.key) / longer;
    if (ratio > bestRatio) {
      bestRatio = ratio;
      best = entry;
      tie = false;
    } else if (ratio === bestRatio && best && best.code !== entry.code) tie = true;
  }
  return best && !tie && bestRatio >= FUZZY_RATIO ? best : null;
}

/**
 * A template label, or the start or a misspelling of a row label, of any table. Such text is a
 * label however long it is: the 2021 sub-rows of （六） run to over thirty characters.
 */
export function isLabelLike(key: string): boolean {
  if (exactLabels(key)) return true;
  for (const table of ['disclosure', 'applications'] as const) if (prefixRow(key, table) || fuzzyRow(key, table)) return true;
  return false;
}
