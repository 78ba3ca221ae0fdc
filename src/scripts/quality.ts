// The quality page in the browser. The filter lives in the URL; a change (or a
// click on a rule, a region or a province in the page, or the back button)
// draws the view again:
//  - with a province chosen, or for the whole country when the data is small,
//    the findings and reports rows of that province are read into DuckDB-WASM
//    (a few columns, only the row groups of that province) and queried;
//  - for the whole country at national scale, from the build-time summary by
//    province and year (quality/summary.json), without reading findings rows.
// The sections are rendered by the same functions as the build's first paint.

import { qualityFilterFromParams, qualityFilterToParams, type QualityFilter } from '../lib/db/quality-filter';
import type { Query, QualitySummary, QualityView } from '../lib/quality/view';
import type { RegionView } from '../lib/quality/region-view';
import { url } from '../lib/site';
import { yearsProblem } from '../lib/db/filter';
import { EngineUnavailable, withheldMessage } from '../lib/db/unavailable';
import { bindUrlState, formYears, setOptions, setSelect, urlView, yearWithoutReports } from './url-state';
import { loadEngine, release, warmEngine, withhold } from './withheld';
import { statusLine } from './status';
import { firstFigures, whenIdle, type AnsweredBy } from './first-figures';

const db = () => import('../lib/db/browser');
const modules = () => Promise.all([import('../lib/quality/view'), import('../lib/quality/render'), import('../lib/db/queries/quality'), import('../lib/db/files'), import('../lib/quality/region-view'), import('../lib/quality/league-render')]);
const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel)!;

let generation = 0;
let summary: Promise<QualitySummary> | null = null;

const status = statusLine('#db-status');
const setStatus = status.set;


const address = urlView({ path: 'quality/', parse: qualityFilterFromParams, params: qualityFilterToParams });
const hrefOf = address.href;

function syncForm(form: HTMLFormElement, f: QualityFilter) {
  const set = (name: string, v: string | number | null) => {
    const el = form.elements.namedItem(name) as HTMLSelectElement | null;
    if (el) el.value = v === null ? '' : String(v);
  };
  set('p', f.province);
  setSelect(form.elements.namedItem('y') as HTMLSelectElement, f.year === null ? '' : String(f.year), yearWithoutReports);
  set('rule', f.rule);
  set('sev', f.severity);
}

function selectedName(form: HTMLFormElement, name: string): string | null {
  const s = form.elements.namedItem(name) as HTMLSelectElement;
  return s.value ? (s.selectedOptions[0]?.textContent ?? null) : null;
}

async function loadSummary(): Promise<QualitySummary> {
  summary ??= fetch(url('quality/summary.json')).then((r) => {
    if (!r.ok) throw new Error(`无法读取全国汇总（HTTP ${r.status}）`);
    return r.json() as Promise<QualitySummary>;
  });
  summary.catch(() => (summary = null));
  return summary;
}

/** The first view of a region, from the first answers (computed at build time over the whole tables); null without them. */
async function answeredView(f: QualityFilter): Promise<RegionView | null> {
  const [{ qualityKey }, { readAnswers }, { answerQuery }, [, , { WHOLE_TABLES }, , { regionView }]] = await Promise.all([
    import('../lib/answers/keys'),
    import('../lib/answers/read'),
    import('../lib/answers/payload'),
    modules(),
  ]);
  const key = qualityKey(f);
  if (key === null) return null;
  try {
    const answers = await readAnswers('quality', key);
    return answers ? await regionView(f, WHOLE_TABLES, answerQuery(answers) as Query) : null;
  } catch (error) {
    console.warn(error);
    return null;
  }
}

async function render(f: QualityFilter, mine: number) {
  const [viewLib, renderLib, queries, files, { regionView }, leagueLib] = await modules();
  const form = $<HTMLFormElement>('#q-filters');
  syncForm(form, f);
  const city = form.elements.namedItem('c') as HTMLSelectElement;
  const county = form.elements.namedItem('k') as HTMLSelectElement;
  const refused = yearsProblem(f.year, f.year, formYears(form));
  if (refused) {
    if (mine !== generation) return;
    await showTitle(f);
    withhold(refused, 'years', { href: hrefOf({ ...f, year: null }), label: '查看全部年度' });
    setStatus('', 'idle');
    return;
  }
  let view: QualityView;
  let by: AnsweredBy = 'answers';
  if (viewLib.modeOf(f, viewLib.nationalMode(files.dataFiles())) === 'summary') {
    setStatus('正在读取全国汇总…');
    view = viewLib.summaryView(f, await loadSummary());
    by = 'summary';
    setOptions(city, null, null);
    setOptions(county, null, null);
  } else {
    const found = await answeredView(f);
    if (found) {
      if (mine !== generation) return;
      setOptions(city, found.cities, f.city);
      setOptions(county, found.counties, f.county);
      view = found.view;
    } else {
      by = 'engine';
      await status.watchEngine();
      setStatus('正在读取数据…');
      const { ensureTable, browserRunner } = await loadEngine();
      const { tables, requests } = queries.qualityTables(f.province);
      await Promise.all(requests.map((r) => ensureTable(r)));
      const query = (sql: string) => browserRunner.query(sql);
      setStatus('正在查询…');
      const found = await regionView(f, tables, query);
      if (mine !== generation) return;
      setOptions(city, found.cities, f.city);
      setOptions(county, found.counties, f.county);
      view = found.view;
    }
  }
  if (mine !== generation) return; // a newer filter won
  release();
  const sections: Record<string, (v: QualityView) => Node> = {
    headline: renderLib.renderHeadline,
    failing: renderLib.renderFailing,
    rules: renderLib.renderRules,
    completeness: renderLib.renderCompleteness,
    findings: renderLib.renderFindings,
    league: leagueLib.renderLeague,
  };
  for (const el of document.querySelectorAll<HTMLElement>('.q-body[data-section]')) {
    const fn = sections[el.dataset.section ?? ''];
    if (fn) el.replaceChildren(fn(view));
  }
  firstFigures(qualityFilterToParams(f).toString(), by);
  await showTitle(f);
  document.body.dataset.view = qualityFilterToParams(f).toString();
  document.body.dataset.mode = view.mode;
  setStatus('', 'idle');
}

/** The view's title (and the page's): it names the selection whether or not its figures can be shown. */
async function showTitle(f: QualityFilter): Promise<string> {
  const { viewTitle } = await import('../lib/quality/render');
  const form = $<HTMLFormElement>('#q-filters');
  const title = viewTitle({ province: selectedName(form, 'p'), city: selectedName(form, 'c'), county: selectedName(form, 'k') }, f);
  $('#view-title').textContent = `数据质量 · ${title}`;
  document.title = `${title} · 数据质量 · 政府信息公开年报数据`;
  return title;
}

/** The figures of a view that could not be computed are not shown: the page's own are the whole country's. */
async function fail(f: QualityFilter, error: unknown) {
  console.warn(error);
  const title = await showTitle(f);
  withhold(withheldMessage(title, error), error instanceof EngineUnavailable ? 'engine' : 'query', { href: url('quality/'), label: '查看全国的数字（随页面提供，不需要查询）', reload: true });
  setStatus('', 'idle');
}

function go(f: QualityFilter, push = true) {
  if (push) address.record(f, 'push');
  const mine = ++generation;
  render(f, mine).catch((error) => {
    if (mine === generation) void fail(f, error).catch((e) => setStatus(`查询失败：${e instanceof Error ? e.message : String(e)}`, 'error'));
  });
}

export function startQuality() {
  bindUrlState({ form: $<HTMLFormElement>('#q-filters'), view: address, go, warm: () => warmEngine('quality') });
  // While the visitor reads, the code a choice needs arrives (a few KB; not the engine).
  whenIdle(() => void Promise.all([modules(), import('../lib/answers/read'), import('../lib/answers/payload'), import('../lib/answers/keys'), import('hyparquet')]).catch(() => undefined));
  const initial = address.current();
  // The page shows the default view as built; any other URL is drawn at once.
  if (!address.isDefault(initial)) go(initial, false);
  else {
    document.body.dataset.view = '';
    document.body.dataset.mode = 'build';
  }
}
