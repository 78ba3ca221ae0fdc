// The SQL console's rules, kept apart from the page so they can be tested in
// Node: what a visitor may run, which data files a query needs, how DuckDB's
// errors are explained, and the CSV of a result.
//
// What may run: exactly one read-only statement (SELECT, WITH, FROM, VALUES,
// TABLE, DESCRIBE, SHOW, SUMMARIZE, or EXPLAIN of one of these). Anything else
// is refused before it reaches DuckDB, with a reason. Everything that reads
// outside the loaded tables (read_parquet('http://…'), read_csv, a file name
// as a table) is left to DuckDB, whose external access is off and whose
// configuration is locked (lib/db/browser.ts); its refusal is explained in
// Chinese. The page also runs every query inside a transaction it rolls back,
// so even a statement that slipped through could not change the tables.

import type { TableRequest } from './parquet.ts';
import type { StopReason } from './stoppable.ts';
import { formatBytes } from '../bytes.ts';

// ---------------------------------------------------------------------------
// Tokens

export type TokenType = 'word' | 'ident' | 'string' | 'number' | 'punct';

export interface Token {
  type: TokenType;
  /** Words as written; identifiers and strings without their quotes. */
  text: string;
  start: number;
}

export class SqlRejected extends Error {}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Splits SQL into tokens, dropping comments; refuses what it cannot read unambiguously. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new SqlRejected('注释 /* 没有结束（缺少 */）。');
      if (sql.slice(i + 2, end).includes('/*')) throw new SqlRejected('注释不能嵌套：/* … */ 中又出现了 /*。');
      i = end + 2;
      continue;
    }
    if (c === "'") {
      // An E'…' string takes backslash escapes.
      const prev = tokens[tokens.length - 1];
      const escaped = prev?.type === 'word' && /^[Ee]$/.test(prev.text) && prev.start + 1 === i;
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= n) throw new SqlRejected('字符串没有结束（缺少单引号）。');
        if (escaped && sql[j] === '\\') {
          text += sql[j + 1] ?? '';
          j += 2;
          continue;
        }
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += sql[j++];
      }
      if (escaped) tokens.pop();
      tokens.push({ type: 'string', text, start: i });
      i = j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= n) throw new SqlRejected('带引号的名称没有结束（缺少双引号）。');
        if (sql[j] === '"') {
          if (sql[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += sql[j++];
      }
      tokens.push({ type: 'ident', text, start: i });
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        if (end === -1) throw new SqlRejected(`字符串 ${tag[0]} 没有结束。`);
        tokens.push({ type: 'string', text: sql.slice(i + tag[0].length, end), start: i });
        i = end + tag[0].length;
        continue;
      }
    }
    if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(sql[j])) j++;
      tokens.push({ type: 'word', text: sql.slice(i, j), start: i });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j])) j++;
      tokens.push({ type: 'number', text: sql.slice(i, j), start: i });
      i = j;
      continue;
    }
    tokens.push({ type: 'punct', text: c, start: i });
    i++;
  }
  return tokens;
}

// ---------------------------------------------------------------------------
// What may run

const QUERY_STARTS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SHOW', 'SUMMARIZE', 'EXPLAIN']);

const REFUSED: Record<string, string> = {};
const refuse = (words: string[], why: string) => words.forEach((w) => (REFUSED[w] = why));
refuse(['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'MERGE', 'UPSERT'], '会修改数据表中的行');
refuse(['CREATE', 'DROP', 'ALTER', 'COMMENT'], '会创建、删除或改动表');
refuse(['COPY', 'EXPORT', 'IMPORT'], '会读写文件');
refuse(['ATTACH', 'DETACH', 'USE'], '会连接或切换到其他数据库');
refuse(['INSTALL', 'LOAD'], '会安装或载入扩展（需要访问其他网站）');
refuse(['SET', 'RESET', 'PRAGMA', 'CALL'], '会改变查询引擎的设置');
refuse(['BEGIN', 'COMMIT', 'ROLLBACK', 'ABORT', 'TRANSACTION', 'CHECKPOINT', 'VACUUM', 'PREPARE', 'EXECUTE', 'DEALLOCATE', 'GRANT', 'REVOKE', 'ANALYZE'], '不是查询语句');

export type Verdict = { ok: true; tokens: Token[] } | { ok: false; message: string };

/** Whether a visitor's SQL may run: one read-only statement. */
export function checkSql(sql: string): Verdict {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch (e) {
    if (e instanceof SqlRejected) return { ok: false, message: `无法读取这条语句：${e.message}` };
    throw e;
  }
  const statements: Token[][] = [[]];
  for (const t of tokens) {
    if (t.type === 'punct' && t.text === ';') statements.push([]);
    else statements[statements.length - 1].push(t);
  }
  const nonEmpty = statements.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) return { ok: false, message: '请输入一条查询语句，例如 SELECT * FROM reports LIMIT 10' };
  if (nonEmpty.length > 1) return { ok: false, message: '一次只能运行一条语句：查询中有分号分隔的多条语句。' };
  const statement = nonEmpty[0];
  const words = statement.filter((t) => t.type === 'word');
  const first = statement.find((t) => !(t.type === 'punct' && t.text === '('));
  const firstWord = first?.type === 'word' ? first.text.toUpperCase() : null;
  for (const [k, t] of words.entries()) {
    const w = t.text.toUpperCase();
    // ANALYZE may follow EXPLAIN.
    if (w === 'ANALYZE' && k === 1 && firstWord === 'EXPLAIN') continue;
    if (REFUSED[w]) return { ok: false, message: `只能运行只读的查询语句（SELECT 等）。${w} ${REFUSED[w]}，本控制台不允许；网站的数据表不会被改动。` };
  }
  if (!firstWord || !QUERY_STARTS.has(firstWord)) {
    return { ok: false, message: `只能运行只读的查询语句：以 SELECT、WITH 或 FROM 等开头。“${first?.text ?? ''}”不是查询语句。` };
  }
  if (firstWord === 'EXPLAIN') {
    const next = words.find((t, k) => k > 0 && t.text.toUpperCase() !== 'ANALYZE');
    if (!next || !QUERY_STARTS.has(next.text.toUpperCase()) || next.text.toUpperCase() === 'EXPLAIN') return { ok: false, message: 'EXPLAIN 之后只能是一条查询语句。' };
  }
  return { ok: true, tokens: statement };
}

// ---------------------------------------------------------------------------
// What to load

export interface ConsoleTable {
  name: string;
  label: string;
  columns: string[];
  rows: number | null;
  /** The whole file's size, when the table is served whole. */
  bytes: number | null;
  split: boolean;
  /** A split table's parts: province code ('' for reports placed nowhere) and size. */
  parts: { province: string; bytes: number }[];
}

/** A split table is read whole, all provinces at once, only while its parts add up to no more than this. */
export const ALL_PARTS_LIMIT = 16 * 1024 * 1024;
/** And at most this much of it in all (the provinces asked for so far, together). */
export const SPLIT_LOAD_LIMIT = 64 * 1024 * 1024;
/**
 * A table served whole is read whole while it has no more cells (rows × columns) than this: every
 * value becomes a JavaScript value on its way into DuckDB. A larger one is read by province.
 */
export const WHOLE_CELLS_LIMIT = 20_000_000;

/** The province codes a query names: province_code = '37', '37' = x.province_code, province_code IN ('37', '32'). */
export function provincesIn(tokens: readonly Token[]): string[] {
  const out = new Set<string>();
  const isColumn = (t: Token | undefined) => !!t && (t.type === 'word' || t.type === 'ident') && t.text.toLowerCase() === 'province_code';
  const code = (t: Token | undefined) => (t?.type === 'string' && /^\d{2}$/.test(t.text) ? t.text : null);
  tokens.forEach((t, i) => {
    if (isColumn(t)) {
      const op = tokens[i + 1];
      if (op?.type === 'punct' && op.text === '=' && code(tokens[i + 2])) out.add(code(tokens[i + 2])!);
      if (op?.type === 'word' && op.text.toUpperCase() === 'IN' && tokens[i + 2]?.text === '(') {
        for (let j = i + 3; j < tokens.length && tokens[j].text !== ')'; j++) if (code(tokens[j])) out.add(code(tokens[j])!);
      }
    }
    if (code(t) && tokens[i + 1]?.text === '=') {
      const next = tokens[i + 2];
      const column = next?.type === 'word' && tokens[i + 3]?.text === '.' ? tokens[i + 4] : next;
      if (isColumn(column)) out.add(code(t)!);
    }
  });
  return [...out].sort();
}

export type LoadPlan = { ok: true; request: TableRequest; provinces: string[] } | { ok: false; message: string };

/** Whether a table is too large to read at once, and is read for the provinces a query names. */
export function readByProvince(t: ConsoleTable): boolean {
  if (t.split) return t.parts.reduce((a, p) => a + p.bytes, 0) > ALL_PARTS_LIMIT;
  return (t.rows ?? 0) * t.columns.length > WHOLE_CELLS_LIMIT;
}

/**
 * What to read for a table a query names. A small table is read whole (a small split table: all its
 * parts). A large one only for the provinces the query names, together with those read before (DuckDB
 * holds one table under each name): without a province it is refused, with a message saying how to ask.
 */
export function loadPlan(table: ConsoleTable, asked: readonly string[], loaded: readonly string[]): LoadPlan {
  const request = (where: TableRequest['where']): TableRequest => ({ name: table.name, table: table.name, columns: table.columns, where });
  const available = new Map(table.parts.filter((p) => p.province !== '').map((p) => [p.province, p.bytes]));
  if (!readByProvince(table)) {
    if (!table.split) return { ok: true, request: request(null), provinces: [] };
    // The parts of reports placed nowhere cannot be asked for by province: they are left out.
    const all = [...available.keys()].sort();
    return { ok: true, request: request({ province_code: all }), provinces: all };
  }
  if (asked.length === 0) {
    const size = table.split
      ? `按省份分为 ${table.parts.length} 个文件，合计 ${formatBytes(table.parts.reduce((a, p) => a + p.bytes, 0))}`
      : `共 ${(table.rows ?? 0).toLocaleString('zh-CN')} 行`;
    const example = table.split ? ([...available.keys()][0] ?? '37') : '37';
    return {
      ok: false,
      message: `数据表 ${table.name}（${table.label}）较大（${size}），不能一次全部载入浏览器。请在查询中写明省份，例如 WHERE province_code = '${example}'（可用 IN 列出几个省份），只载入这些省份的数据。`,
    };
  }
  const wanted = [...new Set([...loaded, ...asked.filter((p) => !table.split || available.has(p))])].sort();
  if (table.split) {
    const bytes = wanted.reduce((a, p) => a + (available.get(p) ?? 0), 0);
    if (bytes > SPLIT_LOAD_LIMIT) {
      return { ok: false, message: `数据表 ${table.name} 所选省份的文件合计 ${formatBytes(bytes)}，超过浏览器中一次载入的上限 ${formatBytes(SPLIT_LOAD_LIMIT)}。请少选几个省份，或刷新页面后再查。` };
    }
  }
  // Asked only for provinces without a file: an empty table of the right columns.
  return { ok: true, request: request({ province_code: wanted.length ? wanted : ['--'] }), provinces: wanted };
}

// ---------------------------------------------------------------------------
// DuckDB's errors, explained

/** The table DuckDB says it cannot find, if that is the error. */
export function missingTable(message: string): string | null {
  const m = /Table with name "?([^\s"!]+)"? does not exist/i.exec(message);
  return m ? m[1] : null;
}

export function explainError(message: string, tables: readonly string[]): string {
  const original = message.trim();
  const missing = missingTable(original);
  if (missing) return `找不到数据表 ${missing}。可查询的表：${tables.join('、')}。\n${original}`;
  const extension = /but it exists in the (\w+) extension/i.exec(original);
  if (extension) {
    return `已拒绝：这个函数属于 DuckDB 的 ${extension[1]} 扩展，本控制台不安装也不载入扩展（那需要访问其他网站），也不读取其他文件或网址。网站的数据表会在查询用到时自动载入，请直接写表名，例如 SELECT * FROM reports。\n${original.split('\n')[0]}`;
  }
  if (/Permission Error|disabled (through|by) configuration|enable_external_access|external access|lock_configuration|Cannot change configuration/i.test(original)) {
    return `已拒绝：查询只能读取本网站的数据表，不能读取其他文件或网址，也不能安装、载入扩展或改变设置（外部访问已关闭，设置已锁定）。\n${original}`;
  }
  if (/Parser Error/i.test(original)) return `语法错误，请检查语句的写法。\n${original}`;
  if (/Binder Error/i.test(original)) return `列名、表名或函数用法有误。\n${original}`;
  if (/Conversion Error|Invalid Input Error/i.test(original)) return `数据类型不符。\n${original}`;
  if (/Catalog Error/i.test(original)) return `找不到所写的表、函数或类型。\n${original}`;
  if (/Out of Memory|memory/i.test(original)) return `浏览器内存不足：请缩小查询范围。\n${original}`;
  return `查询出错。\n${original}`;
}

// ---------------------------------------------------------------------------
// Time limit and stopping

/** The time limits a visitor can choose, in seconds; the first paint selects DEFAULT_TIME_LIMIT. */
export const TIME_LIMITS = [10, 30, 120, 600] as const;
export const DEFAULT_TIME_LIMIT = 30;

export function durationText(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${seconds / 60} 分钟`;
}

/** What the console says about a query it stopped; `restarted`: the engine had to be restarted to stop it. */
export function stoppedMessage(reason: StopReason, limitSeconds: number, restarted: boolean): string {
  const why =
    reason === 'timeout'
      ? `查询超过了 ${durationText(limitSeconds)}的时限，已停止。请缩小查询范围（例如加上 WHERE 条件或 LIMIT，少连接几张表），或在“时限”中选一个更长的时间再运行。`
      : '查询已停止。';
  return restarted ? `${why}\n查询引擎没有及时响应停止请求，已重新启动；查询用到的数据表会在下一次查询时重新载入。` : why;
}

// ---------------------------------------------------------------------------
// Results

export type Cell = string | number | boolean | null;

/** A cell as the result table shows it (and the tests compare): null as NULL, numbers as JavaScript writes them. */
export function cellText(v: Cell): string {
  return v === null ? 'NULL' : String(v);
}

const csvField = (v: Cell) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** RFC 4180 CSV with a byte-order mark (so that spreadsheets read the Chinese), nulls as empty cells. */
export function resultCsv(columns: readonly string[], rows: readonly Cell[][]): string {
  const lines = [columns.map(csvField).join(','), ...rows.map((r) => r.map(csvField).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
