// The quality page in the browser. The filter lives in the URL; a change (or a
// click on a rule, a region or a province in the page, or the back button)
// draws the view again:
//  - with a province chosen, or for the whole country when the data is small,
//    the findings and reports rows of that province are read into DuckDB-WASM
//    (a few columns, only the row groups of that province) and queried;
//  - for the whole country at national scale, from the build-time summary by
//    province and year (quality/summary.json), without reading findings rows.
// The sections are rendered by the same functions as the build's first paint.

import { EMPTY_QUALITY_FILTER, qualityFilterFromParams, qualityFilterToParams, type QualityFilter } from '../lib/quality/filter';
import type { QualitySummary, QualityView } from '../lib/quality/view';
import { url } from '../lib/site';
import { bindUrlState } from './url-state';
import { statusLine } from './status';

const db = () => import('../lib/db/browser');
const modules = () => Promise.all([import('../lib/quality/view'), import('../lib/quality/render'), import('../lib/db/queries/quality'), import('../lib/db/files'), import('../lib/quality/league-render')]);
const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel)!;

let generation = 0;
let summary: Promise<QualitySummary> | null = null;

const status = statusLine('#db-status');
const setStatus = status.set;


const hrefOf = (f: QualityFilter) => {
  const p = qualityFilterToParams(f).toString();
  return `${url('quality/')}${p ? `?${p}` : ''}`;
};

function syncForm(form: HTMLFormElement, f: QualityFilter) {
  const set = (name: string, v: string | number | null) => {
    const el = form.elements.namedItem(name) as HTMLSelectElement | null;
    if (el) el.value = v === null ? '' : String(v);
  };
  set('p', f.province);
  set('y', f.year);
  set('rule', f.rule);
  set('sev', f.severity);
}

function selectedName(form: HTMLFormElement, name: string): string | null {
  const s = form.elements.namedItem(name) as HTMLSelectElement;
  return s.value ? (s.selectedOptions[0]?.textContent ?? null) : null;
}

function setOptions(select: HTMLSelectElement, options: { code: string; name: string }[] | null, selected: string | null) {
  select.replaceChildren(new Option('全部', ''));
  select.disabled = options === null;
  for (const o of options ?? []) select.add(new Option(o.name, o.code, false, o.code === selected));
}

async function loadSummary(): Promise<QualitySummary> {
  summary ??= fetch(url('quality/summary.json')).then((r) => {
    if (!r.ok) throw new Error(`无法读取全国汇总（HTTP ${r.status}）`);
    return r.json() as Promise<QualitySummary>;
  });
  summary.catch(() => (summary = null));
  return summary;
}

async function render(f: QualityFilter) {
  const mine = ++generation;
  const [viewLib, renderLib, queries, files, leagueLib] = await modules();
  const form = $<HTMLFormElement>('#q-filters');
  syncForm(form, f);
  const city = form.elements.namedItem('c') as HTMLSelectElement;
  const county = form.elements.namedItem('k') as HTMLSelectElement;
  let view: QualityView;
  if (viewLib.modeOf(f, viewLib.nationalMode(files.dataFiles())) === 'summary') {
    setStatus('正在读取全国汇总…');
    view = viewLib.summaryView(f, await loadSummary());
    setOptions(city, null, null);
    setOptions(county, null, null);
  } else {
    await status.watchEngine();
    setStatus('正在读取数据…');
    const { ensureTable, browserRunner } = await db();
    const { tables, requests } = queries.qualityTables(f.province);
    await Promise.all(requests.map((r) => ensureTable(r)));
    const query = (sql: string) => browserRunner.query(sql);
    setStatus('正在查询…');
    const options = (grain: 'city' | 'county') => query(queries.regionOptionsSql(grain, f, tables)) as Promise<{ code: string; name: string }[]>;
    const [cities, counties] = await Promise.all([f.province ? options('city') : null, f.city ? options('county') : null]);
    if (mine !== generation) return;
    setOptions(city, cities, f.city);
    setOptions(county, counties, f.county);
    view = await viewLib.rowsView(f, tables, query);
  }
  if (mine !== generation) return; // a newer filter won
  const sections: Record<string, (v: QualityView) => string> = {
    headline: renderLib.renderHeadline,
    failing: renderLib.renderFailing,
    rules: renderLib.renderRules,
    completeness: renderLib.renderCompleteness,
    findings: renderLib.renderFindings,
    league: leagueLib.renderLeague,
  };
  for (const el of document.querySelectorAll<HTMLElement>('.q-body[data-section]')) {
    const fn = sections[el.dataset.section ?? ''];
    if (fn) el.innerHTML = fn(view);
  }
  const title = renderLib.viewTitle({ province: selectedName(form, 'p'), city: selectedName(form, 'c'), county: selectedName(form, 'k') }, f);
  $('#view-title').textContent = `数据质量 · ${title}`;
  document.title = `${title} · 数据质量 · 政府信息公开年报数据`;
  document.body.dataset.view = qualityFilterToParams(f).toString();
  document.body.dataset.mode = view.mode;
  setStatus('', 'idle');
}

function go(f: QualityFilter, push = true) {
  if (push) history.pushState(null, '', hrefOf(f));
  render(f).catch((error) => {
    setStatus(`查询失败：${error instanceof Error ? error.message : String(error)}`, 'error');
    console.warn(error);
  });
}

export function startQuality() {
  bindUrlState({ form: $<HTMLFormElement>('#q-filters'), parse: qualityFilterFromParams, go, warm: () => void db().then((m) => m.duckdb()) });
  const initial = qualityFilterFromParams(new URLSearchParams(location.search));
  // The page shows the default view as built; any other URL is drawn at once.
  if (qualityFilterToParams(initial).toString() !== qualityFilterToParams(EMPTY_QUALITY_FILTER).toString()) go(initial, false);
  else {
    document.body.dataset.view = '';
    document.body.dataset.mode = 'build';
  }
}
