// No single file can sink the data build.
//
//   1 dying processes     a file that hangs, aborts, exits, exhausts the heap or dies half way
//                         through its rows fails alone; the other files' rows are untouched
//   2 paths               links (to a file, dangling, looping, to a parent folder), a pipe and an
//                         unreadable file each become one failed row saying why, in Chinese
//   3 error codes         the mapping from a file-system error to its finding

import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, type Manifest } from '../src/lib/build/index.ts';
import { deathFinding, fileErrorCode, unreadableFinding } from '../src/lib/build/failures.ts';
import { firstUnstorable } from '../src/lib/build/staging.ts';
import { flatten } from '../src/lib/build/flatten.ts';
import { Db, parquet, type RowObject, runBuildCli, sha256, sqlString, tempDir } from './helpers/build.ts';
import { closeDb, figuresOf, idOf, RAW, reportsByFile, samplesAndReference, TODAY } from './helpers/build-data.ts';

let db: Db;
beforeAll(async () => (db = await Db.open()));
afterAll(() => closeDb(db));

const SAMPLES = readdirSync(RAW).sort();

const reportRows = (out: string) => reportsByFile(db, out);

async function findingsOf(out: string, file: string): Promise<RowObject[]> {
  return db.objects(`SELECT rule, severity, message FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(file))}`);
}

/** Every sample's report row and figure rows are what a build of the samples alone gives. */
async function expectSamplesUnchanged(out: string, reference: string): Promise<void> {
  const got = await reportRows(out);
  const want = await reportRows(reference);
  for (const file of SAMPLES) {
    expect(got.get(file), file).toEqual(want.get(file));
    expect(await figuresOf(db, out, idOf(file)), file).toEqual(await figuresOf(db, reference, idOf(file)));
  }
}

describe('1. a parse process that dies takes only its file with it', () => {
  const FAULTS = { 'fault-hang.txt': 'parse_timeout', 'fault-abort.txt': 'parse_worker_died', 'fault-exit.txt': 'parse_worker_died', 'fault-oom.txt': 'parse_worker_died', 'fault-torn.txt': 'parse_worker_died' } as const;
  let raw: string;
  let out: string;
  let reference: string;
  let manifest: Manifest;
  let rows: Map<string, RowObject>;

  beforeAll(async () => {
    ({ raw, out, reference } = await samplesAndReference('faults'));
    // Each fault file is a good report: only the fault can make it fail.
    for (const f of Object.keys(FAULTS)) copyFileSync(join(RAW, SAMPLES[0]), join(raw, f));
    process.env.BUILD_FAULTS = '1';
    try {
      manifest = await buildData({ raw, out, today: TODAY, workers: 2, fileTimeoutMs: 8000 });
    } finally {
      delete process.env.BUILD_FAULTS;
    }
    rows = await reportRows(out);
  }, 300_000);

  it('every file has one row; each fault file failed with its own rule and a message naming it', async () => {
    expect([...rows.keys()].sort()).toEqual(readdirSync(raw).sort());
    expect(manifest.files.total).toBe(SAMPLES.length + 5);
    for (const [file, rule] of Object.entries(FAULTS)) {
      expect(rows.get(file)!.status, file).toBe('failed');
      const findings = await findingsOf(out, file);
      expect(findings.map((f) => f.rule), file).toEqual([rule]);
      expect(String(findings[0].message), file).toContain(`“${file}”`);
      expect(String(rows.get(file)!.error), file).toBe(findings[0].message);
    }
    const message = async (file: string) => String((await findingsOf(out, file))[0].message);
    expect(await message('fault-hang.txt')).toContain('超过 8 秒的时限');
    expect(await message('fault-oom.txt')).toContain('内存耗尽');
    expect(await message('fault-abort.txt')).toContain('信号 SIGABRT');
    expect(await message('fault-exit.txt')).toContain('退出码 7');
  });

  it('a failed row keeps what is known of the file: its hash, size and format', () => {
    const bytes = readFileSync(join(raw, 'fault-oom.txt'));
    const row = rows.get('fault-oom.txt')!;
    expect([row.source_sha256, row.source_bytes, row.source_format]).toEqual([sha256(bytes), String(bytes.length), 'text']);
  });

  it('the samples’ rows are those of a build of the samples alone (no torn or repeated rows)', async () => {
    await expectSamplesUnchanged(out, reference);
    for (const t of ['reports', 'applications', 'findings']) {
      const ids = await db.rows(`SELECT report_id, count(*) FROM ${parquet(out, t)} GROUP BY report_id`);
      const refIds = await db.rows(`SELECT report_id, count(*) FROM ${parquet(reference, t)} GROUP BY report_id`);
      const faultIds = new Set(Object.keys(FAULTS).map(idOf));
      expect(ids.filter(([id]) => !faultIds.has(String(id))).sort(), t).toEqual(refIds.sort());
    }
  });

  it('the build folder holds the outputs and nothing else (no staging files, no core dumps)', () => {
    const listed = readdirSync(realpathSync(out)).sort();
    expect(listed).toEqual([...manifest.outputs.map((o) => o.file), 'manifest.json'].sort());
  });

  it('a second build reuses the failed rows of unchanged files instead of dying on them again', async () => {
    process.env.BUILD_FAULTS = '1';
    try {
      const second = await buildData({ raw, out, today: TODAY, workers: 2, fileTimeoutMs: 8000 });
      expect(second.files).toMatchObject({ parsed: 0, unchanged: SAMPLES.length + 5 });
    } finally {
      delete process.env.BUILD_FAULTS;
    }
  }, 120_000);
});

describe('2. links, pipes and unreadable files', () => {
  let raw: string;
  let out: string;
  let rows: Map<string, RowObject>;
  const GOOD = SAMPLES.find((f) => f.startsWith('003_'))!;

  beforeAll(async () => {
    // As root, a file without read permission can still be read: the build runs as nobody instead.
    const asRoot = process.getuid?.() === 0;
    const work = tempDir('paths');
    chmodSync(work, 0o777);
    raw = join(work, 'raw');
    out = join(work, 'out');
    mkdirSync(join(raw, 'sub'), { recursive: true });
    copyFileSync(join(RAW, GOOD), join(raw, 'good.txt'));
    symlinkSync('good.txt', join(raw, 'link-to-good.txt'));
    symlinkSync('missing.txt', join(raw, 'dangling.txt'));
    symlinkSync('loop-b.txt', join(raw, 'loop-a.txt'));
    symlinkSync('loop-a.txt', join(raw, 'loop-b.txt'));
    symlinkSync('..', join(raw, 'sub', 'up'));
    copyFileSync(join(RAW, GOOD), join(raw, 'sub', 'nested.txt'));
    expect(spawnSync('mkfifo', [join(raw, 'pipe.txt')]).status).toBe(0);
    writeFileSync(join(raw, 'secret.txt'), readFileSync(join(RAW, GOOD)));
    chmodSync(join(raw, 'secret.txt'), 0o000);
    const r = await runBuildCli(['--raw', raw, '--out', out, '--quiet', '--workers', '2'], 240_000, asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(r.code, r.stderr).toBe(0);
    rows = await reportRows(out);
  }, 300_000);

  it('every entry that is not a folder walked into has one row', () => {
    expect([...rows.keys()].sort()).toEqual(['dangling.txt', 'good.txt', 'link-to-good.txt', 'loop-a.txt', 'loop-b.txt', 'pipe.txt', 'secret.txt', 'sub/nested.txt', 'sub/up']);
  });

  it('a link to a report is read as the report', async () => {
    expect(rows.get('link-to-good.txt')!.status).toBe(rows.get('good.txt')!.status);
    expect(await figuresOf(db, out, idOf('link-to-good.txt'))).toEqual(await figuresOf(db, out, idOf('good.txt')));
  });

  it('each unreadable path failed with input_unreadable and a Chinese reason, not as a parser bug', async () => {
    const reasons: Record<string, string> = {
      'dangling.txt': '文件不存在',
      'loop-a.txt': '符号链接形成循环',
      'loop-b.txt': '符号链接形成循环',
      'sub/up': '指向一个已经读取过的目录',
      'pipe.txt': '不是普通文件',
      'secret.txt': '没有读取权限',
    };
    for (const [file, reason] of Object.entries(reasons)) {
      expect(rows.get(file)!.status, file).toBe('failed');
      const findings = await findingsOf(out, file);
      expect(findings.map((f) => f.rule), file).toEqual(['input_unreadable']);
      expect(String(findings[0].message), file).toContain(`“${file}”无法读取：${reason}`);
      expect(String(findings[0].message), file).not.toMatch(/维护者|[A-Za-z]{4,} [a-z]{3,}/);
    }
  });
});

describe('3. error codes and findings', () => {
  it('takes the code of a file-system error, and nothing else for a code', () => {
    let error: unknown;
    try {
      readFileSync('/nonexistent/report.txt');
    } catch (e) {
      error = e;
    }
    expect(fileErrorCode(error)).toBe('ENOENT');
    expect(fileErrorCode(new Error('parser bug'))).toBeNull();
    expect(fileErrorCode(Object.assign(new Error('x'), { code: 'ERR_SOMETHING' }))).toBeNull();
  });

  it('EACCES is its own rule with a Chinese message naming the file; unknown codes are still named', () => {
    const f = unreadableFinding('a/b.pdf', 'EACCES');
    expect(f).toMatchObject({ rule: 'input_unreadable', severity: 'error', section: 'input' });
    expect(f.message).toBe('“a/b.pdf”无法读取：没有读取权限（EACCES），未予解析。');
    expect(unreadableFinding('x.txt', 'EWHAT').message).toBe('“x.txt”无法读取：读取时出错（EWHAT），未予解析。');
  });

  it('says how a parse process ended', () => {
    expect(deathFinding('x.docx', { kind: 'timeout', seconds: 30 })).toMatchObject({ rule: 'parse_timeout', message: '解析“x.docx”超过 30 秒的时限，已中止解析进程，记为失败。' });
    expect(deathFinding('x.docx', { kind: 'crash', code: null, signal: 'SIGSEGV' }).message).toContain('信号 SIGSEGV');
    expect(deathFinding('x.docx', { kind: 'out_of_memory', heapMb: 512 }).message).toContain('上限 512 MB');
  });

  it('finds a value its staging column cannot hold', () => {
    const source = { source_file: 'x.txt', source_sha256: 'a', source_format: 'text', source_encoding: null, source_bytes: 1 };
    const flat = flatten(source, null, [], 'v', 0);
    expect(firstUnstorable(flat)).toBeNull();
    flat.applications.push([0, 0, 3_000_000_000, 1, 2, 3, 4, 5, 6, 46, 46, 46, 46, 46, 46, 46]);
    expect(firstUnstorable(flat)).toEqual({ table: 'applications', column: 'v0', value: 3_000_000_000, line: 46 });
    flat.applications[0][2] = 2 ** 31 - 1;
    expect(firstUnstorable(flat)).toBeNull();
  });
});
