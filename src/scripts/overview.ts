// The overview in the browser: the filter lives in the URL; a change (or a
// click on a place in a chart, or the back button) re-runs every panel's
// query in DuckDB-WASM — in its worker, so scrolling never waits — and
// redraws the charts, tables, figures and breadcrumb. DuckDB-WASM is loaded
// the first time a visitor needs a query, with a progress line.

// Only the filter code loads with the page; the query engine and the chart code come when needed.
import { EMPTY_FILTER, filterFromParams, filterToParams, yearsProblem, type Filter } from '../lib/db/filter';
import { EngineUnavailable, withheldMessage } from '../lib/db/unavailable';
import type { Datum } from '../lib/charts/basic';
import type { RegionOption, ViewRows } from '../lib/dashboard/view-rows';
import { url } from '../lib/site';
import { fill, h } from '../lib/dom';
import { bindUrlState, formYears, setOptions, setSelect, urlView, yearWithoutReports } from './url-state';
import { loadEngine, release, warmEngine, withhold } from './withheld';
import { statusLine } from './status';
import { firstFigures, whenIdle, type AnsweredBy } from './first-figures';
import { bindPlaceTable, showPlaceTable } from './place-table';
import { FIRST_PAINT_WIDTH, chartWidth } from '../lib/charts/width';

const db = () => import('../lib/db/browser');
const charts = () => Promise.all([import('../lib/dashboard/view-rows'), import('../lib/charts/dom'), import('../lib/dashboard/headline'), import('../lib/db/queries/overview')]);
const query = async (sql: string) => (await db()).browserRunner.query(sql) as Promise<Datum[]>;
const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel)!;

let current: Filter = EMPTY_FILTER;
let generation = 0;
const names: { province?: string | null; city?: string | null; county?: string | null } = {};

const address = urlView({ path: '', parse: filterFromParams, params: filterToParams });
const hrefOf = address.href;

/** What a view's figures depend on: the filter without the by-place table's own choices (figures shown, sort). */
const dataKey = (f: Filter) => filterToParams({ ...f, table: null, sort: null }).toString();
/** The data key of the view on screen (the build's default view until a query draws another). */
let shown: string | null = '';

const status = statusLine('#db-status');
const setStatus = status.set;


const regionLists = new Map<string, RegionOption[]>();

type OptionsOf = (grain: 'city' | 'county', parent: string) => Promise<RegionOption[]>;

async function fillSelect(select: HTMLSelectElement, grain: 'city' | 'county', parent: string | null, selected: string | null, optionsOf: OptionsOf) {
  if (select.dataset.parent === (parent ?? '')) {
    select.value = selected ?? '';
    return;
  }
  let list: RegionOption[] = [];
  if (parent) {
    const key = `${grain}:${parent}`;
    list = regionLists.get(key) ?? (await optionsOf(grain, parent));
    regionLists.set(key, list);
  }
  setOptions(select, parent ? list : null, selected);
  select.dataset.parent = parent ?? '';
}

/** The region selects' options from the engine: the rows of region_year under the parent. */
const engineOptions: OptionsOf = async (grain, parent) => {
  const [{ ensureTable }, { regionsTable }, { regionOptions }] = await Promise.all([db(), import('../lib/db/queries/overview'), import('../lib/dashboard/view-rows')]);
  await ensureTable(regionsTable(grain, parent));
  return regionOptions(grain, parent, query, `regions_${grain}`);
};

/**
 * The rows of a view from the first answers (the first view of every region, computed at build
 * time), or null when the build made none for it: then the engine computes them.
 */
async function answeredRows(f: Filter, form: HTMLFormElement): Promise<ViewRows | null> {
  const [{ overviewKey }, { readAnswers }, { answerQuery }, { viewRows, regionOptions }] = await Promise.all([
    import('../lib/answers/keys'),
    import('../lib/answers/read'),
    import('../lib/answers/payload'),
    import('../lib/dashboard/view-rows'),
  ]);
  const key = overviewKey(f);
  if (key === null) return null;
  try {
    const answers = await readAnswers('overview', key);
    if (!answers) return null;
    const answered = answerQuery(answers) as (sql: string) => Promise<Datum[]>;
    const optionsOf: OptionsOf = (grain, parent) => regionOptions(grain, parent, answered);
    await fillSelect(form.elements.namedItem('c') as HTMLSelectElement, 'city', f.province, f.city, optionsOf);
    await fillSelect(form.elements.namedItem('k') as HTMLSelectElement, 'county', f.city, f.county, optionsOf);
    return await viewRows(f, answered);
  } catch (error) {
    console.warn(error);
    return null;
  }
}

async function renderCrumbs(f: Filter) {
  const { breadcrumb } = await import('../lib/dashboard/headline');
  fill(
    $('#crumbs'),
    breadcrumb(f, names, hrefOf).flatMap((c, i) => [
      i > 0 && h(document, 'span', { class: 'sep' }, '›'),
      c.href ? h(document, 'a', { href: c.href }, c.label) : h(document, 'span', { 'aria-current': 'page' }, c.label),
    ]),
  );
}

/** Region names for the breadcrumb and title, from the selects' options. */
function readNames(form: HTMLFormElement) {
  const text = (name: string) => {
    const s = form.elements.namedItem(name) as HTMLSelectElement;
    return s.value ? (s.selectedOptions[0]?.textContent ?? null) : null;
  };
  names.province = text('p');
  names.city = text('c');
  names.county = text('k');
}

async function render(f: Filter, mine: number) {
  performance.mark(`view-start:${mine}`);
  const [{ viewRows }, { updateFigure }, { headlineCards, levelNote }, { tableFor }] = await charts();
  const form = $<HTMLFormElement>('#filters');
  syncForm(form, f);
  readNames(form);
  const refused = yearsProblem(f.from, f.to, formYears(form));
  if (refused) {
    if (mine !== generation) return;
    await showTitle(f);
    withhold(refused, 'years', { href: hrefOf({ ...f, from: null, to: null }), label: '查看全部年度' });
    shown = null; // no figures on screen: any view is drawn afresh
    setStatus('', 'idle');
    return;
  }
  setStatus('正在查询…');
  let rows = await answeredRows(f, form);
  const by: AnsweredBy = rows ? 'answers' : 'engine';
  if (!rows) {
    await status.watchEngine();
    const { ensureTable } = await loadEngine();
    await fillSelect(form.elements.namedItem('c') as HTMLSelectElement, 'city', f.province, f.city, engineOptions);
    await fillSelect(form.elements.namedItem('k') as HTMLSelectElement, 'county', f.city, f.county, engineOptions);
    readNames(form);
    let matches = null;
    if (f.q) {
      const { PLACES_TABLE, placeMatchesSql } = await import('../lib/db/queries/overview');
      await ensureTable(PLACES_TABLE);
      matches = (await query(placeMatchesSql(f.q))) as unknown as { place_code: string; province_code: string | null }[];
    }
    await ensureTable(tableFor(f, matches));
    rows = await viewRows(f, query);
  }
  readNames(form);
  const { headline, levels, panels, placeRows } = rows;
  if (mine !== generation) return; // a newer filter won
  performance.measure(`query:${filterToParams(f).toString()}`, `view-start:${mine}`);
  // Shown before drawing: a hidden chart has no width to draw at.
  release();
  const cards = $('#cards');
  for (const c of headlineCards(headline)) {
    const card = cards.querySelector(`[data-card="${c.id}"]`);
    if (!card) continue;
    card.querySelector('.value')!.textContent = c.value;
    card.querySelector('.note')!.textContent = c.note;
  }
  const note = $<HTMLElement>('#level-note');
  note.textContent = levelNote(levels);
  note.hidden = !note.textContent;
  for (const { panel, rows } of panels) {
    const figure = document.getElementById(panel.id)!;
    const chart = rows.length ? panel.render(rows as Datum[], { width: chartWidth(figure) }, f) : null;
    updateFigure(figure, chart, panel.columns, rows, by === 'answers' ? 'answers' : 'duckdb');
  }
  firstFigures(filterToParams(f).toString(), by);
  await showPlaceTable(f, placeRows);
  shown = dataKey(f);
  await showTitle(f);
  document.body.dataset.view = filterToParams(f).toString();
  performance.measure(`view:${filterToParams(f).toString()}`, `view-start:${mine}`);
  setStatus('', 'idle');
}

/** The view's title, page title and breadcrumb: they name the selection whether or not its figures can be shown. */
async function showTitle(f: Filter) {
  const { viewTitle } = await import('../lib/dashboard/headline');
  $('#view-title').textContent = viewTitle(f, names);
  document.title = `${viewTitle(f, names)} · 总览 · 政府信息公开年报数据`;
  await renderCrumbs(f);
}

function syncForm(form: HTMLFormElement, f: Filter) {
  const set = (name: string, v: string | number | null) => {
    const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
    if (el) el.value = v === null ? '' : String(v);
  };
  for (const name of ['from', 'to'] as const) setSelect(form.elements.namedItem(name) as HTMLSelectElement, f[name] === null ? '' : String(f[name]), yearWithoutReports);
  set('p', f.province);
  set('level', f.level === 'all' ? '' : f.level);
  set('q', f.q);
}

/** The figures of a view that could not be computed are not shown: the page's own are the whole country's. */
async function fail(f: Filter, error: unknown) {
  console.warn(error);
  readNames($<HTMLFormElement>('#filters'));
  const { viewTitle } = await import('../lib/dashboard/headline');
  await showTitle(f);
  withhold(withheldMessage(viewTitle(f, names), error), error instanceof EngineUnavailable ? 'engine' : 'query', { href: url(''), label: '查看全国的数字（随页面提供，不需要查询）', reload: true });
  shown = null;
  setStatus('', 'idle');
}

function go(f: Filter, push = true) {
  current = f;
  if (push) address.record(f, 'push');
  // Another sort or group of figures in the by-place table: the rows on screen serve, no query
  // (unless the figures on screen are withheld: then the view is drawn again).
  if (dataKey(f) === shown && !document.body.dataset.withheld) {
    void showPlaceTable(f).then(() => (document.body.dataset.view = filterToParams(f).toString()));
    return;
  }
  const mine = ++generation;
  render(f, mine).catch((error) => {
    if (mine === generation) void fail(f, error).catch((e) => setStatus(`查询失败：${e instanceof Error ? e.message : String(e)}`, 'error'));
  });
}

export function startOverview() {
  // A failure to load is reported by the view that needs the engine.
  bindUrlState({ form: $<HTMLFormElement>('#filters'), view: address, go, warm: () => warmEngine('overview') });
  bindPlaceTable({ current: () => current, go, hrefOf });
  current = address.current();
  // The URL says what is shown: years given the wrong way round are put right.
  if (filterToParams(current).toString() !== new URLSearchParams(location.search).toString()) address.record(current, 'replace', { keepHash: true });
  // The page shows the default view; any other URL is drawn at once.
  if (!address.isDefault(current)) go(current, false);
  else {
    document.body.dataset.view = '';
    void redrawAtWidth();
  }
  let resize = 0;
  addEventListener('resize', () => {
    clearTimeout(resize);
    resize = window.setTimeout(() => void redrawAtWidth(), 250);
  });
  // While the visitor reads, the code a choice needs arrives (a few KB; not the engine).
  whenIdle(() => void Promise.all([charts(), import('../lib/answers/read'), import('../lib/answers/payload'), import('../lib/answers/keys'), import('hyparquet')]).catch(() => undefined));
}

/**
 * The charts of the first paint were drawn at a desktop panel's width; on a phone (or a wide
 * screen) they are drawn again at the panel's own width from the rows the page carries: no query.
 */
async function redrawAtWidth() {
  if ($<HTMLElement>('#figures').hidden) return;
  const figures = [...document.querySelectorAll<HTMLElement>('figure.chart')].filter((f) => Math.abs(chartWidth(f) - Number(f.dataset.width ?? FIRST_PAINT_WIDTH)) >= 40);
  // The chart code (Plot) is fetched only when some chart needs redrawing.
  if (figures.length === 0) return;
  const { PANELS } = await import('../lib/dashboard/panels');
  for (const figure of figures) {
    const width = chartWidth(figure);
    const panel = PANELS.find((p) => p.id === figure.id);
    const rows = JSON.parse(figure.querySelector('script.chart-rows')?.textContent || '[]') as Datum[];
    const plot = figure.querySelector('.plot');
    if (!panel || !plot || rows.length === 0) continue;
    plot.replaceChildren(panel.render(rows, { width }, current));
    figure.dataset.width = String(width);
  }
}
