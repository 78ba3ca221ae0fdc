// The key figures a place page traces over the years and the comparison sets
// side by side. Each is a column of the summary table; its label, the
// templates that have it and whether it is money all come from the data
// dictionary (the summary's figure columns, themselves made from the template
// model), so nothing here restates a template.

import { REPORTS } from '../build/schema.ts';
import { FIGURE_COLUMNS } from '../build/summary.ts';
import { TEMPLATES, disclosureItem, measure, measuresOf, type TemplateId } from '../template/model.ts';

export type MeasureKind = 'count' | 'yuan';

export interface KeyMeasure {
  /** The summary column. */
  key: string;
  label: string;
  /** What it counts (Chinese), from the data dictionary. */
  meaning: string;
  kind: MeasureKind;
  /** The unit a count is in (条, 件); money is shown in 元/万元/亿元. */
  unit: string;
  /** The templates whose reports have this figure. */
  templates: readonly TemplateId[];
}

/** The summary columns shown, in order. */
export const KEY_MEASURE_KEYS = [
  'procurement__amount_yuan',
  'proactive_items',
  'new_received__total',
  'penalty__decisions',
  'licensing__decisions',
  'review__total',
] as const;

function keyMeasure(key: string): KeyMeasure {
  if (key === 'proactive_items') {
    const c = REPORTS.columns.find((x) => x.name === key)!;
    return { key, label: c.label, meaning: c.meaning, kind: 'count', unit: '条', templates: TEMPLATES };
  }
  const c = FIGURE_COLUMNS.find((x) => x.name === key);
  if (!c) throw new Error(`no summary column ${key}`);
  const s = c.source;
  if ('table' in s && s.table === 'disclosures') {
    const m = measure(s.measure);
    const templates = TEMPLATES.filter((t) => measuresOf(disclosureItem(s.item), t).includes(s.measure));
    return { key, label: c.label, meaning: c.meaning, kind: m.kind === 'money' ? 'yuan' : 'count', unit: '件', templates };
  }
  return { key, label: c.label, meaning: c.meaning, kind: 'count', unit: '件', templates: TEMPLATES };
}

export const KEY_MEASURES: readonly KeyMeasure[] = KEY_MEASURE_KEYS.map(keyMeasure);

/** What became of the applications (section 三's outcome groups, each its total column): comparable between towns too. */
export const OUTCOME_MEASURE_KEYS = ['granted__total', 'partly_granted__total', 'denied__total', 'unavailable__total', 'not_processed__total', 'other_handling_any__total'] as const;

/** The comparison's figures: the key figures, then the outcomes of applications. */
export const COMPARE_MEASURES: readonly KeyMeasure[] = [...KEY_MEASURES, ...OUTCOME_MEASURE_KEYS.map(keyMeasure)];
export const COMPARE_MEASURE_KEYS: readonly string[] = COMPARE_MEASURES.map((m) => m.key);

/** Whether a report on this template has the figure at all (the later template has no 政府集中采购 row). */
export function inTemplate(m: KeyMeasure, template: string | null | undefined): boolean {
  if (!template) return true;
  return template.split(',').some((t) => (m.templates as readonly string[]).includes(t));
}

/** Words for a figure the template does not have (as opposed to one the report does not give, 未披露). */
export const NOT_IN_TEMPLATE = '模板无此项';

/** The quality index's column of the summary: ranked with the figures, shown in a table of its own. */
export const QUALITY_KEY = 'quality_index';

/** The columns a comparison ranks: its measures and the quality index. */
export const COMPARE_RANKED: readonly string[] = [...COMPARE_MEASURE_KEYS, QUALITY_KEY];
