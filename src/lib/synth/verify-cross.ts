// The accuracy check of the checks across reports: the corpus built as the
// data build builds it, and every cross-report check of every report compared
// with what the truth file implies. Expectations are worked out here from the
// truth figures, dates and narrative keys, not by calling the build's SQL:
// carry-over and running counts from consecutive years' figures (null figures
// make a check not_checkable), copied text from reports sharing a narrative
// key, duplicates from the figures of both versions, timeliness from the date.

import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildData } from '../build/index.ts';
import { CROSS_CHECK_CODES } from '../build/cross-checks.ts';
import { APPLICANT_CODES, CARRY_OVER, DEADLINES, RUNNING_COUNT, runningCountItems } from '../template/model.ts';
import { sqlString } from '../sql.ts';
import type { TruthRecord } from './truth.ts';

type Status = 'pass' | 'fail' | 'not_checkable';

export interface CrossMiss {
  file: string;
  check: string;
  scope: string;
  expected: Status;
  /** What the build said ('absent' when it wrote no such row). */
  actual: Status | 'absent';
  detail: string | null;
}

export interface CrossVerifyResult {
  reports: number;
  /** Cross-report check rows compared, by check and expected status. */
  compared: Record<string, Record<Status, number>>;
  missed: CrossMiss[];
  falseAlarms: CrossMiss[];
  /** Other disagreements (pass where not_checkable was due, or the reverse), and failures naming a report they should not. */
  otherMismatches: CrossMiss[];
  /**
   * Checks due (to pass or to fail) that the build could not run because the parser left a figure they need null (a
   * report whose table the text does not tie down): not a miss of the check, a figure the accuracy
   * run of the parser (verify.ts) counts as missing.
   */
  unread: CrossMiss[];
  /** Reports left out because the parser did not place them where the truth does (their key differs). */
  skipped: number;
}

/** What the checks need of a truth record. */
interface Slim {
  file: string;
  town: string;
  year: number;
  template: string;
  carriedIn: (number | null)[];
  carriedOut: (number | null)[];
  running: Record<string, [number | null, number | null]>;
  prose: string;
  publishedOn: string;
  duplicateOf: string | null;
  figures: (number | null)[];
}

function slim(t: TruthRecord): Slim {
  const running: Slim['running'] = {};
  for (const item of runningCountItems(t.template)) {
    const cells = t.disclosure[item.code] ?? {};
    running[item.code] = [cells[RUNNING_COUNT.count] ?? null, cells[RUNNING_COUNT.change] ?? null];
  }
  const figures = [
    ...Object.values(t.disclosure).flatMap((m) => Object.values(m)),
    ...Object.values(t.applications).flat(),
    ...Object.values(t.reviews).flat(),
  ];
  return {
    file: t.file,
    town: t.town_code,
    year: t.year,
    template: t.template,
    carriedIn: t.applications[CARRY_OVER.in],
    carriedOut: t.applications[CARRY_OVER.out],
    running,
    prose: t.prose,
    publishedOn: t.published_on,
    duplicateOf: t.duplicate_of,
    figures,
  };
}

interface Expected {
  status: Status;
  /** The reports a failure may name (any of them). */
  others: Set<string>;
}

const statusOf = (missing: boolean, equal: boolean): Status => (missing ? 'not_checkable' : equal ? 'pass' : 'fail');

/**
 * Every cross-report check each report must have, keyed by file, then `check:scope`. `placed`: the
 * files the parser placed at their town; another is no counterpart (its key is its name, which a
 * unit such as a 林业局 writes differently from year to year; verify.ts counts these units apart).
 */
export function expectedCrossChecks(records: readonly Slim[], placed: ReadonlySet<string> | null = null): Map<string, Map<string, Expected>> {
  const counterpart = (r: Slim | undefined) => (r && (!placed || placed.has(r.file)) ? r : null);
  const primary = new Map<string, Slim>();
  for (const r of records) if (!r.duplicateOf) primary.set(`${r.town}:${r.year}`, r);
  const byProse = new Map<string, Slim[]>();
  for (const r of records) byProse.set(`${r.prose}:${r.year}`, [...(byProse.get(`${r.prose}:${r.year}`) ?? []), r]);
  const secondOf = new Map<string, Slim[]>();
  for (const r of records) if (r.duplicateOf) secondOf.set(r.duplicateOf, [...(secondOf.get(r.duplicateOf) ?? []), r]);
  const out = new Map<string, Map<string, Expected>>();
  for (const r of records) {
    const e = new Map<string, Expected>();
    const prev = counterpart(primary.get(`${r.town}:${r.year - 1}`));
    const others = new Set(prev ? [prev.file] : []);
    APPLICANT_CODES.forEach((a, c) => {
      const l = prev?.carriedOut[c] ?? null;
      const rt = r.carriedIn[c];
      e.set(`carry_over_continuity:${a}`, { status: statusOf(l === null || rt === null, l === rt), others });
    });
    for (const [item, [count]] of Object.entries(r.running)) {
      const [pc, pd] = prev?.running[item] ?? [null, null];
      const l = pc === null || pd === null ? null : pc + pd;
      e.set(`prev_year_continuity:${item}`, { status: statusOf(l === null || count === null, l === count), others });
    }
    e.set('copied_text:previous_year', { status: statusOf(!prev, prev?.prose !== r.prose), others });
    const copies = (byProse.get(`${r.prose}:${r.year}`) ?? []).filter((o) => o.town !== r.town);
    e.set('copied_text:same_year', { status: copies.length ? 'fail' : 'pass', others: new Set(copies.map((o) => o.file)) });
    const twins = (r.duplicateOf ? [primary.get(`${r.town}:${r.year}`)] : (secondOf.get(r.file) ?? [])).map(counterpart).filter((t) => t !== null);
    for (const twin of twins) {
      let compared = 0;
      let differ = 0;
      r.figures.forEach((v, i) => {
        const w = twin.figures[i];
        if (v === null || w === null || w === undefined) return;
        compared++;
        if (v !== w) differ++;
      });
      e.set(`conflicting_duplicates:figures`, { status: statusOf(compared === 0, differ === 0), others: new Set([twin.file]) });
    }
    // A town's region may set its own date (DEADLINES.townByRegion): its county's, else its city's, else its province's.
    const region = [6, 4, 2].map((n) => DEADLINES.townByRegion[r.town.slice(0, n)]).find((d) => d !== undefined);
    const { month, day } = region ?? DEADLINES.town;
    const deadline = `${r.year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    e.set('timeliness:deadline', { status: r.publishedOn <= deadline ? 'pass' : 'fail', others: new Set() });
    out.set(r.file, e);
  }
  return out;
}

async function readTruth(dir: string): Promise<Slim[]> {
  const out: Slim[] = [];
  const lines = createInterface({ input: createReadStream(join(dir, 'truth.jsonl'), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) out.push(slim(JSON.parse(line) as TruthRecord));
  return out;
}

export interface CrossVerifyOptions {
  /** A data build of the corpus to read; by default the corpus is built into a temporary folder. */
  buildDir?: string;
  log?: (line: string) => void;
}

export async function verifyCrossChecks(dir: string, options: CrossVerifyOptions = {}): Promise<CrossVerifyResult> {
  const records = await readTruth(dir);
  // The duplicates' twins only need figures: keep them for the files in a pair.
  const paired = new Set(records.flatMap((r) => (r.duplicateOf ? [r.file, r.duplicateOf] : [])));
  for (const r of records) if (!paired.has(r.file)) r.figures = [];

  const temp = options.buildDir && existsSync(join(options.buildDir, 'checks.parquet')) ? null : mkdtempSync(join(tmpdir(), 'verify-cross-'));
  const out = temp ?? options.buildDir!;
  try {
    if (temp) await buildData({ raw: dir, out, csv: false, log: options.log });
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const pq = (t: string) => `read_parquet(${sqlString(join(out, `${t}.parquet`))})`;
    const reports = (await conn.runAndReadAll(`SELECT report_id, source_file, town_code, level, year FROM ${pq('reports')}`)).getRowObjectsJson();
    const expected = expectedCrossChecks(records, placedAtTown(reports));
    const checks = (await conn.runAndReadAll(`SELECT report_id, "check", scope, status, detail, other_report_id FROM ${pq('checks')}
      WHERE "check" IN (${CROSS_CHECK_CODES.map(sqlString).join(', ')})`)).getRowObjectsJson();
    // The figures the continuity checks read, as the parser gave them: which of them it left null.
    const unreadRows = (await conn.runAndReadAll(`
      SELECT report_id, 'carry_over_continuity:' || applicant AS key FROM ${pq('applications')}
        WHERE "row" IN (${sqlString(CARRY_OVER.in)}, ${sqlString(CARRY_OVER.out)}) AND value IS NULL
      UNION ALL
      SELECT report_id, 'prev_year_continuity:' || item FROM ${pq('disclosures')}
        WHERE measure IN (${sqlString(RUNNING_COUNT.count)}, ${sqlString(RUNNING_COUNT.change)}) AND value IS NULL`)).getRowObjectsJson();
    const unreadCells = new Set(unreadRows.map((r) => `${r.report_id}|${r.key}`));
    conn.closeSync();
    instance.closeSync();
    return compare(records, expected, reports, checks, unreadCells);
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

type Json = Record<string, unknown>;

/** The files the parser placed as a town (a unit named …林业局 may be read as a department in one year). */
const placedAtTown = (reports: Json[]) => new Set(reports.filter((r) => r.town_code !== null && r.level === 'town').map((r) => String(r.source_file)));

function compare(records: readonly Slim[], expected: Map<string, Map<string, Expected>>, reports: Json[], checks: Json[], unreadCells: ReadonlySet<string>): CrossVerifyResult {
  const result: CrossVerifyResult = { reports: 0, compared: {}, missed: [], falseAlarms: [], otherMismatches: [], unread: [], skipped: 0 };
  const idOf = new Map(reports.map((r) => [String(r.source_file), String(r.report_id)]));
  const fileOf = new Map(reports.map((r) => [String(r.report_id), String(r.source_file)]));
  const placed = placedAtTown(reports);
  const rows = new Map<string, Json>();
  const failed = new Map<string, Json[]>();
  for (const c of checks) {
    rows.set(`${c.report_id}|${c.check}:${c.scope}`, c);
    if (c.status === 'fail') failed.set(String(c.report_id), [...(failed.get(String(c.report_id)) ?? []), c]);
  }
  for (const r of records) {
    // A report the parser could not place (a unit without a town's ending) has another key: its checks differ by design.
    if (!placed.has(r.file)) {
      result.skipped++;
      continue;
    }
    result.reports++;
    const id = idOf.get(r.file);
    for (const [key, want] of expected.get(r.file) ?? []) {
      const [check, scope] = key.split(':');
      const got = id ? rows.get(`${id}|${key}`) : undefined;
      const actual = (got?.status as Status | undefined) ?? 'absent';
      ((result.compared[check] ??= { pass: 0, fail: 0, not_checkable: 0 })[want.status] as number)++;
      const miss: CrossMiss = { file: r.file, check, scope, expected: want.status, actual, detail: (got?.detail as string | null) ?? null };
      // Not checkable because the parser left this report's or the report before's figure null.
      const unread = actual === 'not_checkable' && [id, ...[...want.others].map((f) => idOf.get(f))].some((rid) => rid !== undefined && unreadCells.has(`${rid}|${key}`));
      if (unread && want.status !== 'not_checkable') result.unread.push(miss);
      else if (want.status === 'fail' && actual !== 'fail') result.missed.push(miss);
      else if (actual === 'fail' && want.status !== 'fail') result.falseAlarms.push(miss);
      else if (actual !== want.status) result.otherMismatches.push(miss);
      else if (actual === 'fail' && want.others.size > 0 && !want.others.has(fileOf.get(String(got?.other_report_id)) ?? '')) {
        result.otherMismatches.push({ ...miss, detail: `names ${fileOf.get(String(got?.other_report_id)) ?? 'nothing'}; ${miss.detail ?? ''}` });
      }
    }
    // A failure the truth does not expect at all (a check the truth has no row for).
    for (const c of (id && failed.get(id)) || []) {
      if (!expected.get(r.file)?.has(`${c.check}:${c.scope}`)) {
        result.falseAlarms.push({ file: r.file, check: String(c.check), scope: String(c.scope), expected: 'pass', actual: 'fail', detail: (c.detail as string | null) ?? null });
      }
    }
  }
  return result;
}
