// The SQL console in the browser. A query is checked (one read-only
// statement, lib/db/sql-console.ts), then run in DuckDB-WASM inside a
// transaction that is always rolled back. The tables it names are loaded from
// the site's own Parquet files the first time they are needed: DuckDB reports
// a table it cannot find, the console loads it (a split table for the
// provinces the query names) and runs the query again. The query is the
// URL's ?q=, so a result can be shared. Every query has a time limit and a
// stop button (lib/db/stoppable.ts); a stopped query never holds up the next.

import { cellText, checkSql, DEFAULT_TIME_LIMIT, durationText, explainError, loadPlan, missingTable, provincesIn, resultCsv, stoppedMessage, type Cell, type ConsoleTable, type Token } from '../lib/db/sql-console';
import { formatBytes } from '../lib/bytes';
import { runStoppable, whenAborted, withTimeLimit, type Outcome, type StopReason } from '../lib/db/stoppable';
import { plainValue } from '../lib/db/plain';
import { builder } from '../lib/dom';
import { statusLine } from './status';
import { urlView } from './url-state';

const db = () => import('../lib/db/browser');
const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel)!;

/** Rows shown in the page; the CSV has them all. */
const SHOWN_ROWS = 1000;

let tables: ConsoleTable[] = [];
/** Provinces loaded so far of each split table. */
const loadedProvinces = new Map<string, string[]>();
let queue: Promise<void> = Promise.resolve();
let csvUrl: string | null = null;

const status = statusLine('#sql-status');
const setStatus = status.set;

function showError(message: string) {
  const el = $<HTMLElement>('#sql-error');
  el.textContent = message;
  el.hidden = false;
  setStatus('', 'error');
  document.body.dataset.sql = 'error';
}


function describeLoad(t: ConsoleTable, provinces: string[]): string {
  if (t.split) return `${formatBytes(t.parts.filter((p) => provinces.includes(p.province)).reduce((a, p) => a + p.bytes, 0))}，${provinces.length} 个省份`;
  return `${formatBytes(t.bytes ?? 0)}${provinces.length ? ` 中 ${provinces.length} 个省份的行` : ''}`;
}

/** Loads a table for a query, or says why not. */
async function load(table: ConsoleTable, asked: string[]): Promise<string | null> {
  const current = loadedProvinces.get(table.name);
  const plan = loadPlan(table, asked, current ?? []);
  if (!plan.ok) return plan.message;
  if (current && current.join() === plan.provinces.join()) return null;
  setStatus(`正在载入数据表 ${table.name}（${table.label}，${describeLoad(table, plan.provinces)}）…`);
  const { ensureTable } = await db();
  try {
    await ensureTable(plan.request);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return `数据表 ${table.name} 没能载入：${/call stack/i.test(message) ? '这部分数据行数太多，载入程序一次处理不了；请只查一个省份，或用下载页的文件在本地分析。' : ''}\n${message}`;
  }
  if (plan.provinces.length) loadedProvinces.set(table.name, plan.provinces);
  return null;
}

/** Tables already loaded by province that the query names: they must hold the provinces it asks for. */
async function refreshByProvince(tokens: Token[], asked: string[]): Promise<string | null> {
  const named = new Set(tokens.filter((t) => t.type === 'word' || t.type === 'ident').map((t) => t.text.toLowerCase()));
  for (const t of tables) {
    if (!loadedProvinces.has(t.name) || !named.has(t.name)) continue;
    const refused = await load(t, asked);
    if (refused) return refused;
  }
  return null;
}

interface Result {
  columns: string[];
  rows: Cell[][];
}

type ArrowType = import('apache-arrow').DataType;

/** How to show a value of a column's Arrow type: decimals scaled, dates as dates, nested values as JSON. */
async function converter(type: ArrowType): Promise<(v: unknown) => Cell> {
  const { DataType } = await import('apache-arrow');
  const nested = (v: unknown) => {
    const json = (v as { toJSON?: () => unknown }).toJSON?.() ?? v;
    return JSON.stringify(json, (_, x) => (typeof x === 'bigint' ? Number(x) : x));
  };
  return (v) => {
    if (v === null || v === undefined) return null;
    if (DataType.isDecimal(type)) return Number(String(v)) / 10 ** (type as unknown as { scale: number }).scale;
    if (DataType.isDate(type) && typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
    if (DataType.isTimestamp(type) && typeof v === 'number') return new Date(v).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
    if (typeof v === 'object' && !(v instanceof Date)) return nested(v);
    return plainValue(v);
  };
}

/** A query stopped by the visitor, the time limit or a newer query; `restarted` when the engine had to be restarted. */
class Stopped extends Error {
  constructor(
    readonly reason: StopReason,
    readonly restarted: boolean,
  ) {
    super(reason);
  }
}

/** Waits for a step (the engine's start, a table's load) unless the query is stopped first; the step itself goes on. */
async function until<T>(step: Promise<T>, signal: AbortSignal): Promise<T> {
  const result = await Promise.race([step.then((value) => ({ value })), whenAborted(signal)]);
  if (typeof result === 'string') throw new Stopped(result, false);
  return result.value;
}

const limitSeconds = () => Number($<HTMLSelectElement>('#sql-limit').value) || DEFAULT_TIME_LIMIT;

type Connection = Awaited<ReturnType<Awaited<ReturnType<typeof db>>['duckdb']>>['conn'];
type ArrowTable = Awaited<ReturnType<Connection['query']>>;

/**
 * Runs the statement within the time limit. DuckDB gets it in slices (send), so that a cancel
 * request can reach it; when it does not stop, its worker is replaced by a new engine.
 */
async function runWithin(conn: Connection, sql: string, signal: AbortSignal): Promise<Outcome<ArrowTable>> {
  const seconds = limitSeconds();
  const limit = withTimeLimit(signal, seconds * 1000);
  const started = performance.now();
  const tick = () => setStatus(`正在查询…（已用 ${Math.floor((performance.now() - started) / 1000)} 秒，时限 ${durationText(seconds)}）`);
  tick();
  const ticker = setInterval(tick, 1000);
  const { Table } = await import('apache-arrow');
  // Whatever the statement, nothing it does outlives this transaction.
  await conn.query('BEGIN TRANSACTION');
  let outcome: Outcome<ArrowTable>;
  try {
    outcome = await runStoppable(
      {
        start: async () => {
          const reader = await conn.send(sql);
          const batches = await reader.readAll();
          return new Table(reader.schema, batches) as ArrowTable;
        },
        cancel: () => conn.cancelSent(),
      },
      limit.signal,
    );
  } finally {
    limit.clear();
    clearInterval(ticker);
  }
  if (outcome.kind === 'stopped' && outcome.restart) {
    setStatus('查询引擎没有响应停止请求，正在重新启动…');
    loadedProvinces.clear();
    const { restartDuckdb, duckdb } = await db();
    await restartDuckdb();
    // Started at once, so that the next query finds it ready; the status line shows its progress until then.
    duckdb().then(
      () => running === null && setStatus('', 'idle'),
      (e) => console.warn(e),
    );
  } else {
    // The guard lets no statement through that could end the transaction itself.
    await conn.query('ROLLBACK').catch((e) => console.warn(e));
  }
  return outcome;
}

async function execute(sql: string, tokens: Token[], signal: AbortSignal): Promise<Result | string> {
  const { duckdb } = await db();
  const { conn } = await until(duckdb(), signal);
  const asked = provincesIn(tokens);
  const refused = await until(refreshByProvince(tokens, asked), signal);
  if (refused) return refused;
  const tried = new Set<string>();
  for (;;) {
    const outcome = await runWithin(conn, sql, signal);
    if (outcome.kind === 'stopped') throw new Stopped(outcome.reason, outcome.restart);
    if (outcome.kind === 'done') {
      const table = outcome.value;
      const columns = table.schema.fields.map((f) => f.name);
      const vectors = columns.map((_, i) => table.getChildAt(i));
      const convert = await Promise.all(table.schema.fields.map((f) => converter(f.type)));
      const rows: Cell[][] = [];
      for (let r = 0; r < table.numRows; r++) rows.push(vectors.map((v, i) => convert[i](v?.get(r))));
      return { columns, rows };
    }
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    const missing = missingTable(message)?.toLowerCase();
    const known = tables.find((t) => t.name === missing);
    if (known && !tried.has(known.name)) {
      tried.add(known.name);
      const why = await until(load(known, asked), signal);
      if (why) return why;
      continue;
    }
    return explainError(message, tables.map((t) => t.name));
  }
}

function renderResult(result: Result, ms: number) {
  const el = builder(document);
  const meta = el('p', { class: 'meta' }, `共 ${result.rows.length.toLocaleString('zh-CN')} 行${result.rows.length > SHOWN_ROWS ? `，显示前 ${SHOWN_ROWS.toLocaleString('zh-CN')} 行（CSV 包含全部）` : ''} · 用时 ${Math.round(ms)} 毫秒`);
  const cell = (v: Cell) => el('td', { class: v === null ? 'null' : typeof v === 'number' ? 'num' : undefined }, cellText(v));
  const table = el(
    'table',
    { class: 'data', id: 'sql-table' },
    el('thead', {}, el('tr', {}, result.columns.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, result.rows.slice(0, SHOWN_ROWS).map((row) => el('tr', {}, row.map(cell)))),
  );
  $<HTMLElement>('#sql-result').replaceChildren(meta, el('div', { class: 'table-scroll', tabindex: 0 }, table));
  const csv = $<HTMLAnchorElement>('#sql-csv');
  if (csvUrl) URL.revokeObjectURL(csvUrl);
  csvUrl = URL.createObjectURL(new Blob([resultCsv(result.columns, result.rows)], { type: 'text/csv;charset=utf-8' }));
  csv.href = csvUrl;
  csv.hidden = false;
}

/** The console's view lives in its URL: the query, run as the page opens (?q=…). */
const address = urlView<string | null>({ path: 'sql/', parse: (p) => p.get('q'), params: (q) => new URLSearchParams(q === null ? {} : { q }) });

/** The query running now, to stop it. */
let running: AbortController | null = null;
/** The latest query asked for: one asked for earlier and still waiting is skipped. */
let latest = 0;

async function run(sql: string) {
  const error = $<HTMLElement>('#sql-error');
  error.hidden = true;
  error.textContent = '';
  $<HTMLAnchorElement>('#sql-csv').hidden = true;
  $<HTMLElement>('#sql-result').replaceChildren();
  document.body.dataset.sql = 'running';
  const verdict = checkSql(sql);
  if (!verdict.ok) {
    showError(verdict.message);
    return;
  }
  await status.watchEngine();
  const controller = new AbortController();
  running = controller;
  const stop = $<HTMLButtonElement>('#sql-stop');
  stop.hidden = false;
  const started = performance.now();
  try {
    const result = await execute(sql, verdict.tokens, controller.signal);
    if (typeof result === 'string') {
      showError(result);
      return;
    }
    renderResult(result, performance.now() - started);
    setStatus('', 'idle');
    document.body.dataset.sql = 'done';
  } catch (e) {
    if (e instanceof Stopped) {
      // A query replaced by a newer one says nothing: the newer one runs next.
      if (e.reason !== 'replaced') {
        showError(stoppedMessage(e.reason, limitSeconds(), e.restarted));
        document.body.dataset.sql = 'stopped';
      }
      return;
    }
    console.warn(e);
    showError(`查询出错。\n${e instanceof Error ? e.message : String(e)}`);
  } finally {
    running = null;
    stop.hidden = true;
  }
}

/** Runs a query (one at a time, a newer one stopping the one running), with it in the URL. */
function submit(sql: string, push = true) {
  if (push) address.record(sql, 'push');
  const mine = ++latest;
  running?.abort('replaced' satisfies StopReason);
  queue = queue.then(() => (mine === latest ? run(sql) : undefined));
}

export function startSql() {
  tables = JSON.parse($('#sql-tables').textContent || '[]') as ConsoleTable[];
  const form = $<HTMLFormElement>('#sql-form');
  $<HTMLButtonElement>('#sql-stop').addEventListener('click', () => running?.abort('cancel' satisfies StopReason));
  const box = $<HTMLTextAreaElement>('#sql-q');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(box.value);
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit(box.value);
    }
  });
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a.run-example')) {
    a.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      const q = new URL(a.href).searchParams.get('q') ?? '';
      box.value = q;
      box.scrollIntoView({ block: 'nearest' });
      submit(q);
    });
  }
  address.onPop((q) => {
    if (q !== null) {
      box.value = q;
      submit(q, false);
    }
  });
  // Fetch the engine as soon as a visitor starts writing.
  box.addEventListener('focus', () => void db().then((m) => m.duckdb()), { once: true });
  const q = address.current();
  if (q !== null) {
    box.value = q;
    submit(q, false);
  } else document.body.dataset.sql = 'idle';
}
