// The place page in the browser. place/?code=<code> renders that place: the
// `places` row, its reports and every figure from the base tables (read by
// province and the place's own code: a few row groups), its key figures over
// the years beside its peers' median, and its reports' source texts. Pressing
// a figure highlights the line it was read from (and puts it in the URL hash,
// so the view can be shared). place/?p=37 lists a province's places;
// place/?q=… the places whose names match.

import type { Datum } from '../lib/charts/basic';
import type { TableColumn, TableRow } from '../lib/charts/table';
import type { PlaceRow } from '../lib/db/queries/place';
import type { PlaceFirstView } from '../lib/place/first-view';
import { hasAnswerPart, readAnswers } from '../lib/answers/read';
import { answerQuery, type Answers } from '../lib/answers/payload';
import { placeKey } from '../lib/answers/keys';
import { codePrefixes, placeCodeProblem } from '../lib/place/levels';
import { peerRule, type PlaceLevel } from '../lib/db/levels';
import { statusLine } from './status';
import { h } from '../lib/dom';
import { placePageFromParams, placePageToParams } from '../lib/place/links';
import { replaceHash, urlView } from './url-state';
import { firstFigures, type AnsweredBy } from './first-figures';

/** The place page's view lives in its URL: a place, a name search or a province's places. */
const address = urlView({ path: 'place/', parse: placePageFromParams, params: placePageToParams });

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const db = () => import('../lib/db/browser');

const status = statusLine('#place-status');
const setStatus = status.set;

async function query<T = Datum>(sql: string): Promise<T[]> {
  return (await db()).browserRunner.query(sql) as Promise<T[]>;
}

async function showProvince(province: string) {
  const [{ ensureTable }, q, { provincePlaces }] = await Promise.all([db(), import('../lib/db/queries/place'), import('../lib/place/header')]);
  const target = $('#place-results');
  target.textContent = '正在载入…';
  const request = q.placesRequest([province]);
  await ensureTable(request);
  const rows = await query<PlaceRow>(q.provincePlacesSql(province, request.name));
  target.replaceChildren(rows.length ? provincePlaces(document, rows) : h(document, 'p', {}, '这个省份没有可显示的地方。'));
  document.body.dataset.placeReady = `p=${province}`;
}

async function showMatches(text: string) {
  const [{ placeIndex }, { searchPlaces }, { matchList }] = await Promise.all([import('../lib/place/places-index'), import('../lib/place/search'), import('../lib/place/header')]);
  const limit = 200;
  $('#place-results').replaceChildren(matchList(document, text, searchPlaces(await placeIndex(), text, { limit }), limit));
  document.body.dataset.placeReady = `q=${text}`;
}

/** The trend figures: the place's figure and its peers' median by year. */
async function drawTrends(place: PlaceRow, trend: Datum[], peersLabel: string) {
  const [{ KEY_MEASURES, inTemplate, NOT_IN_TEMPLATE }, { trendChart }, { chartWidth, updateFigure }] = await Promise.all([
    import('../lib/place/measures'),
    import('../lib/charts/place'),
    import('../lib/charts/dom'),
  ]);
  const name = place.name ?? place.place_code;
  for (const m of KEY_MEASURES) {
    const figure = document.getElementById(`trend-${m.key}`);
    if (!figure) continue;
    const rows: TableRow[] = trend.map((d) => {
      const has = d.has_report === true;
      const applies = inTemplate(m, d.template as string | null);
      const value = d[m.key] === null || d[m.key] === undefined ? null : Number(d[m.key]);
      return {
        year: d.year,
        value,
        note: !has ? '无报告' : !applies ? NOT_IN_TEMPLATE : '',
        median: d[`${m.key}__median`] ?? null,
        n: d[`${m.key}__n`] ?? 0,
        peers: d.peers ?? 0,
        has_report: has,
        in_template: applies,
      };
    });
    const columns: TableColumn[] = [
      { key: 'year', label: '年度', kind: 'year' },
      { key: 'value', label: name, kind: m.kind },
      { key: 'note', label: '说明', kind: 'text' },
      { key: 'median', label: `${peersLabel}中位数`, kind: m.kind },
      { key: 'n', label: '给出该数的同级地方', kind: 'count' },
      { key: 'peers', label: '有报告的同级地方', kind: 'count' },
    ];
    figure.querySelectorAll('thead th').forEach((th, i) => (th.textContent = columns[i]?.label ?? th.textContent));
    const draw = () => (rows.length ? trendChart(rows as Datum[], { width: chartWidth(figure), kind: m.kind, label: m.kind === 'yuan' ? '万元' : m.unit, place: name, peers: peersLabel }) : null);
    updateFigure(figure, draw(), columns, rows);
    figure.dataset.place = place.place_code;
  }
}

/** Highlights a source line of a report and marks the figure pressed. */
function highlight(article: HTMLElement, line: number, buttons: Iterable<HTMLElement>, scroll = true) {
  document.querySelectorAll('.src-lines li.hl').forEach((li) => li.classList.remove('hl'));
  document.querySelectorAll('button.fig[aria-pressed="true"]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
  for (const b of buttons) b.setAttribute('aria-pressed', 'true');
  const li = article.querySelector<HTMLElement>(`.src-lines li[data-line="${line}"]`);
  const status = article.querySelector('.src-status');
  if (!li) {
    if (status) status.textContent = `原文第 ${line} 行：原文尚未载入或不可用。`;
    return;
  }
  li.classList.add('hl');
  const text = li.textContent?.trim() ?? '';
  if (status) status.textContent = `第 ${line} 行：${text.slice(0, 80)}`;
  if (scroll) {
    const body = article.querySelector<HTMLElement>('.src-body')!;
    body.scrollTop = Math.max(0, li.offsetTop - body.clientHeight / 2);
  }
  // On a narrow screen the source is below the tables: the line is shown at the foot of the screen instead.
  const peek = document.getElementById('src-peek');
  if (peek) {
    peek.querySelector('.peek-line')!.textContent = `原文第 ${line} 行：${text}`;
    peek.dataset.report = article.dataset.report;
    peek.hidden = false;
  }
}

function wirePeek() {
  const peek = document.getElementById('src-peek');
  if (!peek) return;
  peek.querySelector('.peek-close')?.addEventListener('click', () => (peek.hidden = true));
  peek.querySelector('.peek-go')?.addEventListener('click', () => {
    const article = document.getElementById(`r-${peek.dataset.report}`);
    article?.querySelector('aside.source')?.scrollIntoView({ block: 'start' });
    peek.hidden = true;
  });
}

function wireFigures() {
  wirePeek();
  document.getElementById('report-list')!.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLElement>('button.fig[data-line]');
    const article = button?.closest<HTMLElement>('article.report');
    if (!button || !article) return;
    const line = Number(button.dataset.line);
    highlight(article, line, [button]);
    replaceHash(`r-${article.dataset.report}-L${line}`);
  });
}

async function loadSources(reports: Datum[]) {
  const [{ loadSourceBundle, sourceBundleKey }, { fillSource }] = await Promise.all([import('../lib/place/sources'), import('../lib/place/render')]);
  const keys = [...new Set(reports.map((r) => sourceBundleKey(r as { county_code: string | null; city_code: string | null; province_code: string | null })))];
  for (const key of keys) {
    let bundle;
    try {
      bundle = await loadSourceBundle(key);
    } catch (error) {
      for (const a of document.querySelectorAll<HTMLElement>('article.report')) fillSource(document, a, null, `原文载入失败：${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const r of reports) {
      const article = document.getElementById(`r-${r.report_id}`);
      const entry = bundle.reports[String(r.report_id)];
      if (article && sourceBundleKey(r as never) === key) fillSource(document, article, entry?.text ?? null, entry?.note ?? (entry ? '' : '这份报告的原文没有随网站提供。'));
    }
  }
  // A shared link to a line: #r-<report>-L<line>.
  const m = /^#r-([0-9a-f]+)-L(\d+)$/.exec(location.hash);
  const article = m ? document.getElementById(`r-${m[1]}`) : null;
  if (m && article) {
    // Every figure read from that line is marked.
    highlight(article, Number(m[2]), article.querySelectorAll<HTMLElement>(`.report-tables button.fig[data-line="${m[2]}"]`), true);
    article.scrollIntoView();
  }
}

/**
 * A code that names no page (malformed, or of no place with reports): says so, lists the places
 * whose codes it begins with, and offers the search box in place of the empty frame.
 */
async function showMissing(code: string, why: string, state: 'missing' | 'malformed') {
  document.title = '找不到这个地方 · 地方 · 政府信息公开年报数据';
  $('#place-name').textContent = '找不到这个地方';
  for (const id of ['place-facts', 'place-links', 'place-status', 'place-years', 'trends', 'reports']) $(`#${id}`).hidden = true;
  $('#place-missing-why').textContent = why;
  $('#place-missing').hidden = false;
  setStatus('', 'idle');
  document.body.dataset.placeReady = state;
  const prefixes = codePrefixes(code);
  if (prefixes.length === 0) return;
  try {
    const [{ placeIndex }, { placeList }] = await Promise.all([import('../lib/place/places-index'), import('../lib/place/header')]);
    const near = (await placeIndex()).filter((p) => p.reports > 0 && prefixes.includes(p.code)).sort((a, b) => b.code.length - a.code.length);
    if (near.length) $('#place-missing-near').replaceChildren(h(document, 'h2', {}, '代码前几位对应的地方'), placeList(document, near));
    document.body.dataset.placeNear = near.map((p) => p.code).join(',');
  } catch (error) {
    // The message and the search box are shown already; the list is a help, not the answer.
    console.warn(error);
  }
}

/** The place's first view: from the first answers when the build made them, else from the query engine. */
async function firstView(code: string, level: PlaceLevel | null, reading: Promise<Answers | null>): Promise<PlaceFirstView | null | 'engine'> {
  const { placeFirstView, wholeTables } = await import('../lib/place/first-view');
  try {
    const answers = await reading;
    // Every place has answers: a code without them names no place.
    if (!answers) return hasAnswerPart('place', placeKey(code, level)) ? null : 'engine';
    return await placeFirstView(code, level, wholeTables(answerQuery(answers)));
  } catch (error) {
    // Answers that cannot be read (or do not cover the statements) leave the view to the engine.
    console.warn(error);
    return 'engine';
  }
}

/**
 * A place of the national list without a report of its own: its name, where it lies, that the site
 * has no report of it, and the views of its regions. False when the list has no such place.
 */
async function showNoReport(code: string, level: PlaceLevel | null): Promise<boolean> {
  const [{ placeIndex }, view, header] = await Promise.all([import('../lib/place/places-index'), import('../lib/place/no-report'), import('../lib/place/header')]);
  const index = await placeIndex();
  const p = view.findPlace(index, code, level);
  if (!p) return false;
  const row = view.asPlaceRow(p);
  document.title = `${p.name}（无报告） · 地方 · 政府信息公开年报数据`;
  $('#place-name').textContent = p.name;
  $('#place-crumbs').replaceChildren(...(header.crumbs(document, row, new Set(index.filter((q) => q.reports > 0).map((q) => `${q.level}:${q.code}`))) as Node[]));
  $('#place-facts').replaceChildren(...(header.facts(document, row, []) as Node[]));
  for (const id of ['place-links', 'place-status', 'place-years', 'trends', 'reports']) $(`#${id}`).hidden = true;
  $('#place-missing-why').textContent = view.noReportWhy(p);
  $('#place-missing-near').replaceChildren(...view.noReportContent(document, p, index));
  $('#place-missing').hidden = false;
  setStatus('', 'idle');
  document.body.dataset.placeReady = 'no-report';
  return true;
}

async function showPlace(code: string, level: PlaceLevel | null) {
  // The answers are requested first, while the code that draws them arrives.
  const started = performance.now();
  const reading = readAnswers('place', placeKey(code, level));
  reading.catch(() => undefined);
  // The chart code comes while the answers do.
  void Promise.all([import('../lib/place/measures'), import('../lib/charts/place'), import('../lib/charts/dom')]).catch(() => undefined);
  const [header, { levelName }, { placeFirstView }] = await Promise.all([
    import('../lib/place/header'),
    import('../lib/place/levels'),
    import('../lib/place/first-view'),
  ]);
  setStatus('正在查找…');
  let view = await firstView(code, level, reading);
  const by: AnsweredBy = view === 'engine' ? 'engine' : 'answers';
  if (view === 'engine') {
    void status.watchEngine();
    view = await placeFirstView(code, level, (await db()).engineSource);
  }
  if (!view) {
    if (await showNoReport(code, level)) return;
    await showMissing(code, `本站没有代码为 ${code} 的地方的报告：可能这个地方的报告还没有收集到，或者代码有误。`, 'missing');
    return;
  }
  const { place, known, reports: years, trend } = view;
  const name = place.name ?? place.place_code;
  document.title = `${name} · 地方 · 政府信息公开年报数据`;
  $('#place-name').textContent = name;
  $('#place-crumbs').replaceChildren(...(header.crumbs(document, place, known) as Node[]));
  $('#place-links').replaceChildren(...(header.links(document, place) as Node[]));
  $('#place-facts').replaceChildren(...(header.facts(document, place, years.filter((r) => r.is_primary !== false).map((r) => Number(r.year))) as Node[]));
  $('#place-years').replaceChildren(...(header.yearLinks(document, years) as Node[]));

  const rule = peerRule(place.level);
  const peersLabel = rule ? `${rule.label}其他${levelName(place.level)}` : '同级';
  const peerCount = Math.max(0, ...trend.map((t) => Number(t.peers ?? 0)));
  $('#trend-note').textContent = rule
    ? `实线为${name}，虚线为${peersLabel}的中位数（只计给出该数的报告；${peerCount ? `同级最多 ${peerCount} 个地方有报告` : `${rule.label}没有其他${levelName(place.level)}的报告，没有中位数`}）。报告未披露的数字不画为 0。`
    : `实线为${name}。省级报告不作同级比较。`;
  await drawTrends(place, trend as Datum[], peersLabel);
  firstFigures(code, by);

  // Every figure of every report, with its source line: the query engine, after the first figures.
  void status.watchEngine();
  setStatus('正在载入各年报告…');
  const [lib, q, { reportView }, { renderReport }] = await Promise.all([db(), import('../lib/db/queries/place'), import('../lib/place/report'), import('../lib/place/render')]);
  const tables = ['reports', 'disclosures', 'applications', 'reviews', 'findings'] as const;
  await Promise.all(tables.map((t) => lib.ensureTable(q.placeTableRequest(t, place))));
  const reports = await query(q.placeReportsSql(place));
  const ids = reports.map((r) => String(r.report_id));
  const [disclosures, applications, reviews, findings] = await Promise.all((['disclosures', 'applications', 'reviews', 'findings'] as const).map((t) => query(q.cellsSql(t, ids))));
  $('#report-list').replaceChildren(...reports.map((r) => renderReport(document, reportView(r as never, { disclosures, applications, reviews, findings }))));
  setStatus('', 'idle');
  // The page is ready when the reports' source texts are beside them too.
  await loadSources(reports);
  document.body.dataset.placeReady = code;
  performance.measure(`place:${code}`, { start: started });
}

export function startPlace() {
  const { code, level, q, p } = address.current();
  const run = (task: Promise<void>) =>
    task.catch((error) => {
      setStatus(`载入失败：${error instanceof Error ? error.message : String(error)}`, 'error');
      document.body.dataset.placeReady = 'error';
      console.warn(error);
    });
  if (code !== null) {
    document.documentElement.dataset.placeMode = 'place';
    const problem = placeCodeProblem(code);
    if (problem) {
      void run(showMissing(code, problem, 'malformed'));
      return;
    }
    wireFigures();
    void run(showPlace(code, level));
    return;
  }
  if (q) void run(showMatches(q));
  else if (p) void run(showProvince(p));
}
