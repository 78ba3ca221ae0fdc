// `npm run collect` as a process: killed with SIGKILL in the middle of a run
// and started again, it resumes cleanly (no partial file, no file twice,
// nothing done before the kill asked for again); at the default rate it keeps
// a second between requests to a host; and its exit codes.

import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sidecar } from '../src/lib/collect/sidecar.ts';
import { readJournal, STATE_FILE } from '../src/lib/collect/state.ts';
import { removeTempDirs, ROOT, sha256, tempDir } from './helpers/build.ts';
import { FixtureServer, page, siteA, siteB } from './helpers/collect-site.ts';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/collect.ts; `started` is handed the child process (to kill it). */
function runCollect(args: readonly string[], started?: (child: ChildProcess) => void): Promise<Run> {
  return new Promise((resolve) => {
    // tsx as a loader in this one process (its CLI would run the script in a child that a kill would miss).
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/collect.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    started?.(child);
  });
}

/** Files under `dir` (dot-files too), relative. */
function allFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

afterAll(() => removeTempDirs());

describe('collect: killed mid-run and started again', () => {
  let a: FixtureServer;
  let b: FixtureServer;
  let other: FixtureServer;

  beforeAll(async () => {
    other = await FixtureServer.start();
    a = await FixtureServer.start(await siteA(other.origin));
    b = await FixtureServer.start(await siteB());
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), other?.close()]);
  });

  it('resumes where it stopped, with no partial or duplicate file', async () => {
    const out = tempDir('collect-kill');
    const args = ['--from', `${a.origin}/xxgk/ndbg/index.html`, '--from', `${b.origin}/col/col3620/index.html`, '--out', out, '--rate', '8', '--years', '2019-2024', '--max-size', '1', '--backoff', '0.05', '--contact', 'test@example.org'];
    // Killed while it asks for 柘山镇's page: 潘庄镇's report is saved by then, 柘山镇's .docx is not.
    const killed = await runCollect(args, (child) => {
      a.onRequest = (path) => {
        if (path === '/xxgk/ndbg/202101/t20210125_102.html') child.kill('SIGKILL');
      };
    });
    a.onRequest = null;
    expect(killed.signal).toBe('SIGKILL');

    // What the killed run left: whole files only, each as its sidecar says; the journal's run is open.
    for (const f of allFiles(out).filter((f) => !f.startsWith('.') && !f.includes('/.') && !f.endsWith('.meta.json'))) {
      const meta = JSON.parse(readFileSync(join(out, `${f}.meta.json`), 'utf8')) as Sidecar;
      expect(sha256(readFileSync(join(out, f))), f).toBe(meta.sha256);
    }
    const journal = readJournal(readFileSync(join(out, STATE_FILE), 'utf8'));
    expect(journal.openRun).not.toBeNull();
    const doneBefore = [...journal.entries.values()].filter((e) => e.run === journal.openRun && e.status !== 'failed').map((e) => e.url);
    expect(doneBefore.length).toBeGreaterThanOrEqual(3);
    // A kill can also cut the journal's last line short, or leave a temporary file being written.
    appendFileSync(join(out, STATE_FILE), '{"t":"url","url":"http://127.0.0.1/cut-');
    const host = readdirSync(out).find((d) => !d.startsWith('.'))!;
    writeFileSync(join(out, host, '.P020210125_1.docx.tmp-99999'), 'half a file');
    const [na, nb] = [a.log.length, b.log.length];

    const resumed = await runCollect(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('续上次中断的运行');
    const askedAgain = [...a.log.slice(na).map((r) => `${a.origin}${r.path}`), ...b.log.slice(nb).map((r) => `${b.origin}${r.path}`)];
    for (const url of doneBefore) expect(askedAgain, url).not.toContain(url);

    const files = allFiles(out);
    expect(files.filter((f) => f.includes('.tmp-')), 'no temporary file left').toEqual([]);
    const reports = files.filter((f) => !f.startsWith('.') && !f.endsWith('.meta.json'));
    expect(reports).toHaveLength(5);
    const sources = reports.map((f) => (JSON.parse(readFileSync(join(out, `${f}.meta.json`), 'utf8')) as Sidecar).source_url);
    expect(new Set(sources).size).toBe(5);
    expect(readJournal(readFileSync(join(out, STATE_FILE), 'utf8')).openRun).toBeNull();
  }, 180_000);
});

describe('collect: the command line', () => {
  let site: FixtureServer;

  beforeAll(async () => {
    const html = (body: string) => Buffer.from(`<html><head><meta charset="utf-8"><title>年报</title></head><body>${body}</body></html>`);
    site = await FixtureServer.start(
      new Map([
        ['/robots.txt', page(Buffer.from('User-agent: *\nAllow: /\n'), 'text/plain')],
        ['/ndbg/index.html', page(html('<a href="/ndbg/t1.html">某镇2023年政府信息公开工作年度报告</a>'), 'text/html')],
        ['/ndbg/t1.html', page(html('<h1>某镇2023年政府信息公开工作年度报告</h1><p>正文</p>'), 'text/html')],
      ]),
    );
  }, 60_000);

  afterAll(() => site?.close());

  it('keeps a second between requests to a host by default', async () => {
    const out = tempDir('collect-rate');
    const run = await runCollect(['--from', `${site.origin}/ndbg/index.html`, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(site.log.map((r) => r.path)).toEqual(['/robots.txt', '/ndbg/index.html', '/ndbg/t1.html']);
    for (let i = 1; i < site.log.length; i++) expect(site.log[i].at - site.log[i - 1].at).toBeGreaterThanOrEqual(1000);
    expect(run.stdout).toMatch(/保存 1 个文件/);
    expect(run.stderr).toContain('没有给出联系方式');
    expect(site.log[0].userAgent).toContain('contact: unset');
  }, 90_000);

  it('exits 2 on bad arguments and 1 when nothing could be reached', async () => {
    expect((await runCollect([])).code).toBe(2);
    expect((await runCollect(['--from', 'ftp://example.org/'])).code).toBe(2);
    expect((await runCollect(['--from', `${site.origin}/`, '--years', '2024-2019'])).code).toBe(2);
    // Port 1 on the loopback refuses connections.
    const refused = await runCollect(['--from', 'http://127.0.0.1:1/ndbg/', '--out', tempDir('collect-refused'), '--retries', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('没有任何网站作出应答');
  }, 120_000);
});
