// First answers: the results of the SQL a page runs for its first view, run
// at build time and stored beside the data (see docs/first-answers.md). This
// module is the format both sides share: a view's answers are a map from a
// query's id to its result, and a query's id is a hash of its SQL text, so a
// page finds the result of exactly the statement it would have run.

import type { Row } from '../db/runner.ts';

/** A query's result, columns named once. */
export interface AnswerTable {
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

/** A view's answers: query id → result. */
export type Answers = Record<string, AnswerTable>;

/** Where a set's answers for one key live: a file per province ('_' for keys of no province). */
export interface AnswerPart {
  file: string;
  bytes: number;
}

/** Every set's files, by part (public/data/answers.json; embedded in every page). */
export type AnswerFiles = Record<string, Record<string, AnswerPart>>;

export const ANSWER_FILES_ELEMENT = 'answer-files';

/** The listing's name in the site's data folder. */
export const ANSWERS_LISTING = 'answers.json';

/** The part of a key: its province (its first two digits), or '_'. */
export function partOf(key: string): string {
  return /^\d\d/.test(key) ? key.slice(0, 2) : '_';
}

/** A 53-bit hash of a statement's text (cyrb53): the id of its result in a view's answers. */
export function sqlId(sql: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function tableOf(rows: readonly Row[], columns: readonly string[] = Object.keys(rows[0] ?? {})): AnswerTable {
  return { columns: [...columns], rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
}

export function rowsOf(t: AnswerTable): Row[] {
  return t.rows.map((values) => Object.fromEntries(t.columns.map((c, i) => [c, values[i] ?? null])));
}

/** A view's answers, filled by running its statements (at build time). */
export class AnswerRecorder {
  readonly answers: Answers = {};
  constructor(private readonly run: (sql: string) => Promise<Row[]>) {}

  /** Runs a statement (once per view) and keeps its result under the statement's id. */
  async query<T extends Row = Row>(sql: string): Promise<T[]> {
    const id = sqlId(sql);
    const known = this.answers[id];
    if (known) return rowsOf(known) as T[];
    const rows = await this.run(sql);
    this.answers[id] = tableOf(rows);
    return rows as T[];
  }
}

/** The statement is not among a view's answers: the page asks the engine instead. */
export class NotAnswered extends Error {
  constructor(sql: string) {
    super(`not among the first answers: ${sql.slice(0, 80)}…`);
    this.name = 'NotAnswered';
  }
}

/** Answers a statement from a view's answers, or throws NotAnswered. */
export function answerQuery(answers: Answers): <T extends Row = Row>(sql: string) => Promise<T[]> {
  return async <T extends Row = Row>(sql: string) => {
    const t = answers[sqlId(sql)];
    if (!t) throw new NotAnswered(sql);
    return rowsOf(t) as T[];
  };
}
