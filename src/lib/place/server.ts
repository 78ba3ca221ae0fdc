// Build time (Node): what the place list page renders before any script runs.

import { leftOutSql, provincesSql } from '../db/queries/place.ts';
import { serverRunner } from '../db/server.ts';

export interface ProvinceEntry {
  province_code: string;
  province: string | null;
  places: number;
  towns: number;
  counties: number;
  cities: number;
  reports: number;
}

export interface PlaceListData {
  provinces: ProvinceEntry[];
  departments: number;
  unplaced: number;
}

export async function placeListData(): Promise<PlaceListData> {
  const runner = await serverRunner();
  const provinces = (await runner.query(provincesSql())) as unknown as ProvinceEntry[];
  const [left] = (await runner.query(leftOutSql())) as unknown as { departments: number | null; unplaced: number | null }[];
  return { provinces, departments: Number(left?.departments ?? 0), unplaced: Number(left?.unplaced ?? 0) };
}
