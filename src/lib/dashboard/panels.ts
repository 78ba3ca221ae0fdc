// The overview's panels: for each chart, its query, how its rows become the
// chart and the table beside it, and its words. The page renders them at
// build time for the default view; the browser renders them again for any
// other filter. Nothing here knows which of the two it is in.

import type { Datum } from '../charts/basic.ts';
import type { TableRow } from '../charts/table.ts';
import { groupingOf, type Filter } from '../db/filter.ts';
import { PROCUREMENT_TEMPLATES } from '../db/queries/overview.ts';
import { TEMPLATE_NAMES, disclosureItem } from '../template/model.ts';
import { GROUP_NAMES, type Panel, type Section } from './panel.ts';
import { carriedOver, outcomesShare, requestsByApplicant, reviewsByOutcome } from './panels/applications.ts';
import { decisionsByYear, documentsByYear, proactiveByPlace, proactiveByYear } from './panels/disclosure.ts';
import { procurementByPlace, procurementByYear, procurementGrid, procurementPerProject } from './panels/procurement.ts';

export { drillHref, type Panel, type Section } from './panel.ts';

export const PANELS: readonly Panel[] = [
  procurementByYear,
  procurementByPlace,
  procurementPerProject,
  procurementGrid,
  proactiveByYear,
  proactiveByPlace,
  documentsByYear,
  decisionsByYear,
  requestsByApplicant,
  outcomesShare,
  carriedOver,
  reviewsByOutcome,
];

export const SECTIONS: { id: Section; title: string; lede: string }[] = [
  { id: 'procurement', title: '政府集中采购', lede: `乡镇街道通过政府集中采购花了多少钱（${PROCUREMENT_TEMPLATES.map((t) => TEMPLATE_NAMES[t]).join('、')}第二部分${disclosureItem('procurement').article}）。` },
  { id: 'disclosure', title: '主动公开', lede: '主动公开了多少信息，制发了多少规章和规范性文件，作出了多少许可、处罚和强制决定（第一、二部分）。' },
  { id: 'applications', title: '依申请公开', lede: '收到多少信息公开申请、来自谁、结果如何，以及由此引起的行政复议和诉讼（第三、四部分）。' },
];

export function groupName(f: Filter): string {
  return GROUP_NAMES[groupingOf(f)];
}

/** Runs a panel's query through a runner and shapes the rows. */
export async function panelRows(panel: Panel, f: Filter, query: (sql: string) => Promise<Datum[]>): Promise<TableRow[]> {
  const rows = await query(panel.sql(f));
  return (panel.shape ? panel.shape(rows, f) : rows) as TableRow[];
}

/**
 * A query function that runs each distinct statement once: the panels share three queries (by year,
 * by place, the grid), so a view costs a handful of round trips to the engine, not one per chart.
 */
export function sharedQueries(query: (sql: string) => Promise<Datum[]>): (sql: string) => Promise<Datum[]> {
  const seen = new Map<string, Promise<Datum[]>>();
  return (sql) => {
    let pending = seen.get(sql);
    if (!pending) {
      pending = query(sql);
      seen.set(sql, pending);
    }
    // Each panel shapes its own copy.
    return pending.then((rows) => rows.map((r) => ({ ...r })));
  };
}
