// The data build killed (SIGKILL) at random moments, again and again, on a
// synthetic corpus that changes between runs. After every kill the output
// folder must be a complete build — the previous one or the new one — never
// a mix: every file the manifest lists is there with its sha256, nothing else
// is, and the Parquet, CSV and manifest row counts agree. Kills are aimed at
// every step (the build reports its steps, and can hold still at one, see
// scripts/build-data.ts) and also fall at purely random times.
//
// KILL_TEST_REPORTS (default 200) and KILL_TEST_KILLS (default 24) scale it:
// KILL_TEST_REPORTS=3000 KILL_TEST_KILLS=40 npx vitest run test/build-kill.test.ts

import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/lib/build/index.ts';
import { listReports } from '../src/lib/build/listing.ts';
import { generateCorpus } from '../src/lib/synth/corpus.ts';
import { Db, ROOT, sha256File, sqlString, tempDir } from './helpers/build.ts';
import { closeDb } from './helpers/build-data.ts';

const REPORTS = Number(process.env.KILL_TEST_REPORTS ?? 200);
const KILLS = Number(process.env.KILL_TEST_KILLS ?? 24);
const STEPS = ['clean', 'list', 'parse', 'assemble', 'csv', 'manifest', 'switch', 'retire'] as const;
type Step = (typeof STEPS)[number];

let db: Db;
beforeAll(async () => (db = await Db.open()));
afterAll(() => closeDb(db));

interface Run {
  code: number | null;
  signal: string | null;
  /** Steps reported before the end, with the ms since the start. */
  steps: { step: Step; at: number }[];
  stderr: string;
}

/** One build as a child process (node with tsx's loader, so that the pid is the build's). `killAt` decides when to kill it. */
function build(raw: string, out: string, options: { noCache?: boolean; pauseAt?: string; killAt?: (step: Step | null, ms: number) => number | null } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const args = ['--import', 'tsx', 'scripts/build-data.ts', '--raw', raw, '--out', out, '--quiet', '--workers', '2', ...(options.noCache ? ['--no-cache'] : [])];
    const env = { ...process.env, BUILD_REPORT_PHASES: '1', ...(options.pauseAt ? { BUILD_PAUSE_AT: options.pauseAt } : {}) };
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const run: Run = { code: null, signal: null, steps: [], stderr: '' };
    let timer: NodeJS.Timeout | undefined;
    const schedule = (step: Step | null) => {
      const delay = options.killAt?.(step, performance.now() - started) ?? null;
      if (delay === null) return;
      clearTimeout(timer);
      timer = setTimeout(() => child.kill('SIGKILL'), delay);
    };
    let buffered = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      run.stderr += chunk.toString();
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const m = /^PHASE (\w+)$/.exec(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
        if (m) {
          run.steps.push({ step: m[1] as Step, at: performance.now() - started });
          schedule(m[1] as Step);
        }
      }
    });
    schedule(null);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...run, code, signal });
    });
  });
}

/** Asserts that `out` holds one complete build, and returns its manifest. */
async function expectComplete(out: string): Promise<Manifest> {
  const dir = realpathSync(out);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  expect(readdirSync(dir).sort(), 'the folder holds what the manifest lists, and nothing else').toEqual([...manifest.outputs.map((o) => o.file), 'manifest.json'].sort());
  for (const o of manifest.outputs) {
    const path = join(dir, o.file);
    expect(statSync(path).size, o.file).toBe(o.bytes);
    expect(sha256File(path), o.file).toBe(o.sha256);
    if (o.format === 'json') continue;
    const read = o.format === 'parquet' ? `read_parquet(${sqlString(path)})` : `read_csv(${sqlString(path)}, header = true, all_varchar = true)`;
    expect(await db.scalar(`SELECT count(*) FROM ${read}`), o.file).toBe(o.rows);
  }
  const reports = manifest.outputs.find((o) => o.file === 'reports.parquet')!;
  expect(reports.rows).toBe(manifest.files.total);
  return manifest;
}

/** A change to the corpus, so that a new build differs from the last: edits, a removal, an addition. */
function mutate(raw: string, files: string[], round: number): void {
  const pick = (k: number) => files[(round * 7919 + k * 104729) % files.length];
  for (let k = 0; k < 3; k++) appendFileSync(join(raw, pick(k)), `\n（第 ${round} 轮修改）\n`);
  const gone = pick(3);
  unlinkSync(join(raw, gone));
  files.splice(files.indexOf(gone), 1);
  const copy = `${dirname(pick(4))}/copy-${round}-${basename(pick(4))}`;
  copyFileSync(join(raw, pick(4)), join(raw, copy));
  files.push(copy);
}

const random = (a: number, b: number) => a + Math.random() * (b - a);

describe('the data build killed at random moments', () => {
  it(`leaves the previous complete build or a new complete one, every time (${KILLS} kills)`, async () => {
    const raw = tempDir('kill-raw');
    const out = tempDir('kill-out');
    const towns = Math.ceil(REPORTS / 2);
    generateCorpus({ out: raw, towns, years: [2020, 2022], seed: 'kill-test', inconsistent: 0.05 });
    renameSync(join(raw, 'truth.jsonl'), join(tempDir('kill-truth'), 'truth.jsonl'));
    const files = listReports(raw);

    const first = await build(raw, out, { noCache: true });
    expect(first.code, first.stderr).toBe(0);
    let previous = await expectComplete(out);
    // How long each step took, to aim kills inside it.
    const span = (run: Run, step: Step) => {
      const i = run.steps.findIndex((s) => s.step === step);
      return i < 0 ? 0 : (run.steps[i + 1]?.at ?? run.steps[i].at) - run.steps[i].at;
    };
    let fullMs = first.steps.at(-1)!.at;
    const landed = new Map<string, number>();
    const outcomes = { previous: 0, new: 0 };
    let kills = 0;
    let round = 0;
    let lastRun = first;

    // Aimed kills go to the steps no kill has landed in yet; one aimed at a step that keeps
    // finishing first (or that takes no time: the switch, the removal of the old folder) holds the
    // build at the start of that step for a moment.
    const unhit: Step[] = STEPS.filter((s) => s !== 'clean');
    const tries = new Map<Step, number>();
    while ((kills < KILLS || unhit.length > 0) && round < KILLS * 3) {
      round++;
      mutate(raw, files, round);
      const expectedFiles = files.length;
      const aimed = round % 2 === 1 ? (unhit[0] ?? STEPS[Math.floor(Math.random() * STEPS.length)]) : null;
      if (aimed) tries.set(aimed, (tries.get(aimed) ?? 0) + 1);
      const noCache = round % 3 === 0;
      const pauseAt = aimed && (aimed === 'switch' || aimed === 'retire' || tries.get(aimed)! > 2) ? `${aimed}:400` : undefined;
      const run = await build(raw, out, {
        noCache,
        pauseAt,
        killAt: (step, ms) => {
          if (aimed === null) return step === null ? random(0, fullMs * 1.1) : null;
          if (step !== aimed) return null;
          return pauseAt ? random(0, 300) : random(0, Math.max(span(lastRun, aimed), 5));
        },
      });
      const killed = run.signal === 'SIGKILL';
      if (killed) {
        kills++;
        const last = run.steps.at(-1)?.step ?? 'start';
        landed.set(last, (landed.get(last) ?? 0) + 1);
        if (unhit.includes(last as Step)) unhit.splice(unhit.indexOf(last as Step), 1);
      } else {
        expect(run.code, run.stderr).toBe(0);
        lastRun = run;
        fullMs = run.steps.at(-1)!.at;
      }
      const now = await expectComplete(out);
      if (now.built_at === previous.built_at) {
        expect(now).toEqual(previous);
        outcomes.previous++;
      } else {
        expect(now.files.total, 'a new build covers the corpus it was started on').toBe(expectedFiles);
        outcomes.new++;
      }
      previous = now;
    }
    console.log(`kill test: ${REPORTS} reports, ${round} runs, ${kills} kills; last step reported before each kill: ${JSON.stringify(Object.fromEntries(landed))}; output afterwards: ${outcomes.previous} previous build, ${outcomes.new} new build`);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    for (const step of ['list', 'parse', 'assemble', 'csv', 'manifest', 'switch', 'retire']) expect(landed.get(step) ?? 0, `kills during ${step}`).toBeGreaterThan(0);
    expect(outcomes.previous).toBeGreaterThan(0);

    // After all that, a build starts clean: the leftovers go, the cache still works.
    const last = await build(raw, out);
    expect(last.code, last.stderr).toBe(0);
    expect((await expectComplete(out)).files.total).toBe(files.length);
    const again = await build(raw, out);
    expect(again.code, again.stderr).toBe(0);
    expect((await expectComplete(out)).files).toMatchObject({ parsed: 0, unchanged: files.length });
    const beside = readdirSync(dirname(out)).filter((f) => f.startsWith(`.${basename(out)}.`));
    expect(beside).toEqual([basename(realpathSync(out))]);
  }, 600_000);
});
