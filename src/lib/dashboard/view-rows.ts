// The statements of an overview view, in one place for the three that run
// them: the browser's query engine, the first answers (run at build time for
// the first view of every region) and the build's first paint.

import type { Datum } from '../charts/basic.ts';
import type { TableRow } from '../charts/table.ts';
import type { Filter } from '../db/filter.ts';
import { headlineSql, levelsSql, placeTableSql, regionsSql } from '../db/queries/overview.ts';
import type { Headline } from './headline.ts';
import { PANELS, panelRows, sharedQueries, type Panel } from './panels.ts';
import { tableRows } from './place-table.ts';

export type Query = (sql: string) => Promise<Datum[]>;

export interface ViewRows {
  headline: Headline;
  levels: { level: string; reports: number }[];
  panels: { panel: Panel; rows: TableRow[] }[];
  /** The by-place table's rows. */
  placeRows: TableRow[];
}

export async function viewRows(f: Filter, query: Query): Promise<ViewRows> {
  const [headline] = (await query(headlineSql(f))) as unknown as Headline[];
  const levels = (await query(levelsSql(f))) as unknown as ViewRows['levels'];
  const shared = sharedQueries(query);
  const panels = await Promise.all(PANELS.map(async (panel) => ({ panel, rows: await panelRows(panel, f, shared) })));
  const placeRows = tableRows(await query(placeTableSql(f)));
  return { headline, levels, panels, placeRows };
}

export interface RegionOption {
  code: string;
  name: string;
}

/** The regions a select offers under a parent, from `table` (region_year, or the rows of it the engine loaded). */
export async function regionOptions(grain: 'city' | 'county', parent: string, query: Query, table?: string): Promise<RegionOption[]> {
  return ((await query(regionsSql(grain, parent, table))) as unknown as RegionOption[]).map((r) => ({ code: String(r.code), name: String(r.name) }));
}
