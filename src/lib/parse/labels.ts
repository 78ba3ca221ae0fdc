// The index of every label the templates print, built from the template model.
// A cell is looked up by its key (see labelKey); wrapped or cut labels match
// by prefix, misspelt ones by similarity, both only inside the table the
// reader is in.

import { CATALOG, type ApplicationRow, type Catalog, type Labelled, type TemplateId } from '../template/model.ts';
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
  /** The templates this wording belongs to, when not all: a vote for each of them as the report's template. */
  vote: readonly TemplateId[] | null;
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

interface Index {
  exact: Map<string, LabelEntry[]>;
  rows: Record<'disclosure' | 'applications', LabelEntry[]>;
  /** Results of the prefix and similarity look-ups, which are pure and asked again and again. */
  memo: Record<'prefix' | 'fuzzy', Record<'disclosure' | 'applications', Map<string, LabelEntry | null>>>;
}

function build(catalog: Catalog): Index {
  const exact = new Map<string, LabelEntry[]>();
  const rows: Record<'disclosure' | 'applications', LabelEntry[]> = { disclosure: [], applications: [] };
  // A wording some templates print and others do not votes for those that do.
  const votesFor = (present: (t: TemplateId) => boolean): readonly TemplateId[] | null => {
    const hits = catalog.templateIds.filter(present);
    return hits.length > 0 && hits.length < catalog.templateIds.length ? hits : null;
  };
  const add = (kind: LabelKind, thing: Labelled, present: ((t: TemplateId) => boolean) | null, row?: ApplicationRow) => {
    // The wording of the templates that print it otherwise is theirs alone.
    const own = Object.entries(thing.labelIn ?? {});
    const shared = (t: TemplateId) => (present === null || present(t)) && thing.labelIn?.[t] === undefined;
    const wordings: [string, readonly TemplateId[] | null][] = [
      ...[thing.label, ...(thing.variants ?? [])].map((text): [string, readonly TemplateId[] | null] => [text, own.length > 0 || present ? votesFor(shared) : null]),
      ...own.map(([t, text]): [string, readonly TemplateId[] | null] => [text, votesFor((x) => x === t)]),
    ];
    for (const [text, vote] of wordings) {
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
  for (const item of catalog.disclosureItems) add('item', item, (t) => item.measures[t] !== undefined);
  for (const m of catalog.measures) add('measure', m, (t) => catalog.disclosureItems.some((i) => i.measures[t]?.includes(m.code)));
  for (const h of catalog.disclosureHeaders) add('disclosure_header', h, null);
  for (const r of catalog.applicationRows) {
    const printed = catalog.templatesIn(r.templates);
    add('app_row', r, (t) => printed.includes(t), r);
  }
  for (const c of catalog.applicants) add('app_column', c, null);
  for (const h of catalog.applicationHeaders) add('app_header', h, null);
  for (const g of catalog.applicationGroups) add('app_group', g, null);
  for (const p of catalog.proceedings) add('proceeding', p, null);
  for (const o of catalog.outcomes) add('outcome', o, null);
  for (const h of catalog.reviewHeaders) add('review_header', h, null);
  const memo = () => ({ disclosure: new Map<string, LabelEntry | null>(), applications: new Map<string, LabelEntry | null>() });
  return { exact, rows, memo: { prefix: memo(), fuzzy: memo() } };
}

const INDEXES = new WeakMap<Catalog, Labels>();

/** The label index of a catalog, built on first use. */
export function labelsOf(catalog: Catalog = CATALOG): Labels {
  let hit = INDEXES.get(catalog);
  if (!hit) INDEXES.set(catalog, (hit = new Labels(build(catalog))));
  return hit;
}

const MIN_PREFIX = 4;
const MIN_FUZZY = 5;
const FUZZY_RATIO = 0.7;

/** Every label a catalog's templates print, looked up exactly, by prefix or by similarity. */
export class Labels {
  constructor(private readonly index: Index) {}

  /** Every label whose key equals `key` exactly (several tables may share a word: '其他', '总计'). */
  exact(key: string): readonly LabelEntry[] | undefined {
    return this.index.exact.get(key);
  }

  private memo(kind: 'prefix' | 'fuzzy', key: string, table: 'disclosure' | 'applications', fn: () => LabelEntry | null): LabelEntry | null {
    const map = this.index.memo[kind][table];
    let hit = map.get(key);
    if (hit === undefined) {
      if (map.size > 50_000) map.clear();
      hit = fn();
      map.set(key, hit);
    }
    return hit;
  }

  /** A wrapped or cut row label: the key begins exactly one row label of the table. */
  prefixRow(key: string, table: 'disclosure' | 'applications'): LabelEntry | null {
    return key.length < MIN_PREFIX ? null : this.memo('prefix', key, table, () => findPrefix(this.index.rows[table], key));
  }

  /** A misspelt row label ('其他法律行政止公开'): the closest row label, if close enough and unique. */
  fuzzyRow(key: string, table: 'disclosure' | 'applications'): LabelEntry | null {
    return key.length < MIN_FUZZY ? null : this.memo('fuzzy', key, table, () => findFuzzy(this.index.rows[table], key));
  }

  /**
   * A template label, or the start or a misspelling of a row label, of any table. Such text is a
   * label however long it is: the sub-rows of （六） run to over thirty characters.
   */
  isLabelLike(key: string): boolean {
    if (this.exact(key)) return true;
    for (const table of ['disclosure', 'applications'] as const) if (this.prefixRow(key, table) || this.fuzzyRow(key, table)) return true;
    return false;
  }
}

function findPrefix(rows: readonly LabelEntry[], key: string): LabelEntry | null {
  if (key.length < MIN_PREFIX) return null;
  let hit: LabelEntry | null = null;
  for (const entry of rows) {
    if (entry.key.length > key.length && entry.key.startsWith(key)) {
      if (hit && hit.code !== entry.code) return null;
      hit = entry;
    }
  }
  return hit;
}

function findFuzzy(rows: readonly LabelEntry[], key: string): LabelEntry | null {
  let best: LabelEntry | null = null;
  let bestRatio = 0;
  let tie = false;
  for (const entry of rows) {
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
