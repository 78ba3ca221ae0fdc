// Build time: the default view rendered in Node, so that the page shows real
// charts and figures before (and without) any JavaScript.

import { parseHTML } from 'linkedom';
import type { Datum } from '../charts/basic.ts';
import type { TableRow } from '../charts/table.ts';
import type { Filter } from '../db/filter.ts';
import { headlineSql, levelsSql, placeTableSql, regionsSql, yearsSql } from '../db/queries/overview.ts';
import { FIRST_PAINT_WIDTH } from '../charts/width.ts';
import { markupOf } from '../dom.ts';
import { tableRows } from './place-table.ts';
import { serverRunner } from '../db/server.ts';
import { headlineCards, levelNote, type Card, type Headline } from './headline.ts';
import { PANELS, panelRows, sharedQueries, type Panel } from './panels.ts';


export interface RenderedPanel {
  panel: Panel;
  rows: TableRow[];
  svg: string;
}

export interface RenderedView {
  cards: Card[];
  levelNote: string;
  panels: RenderedPanel[];
  years: number[];
  provinces: { code: string; name: string; reports: number }[];
  /** The by-place table's rows (every figure by place and year). */
  placeRows: TableRow[];
}

/** A standalone SVG needs its namespace; Plot leaves it to the DOM, and linkedom does not write it. */
function svgMarkup(el: Element): string {
  for (const svg of [el, ...el.querySelectorAll('svg')]) if (svg.localName === 'svg' && !svg.hasAttribute('xmlns')) svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return markupOf(el);
}

export async function renderView(f: Filter): Promise<RenderedView> {
  const runner = await serverRunner();
  const query = sharedQueries((sql: string) => runner.query(sql) as Promise<Datum[]>);
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const [headline] = (await query(headlineSql(f))) as unknown as Headline[];
  const levels = (await query(levelsSql(f))) as unknown as { level: string; reports: number }[];
  const panels: RenderedPanel[] = [];
  for (const panel of PANELS) {
    const rows = await panelRows(panel, f, query);
    const svg = rows.length ? svgMarkup(panel.render(rows as Datum[], { width: FIRST_PAINT_WIDTH, document: document as unknown as Document }, f)) : '';
    panels.push({ panel, rows, svg });
  }
  return {
    cards: headlineCards(headline),
    levelNote: levelNote(levels),
    panels,
    years: ((await query(yearsSql())) as { year: number }[]).map((r) => r.year),
    provinces: (await query(regionsSql('province', null))) as unknown as RenderedView['provinces'],
    placeRows: tableRows(await query(placeTableSql(f))),
  };
}
