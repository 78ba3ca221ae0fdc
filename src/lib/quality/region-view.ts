// A region's view of the quality page with its region selects' options: the
// statements the browser runs on the engine, the first answers hold (run at
// build time over the whole tables) and the build records.

import { regionOptionsSql, type QualityTables } from '../db/queries/quality.ts';
import type { QualityFilter } from '../db/quality-filter.ts';
import { rowsView, type Query, type QualityView } from './view.ts';

export type RegionOptions = { code: string; name: string }[] | null;

export interface RegionView {
  view: QualityView;
  /** The city select's options (a province chosen), the county select's (a city chosen). */
  cities: RegionOptions;
  counties: RegionOptions;
}

export async function regionView(f: QualityFilter, tables: QualityTables, query: Query): Promise<RegionView> {
  const options = async (grain: 'city' | 'county') => (await query(regionOptionsSql(grain, f, tables))) as unknown as { code: string; name: string }[];
  const cities = f.province ? await options('city') : null;
  const counties = f.city ? await options('county') : null;
  return { view: await rowsView(f, tables, query), cities, counties };
}
