// The peer comparison in the browser. The state (town, peers, hand-picked
// towns, year) lives in the URL; every change is a new URL and the back
// button returns. The group's summary rows are read by province (and county,
// city or the picked codes) into DuckDB-WASM and ranked there.

import { MAX_LIST } from '../lib/db/queries/compare';
import { compareFromParams, compareToParams, type CompareState } from '../lib/place/compare';
import type { CompareFirstView } from '../lib/place/first-view';
import { readAnswers } from '../lib/answers/read';
import { answerQuery, NotAnswered } from '../lib/answers/payload';
import { compareKey } from '../lib/answers/keys';
import type { SearchPlace } from '../lib/place/search';
import { url } from '../lib/site';
import { urlView } from './url-state';
import { fill, h } from '../lib/dom';
import { statusLine } from './status';
import { firstFigures, type AnsweredBy } from './first-figures';

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const db = () => import('../lib/db/browser');

let state: CompareState;
let generation = 0;
/** Draws the small multiples again at their boxes' widths (after a resize). */
let drawMultiples = () => {};
/** Names of towns already seen (picked with the search box, or loaded), for the chips. */
const names = new Map<string, string>();

const status = statusLine('#cmp-status');
const setStatus = status.set;

const address = urlView({ path: 'compare/', parse: compareFromParams, params: compareToParams });
const hrefOf = address.href;

function renderChips(s: CompareState) {
  const fieldset = $<HTMLFieldSetElement>('#cmp-list');
  fieldset.hidden = s.scope !== 'list';
  $('#cmp-chips').replaceChildren(
    ...s.list.map((code) => {
      const remove = h(document, 'button', { type: 'button', title: '移除', 'aria-label': `移除 ${names.get(code) ?? code}` }, '×');
      remove.addEventListener('click', () => go({ ...s, list: s.list.filter((c) => c !== code) }));
      return h(document, 'li', { 'data-code': code }, names.get(code) ?? code, remove);
    }),
  );
}

async function render(s: CompareState, how: 'push' | 'replace' | 'none') {
  const mine = ++generation;
  $<HTMLSelectElement>('#cmp-peers').value = s.scope;
  renderChips(s);
  if (!s.code) {
    $('#cmp-out').hidden = true;
    setStatus('请先在上方选择一个乡镇街道。', 'idle');
    document.body.dataset.compare = '';
    return;
  }
  // The drawing code comes while the answers do.
  const modules = Promise.all([
    import('../lib/place/measures'),
    import('../lib/place/compare-render'),
    import('../lib/place/compare'),
    import('../lib/charts/table'),
  ]);
  setStatus('正在查询…');
  const view = await firstView({ ...s, code: s.code });
  const [{ COMPARE_MEASURES }, r, { compareColumns, compareCsvRows, SCOPE_LABELS }, { csvDataUrl, tableCsv }] = await modules;
  if (mine !== generation) return;
  for (const t of view.towns) names.set(t.place_code, t.name ?? t.place_code);
  const { place, years, year, rows } = view;
  if (!place) {
    $('#cmp-out').hidden = true;
    setStatus(`本站没有代码为 ${s.code} 的乡镇街道的报告。`, 'error');
    document.body.dataset.compare = 'missing';
    return;
  }
  renderChips(s);
  $('#cmp-town-name').textContent = `${place.name}（${[place.county, place.city, place.province].filter(Boolean).join(' · ')}）`;

  const yearSelect = $<HTMLSelectElement>('#cmp-year');
  yearSelect.replaceChildren(...years.map((y) => h(document, 'option', { value: y, selected: y === year }, `${y} 年度`)));
  const self = rows.find((x) => x.is_self)!;
  const peers = rows.filter((x) => !x.is_self && x.has_report !== false).length;
  const without = rows.filter((x) => !x.is_self && x.has_report === false).length;
  const scopeName = s.scope === 'county' ? place.county : s.scope === 'city' ? place.city : s.scope === 'province' ? place.province : null;
  const title = `${place.name} ${year} 年度与${scopeName ?? ''}${SCOPE_LABELS[s.scope]}对比`;
  $('#cmp-title').textContent = title;
  document.title = `${title} · 政府信息公开年报数据`;
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const normal: CompareState = { ...s, year };
  $('#cmp-meta').textContent = `同组：${place.name}和 ${peers} 个有 ${year} 年度报告的乡镇街道${without ? `（另有 ${without} 个所选乡镇街道没有 ${year} 年度报告，列出但不参加排名）` : ''}。生成日期：${today}。数据来源：各地公开发布的《政府信息公开工作年度报告》，经本站解析、核对；网址：${new URL(hrefOf(normal), location.href).href}`;
  fill($('#cmp-self-wrap'), r.selfTable(document, self, COMPARE_MEASURES, year));
  const groupWrap = $('#cmp-group-wrap');
  fill(groupWrap, r.groupTable(document, rows, COMPARE_MEASURES));
  // Sorting redraws the rows the page has; the view (its URL) stays the same.
  groupWrap.onclick = (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-sort]');
    if (!button) return;
    fill(groupWrap, r.groupTable(document, rows, COMPARE_MEASURES, { key: button.dataset.sort!, descending: button.dataset.descending === 'true' }));
    groupWrap.querySelector<HTMLButtonElement>(`button[data-sort="${button.dataset.sort}"]`)?.focus();
  };
  fill($('#cmp-quality-wrap'), r.qualityRanking(document, rows, url('about/#quality-index')));
  $('#cmp-out').hidden = false;
  const box = $('#cmp-multiples');
  fill(box, r.multiples(document, rows, COMPARE_MEASURES));
  drawMultiples = () => {
    for (const m of COMPARE_MEASURES) {
      const figure = box.querySelector<HTMLElement>(`figure[data-measure="${m.key}"]`);
      const plot = figure?.querySelector<HTMLElement>('.plot');
      if (figure && plot) r.drawMultiple(figure, rows, m, Math.max(260, Math.min(900, plot.clientWidth - 2)));
    }
  };
  drawMultiples();
  firstFigures(compareToParams({ ...s, year }).toString(), view.by);
  const csv = $<HTMLAnchorElement>('#cmp-csv');
  csv.href = csvDataUrl(tableCsv(compareColumns(COMPARE_MEASURES), compareCsvRows(rows, COMPARE_MEASURES)));
  csv.download = `同级对比_${place.name}_${year}.csv`;
  csv.removeAttribute('aria-disabled');

  state = normal;
  if (how !== 'none') address.record(normal, how);
  document.body.dataset.compare = compareToParams(normal).toString();
  setStatus(peers === 0 ? `${SCOPE_LABELS[s.scope]}中没有其他 ${year} 年度有报告的乡镇街道；可改选比较对象。` : '', peers === 0 ? 'error' : 'idle');
}

/**
 * A comparison's rows: from the first answers when the build made them for this view (a town against
 * its county's towns), else from the query engine over the group's rows.
 */
async function firstView(s: CompareState & { code: string }): Promise<CompareFirstView & { by: AnsweredBy }> {
  const key = compareKey({ ...s, year: null });
  // The answers are requested first, while the code that draws them arrives.
  const reading = key ? readAnswers('compare', key) : Promise.resolve(null);
  reading.catch(() => undefined);
  const { compareFirstView, wholeTables } = await import('../lib/place/first-view');
  try {
    const answers = await reading;
    if (answers) return { ...(await compareFirstView(s, wholeTables(answerQuery(answers)))), by: 'answers' };
  } catch (error) {
    // Answers that cannot be read, or a year other than the one they hold: the engine answers.
    if (!(error instanceof NotAnswered)) console.warn(error);
  }
  void status.watchEngine();
  return { ...(await compareFirstView(s, (await db()).engineSource)), by: 'engine' };
}

function go(next: CompareState) {
  render(next, 'push').catch(fail);
}

function fail(error: unknown) {
  setStatus(`查询失败：${error instanceof Error ? error.message : String(error)}`, 'error');
  document.body.dataset.compare = 'error';
  console.warn(error);
}

export function startCompare() {
  state = address.current();
  document.addEventListener('place-pick', (e) => {
    const p = (e as CustomEvent<SearchPlace>).detail;
    const from = (e.target as HTMLElement).querySelector('input')?.id;
    names.set(p.code, p.name);
    if (from === 'cmp-add') {
      if (p.code === state.code || state.list.includes(p.code)) return;
      if (state.list.length >= MAX_LIST) {
        setStatus(`自选最多 ${MAX_LIST} 个乡镇街道。`, 'error');
        return;
      }
      go({ ...state, scope: 'list', list: [...state.list, p.code] });
    } else go({ ...state, code: p.code, list: state.list.filter((c) => c !== p.code) });
  });
  $<HTMLSelectElement>('#cmp-peers').addEventListener('change', (e) => go({ ...state, scope: (e.target as HTMLSelectElement).value as CompareState['scope'] }));
  $<HTMLSelectElement>('#cmp-year').addEventListener('change', (e) => go({ ...state, year: Number((e.target as HTMLSelectElement).value) }));
  $('#cmp-print').addEventListener('click', () => print());
  let resize = 0;
  addEventListener('resize', () => {
    clearTimeout(resize);
    resize = window.setTimeout(() => drawMultiples(), 250);
  });
  address.onPop((s) => {
    state = s;
    render(s, 'none').catch(fail);
  });
  render(state, 'replace').catch(fail);
}
