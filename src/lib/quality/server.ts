// Build time: the quality page's first paint (the default view) and the
// summary the browser reads for the whole country at national scale.

import { embeddedFiles } from '../db/files.ts';
import { readPublished } from '../db/manifest.ts';
import { WHOLE_TABLES, type QualityTables } from '../db/queries/quality.ts';
import { serverRunner } from '../db/server.ts';
import { EMPTY_QUALITY_FILTER, type QualityFilter } from '../db/quality-filter.ts';
import { buildSummary, modeOf, nationalMode, provincesOf, rowsView, summaryView, yearsOf, type QualityMode, type QualitySummary, type QualityView, type Query, type RegionOption } from './view.ts';

/** In Node the whole Parquet files are views named after their tables. */
export const SERVER_TABLES: QualityTables = WHOLE_TABLES;

let summary: Promise<QualitySummary> | null = null;

async function serverQuery(): Promise<Query> {
  const runner = await serverRunner();
  return (sql) => runner.query(sql);
}

export function qualitySummary(): Promise<QualitySummary> {
  summary ??= serverQuery().then((q) => buildSummary(q, SERVER_TABLES));
  return summary;
}

export interface QualityPage {
  view: QualityView;
  national: QualityMode;
  provinces: RegionOption[];
  years: number[];
}

export async function qualityPage(f: QualityFilter = EMPTY_QUALITY_FILTER): Promise<QualityPage> {
  const s = await qualitySummary();
  const national = nationalMode(embeddedFiles(readPublished()));
  const view = modeOf(f, national) === 'rows' ? await rowsView(f, SERVER_TABLES, await serverQuery()) : summaryView(f, s);
  return { view, national, provinces: provincesOf(s), years: yearsOf(s) };
}
