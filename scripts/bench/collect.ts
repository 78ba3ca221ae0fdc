// npx tsx scripts/bench/collect.ts [--hosts N] [--towns N] [--rate R] [--latency MS] [--runs N] (part of npm run bench)
//
// The collector against many synthetic county sites on 127.0.0.1, to measure
// what a run costs the machine that runs it: wall time against the ideal (the
// busiest host's requests at its rate plus the answer time), requests a
// second, CPU time and bytes per request, and peak memory. Each site has
// `towns` towns × 6 years of reports, listed 20 to a page with 下一页/尾页;
// three reports in five are pages with the report in HTML tables, two in
// five pointer pages with a .docx attachment. Every answer waits `latency` ms
// (a distant government server). The collector runs as its own process
// (scripts/collect.ts), so that its CPU time and memory are its own.

import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { docxOf, htmlBody } from '../../test/helpers/documents.ts';
import { fmt, median } from './stats.ts';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '100' },
    towns: { type: 'string', default: '14' },
    rate: { type: 'string', default: '4' },
    latency: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
  },
});
const HOSTS = Number(values.hosts);
const TOWNS = Number(values.towns);
const RATE = Number(values.rate);
const LATENCY = Number(values.latency);
const RUNS = Math.max(1, Number(values.runs) || 3);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const PER_PAGE = 20;
const ROOT = join(import.meta.dirname, '../..');

const text = readFileSync(join(ROOT, 'data/raw/003_2945165e826adaca.txt'), 'utf8');
const reportHtml = (title: string) => `<html><head><meta charset="utf-8"><title>${title}_某县人民政府</title></head><body><div class="position">当前位置：首页 &gt; 政务公开 &gt; 年报</div><div id="zoom"><h1>${title}</h1>${htmlBody(text)}</div></body></html>`;
const docx = Buffer.from(await docxOf(text));

/** One synthetic county site: path → body and type. */
function site(): Map<string, { body: Buffer; type: string }> {
  const routes = new Map<string, { body: Buffer; type: string }>();
  const html = (s: string) => ({ body: Buffer.from(s), type: 'text/html; charset=utf-8' });
  routes.set('/robots.txt', { body: Buffer.from('User-agent: *\nDisallow: /admin/\n'), type: 'text/plain' });
  const items: string[] = [];
  let n = 0;
  for (const year of YEARS) {
    for (let t = 0; t < TOWNS; t++) {
      const title = `第${t + 1}镇${year}年政府信息公开工作年度报告`;
      const path = `/xxgk/ndbg/t${year}_${t}.html`;
      items.push(`<li><a href="${path}" title="${title}">${title}</a></li>`);
      if (n++ % 5 < 3) routes.set(path, html(reportHtml(title)));
      else {
        routes.set(path, html(`<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>详见附件。</p><a href="/xxgk/ndbg/P${year}_${t}.docx">${title}.docx</a></body></html>`));
        routes.set(`/xxgk/ndbg/P${year}_${t}.docx`, { body: docx, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      }
    }
  }
  const pages = Math.ceil(items.length / PER_PAGE);
  for (let p = 0; p < pages; p++) {
    const name = (i: number) => (i === 0 ? 'index.html' : `index_${i}.html`);
    const pager = p + 1 < pages ? `<a href="${name(p + 1)}">下一页</a> <a href="${name(pages - 1)}">尾页</a>` : '';
    routes.set(`/xxgk/ndbg/${name(p)}`, html(`<html><head><meta charset="utf-8"><title>年报_某县人民政府</title></head><body><ul>${items.slice(p * PER_PAGE, (p + 1) * PER_PAGE).join('')}</ul>${pager}</body></html>`));
  }
  return routes;
}

async function serve(routes: Map<string, { body: Buffer; type: string }>): Promise<Server> {
  const server = createServer((req, res) => {
    const r = routes.get(req.url ?? '/');
    setTimeout(() => {
      if (!r) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': r.type, 'content-length': String(r.body.length), 'last-modified': 'Mon, 20 Jan 2025 08:00:00 GMT' }).end(r.body);
    }, LATENCY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface Run {
  wallMs: number;
  cpuMs: number;
  maxRssKb: number;
  requests: number;
  files: number;
}

function collectOnce(list: string, out: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/collect.ts', '--list', list, '--out', out, '--rate', String(RATE), '--quiet', '--contact', 'bench@example.org'], {
      cwd: ROOT,
      env: { ...process.env, COLLECT_PRINT_RUSAGE: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const usage = /RUSAGE (.*)/.exec(stderr);
      if (code !== 0 || !usage) return reject(new Error(`collect failed (${code}):\n${stdout}\n${stderr}`));
      const u = JSON.parse(usage[1]) as { wallMs: number; userMs: number; systemMs: number; maxRssKb: number };
      const requests = Number(/请求 (\d+) 次/.exec(stdout)?.[1]);
      const files = Number(/保存 (\d+) 个文件/.exec(stdout)?.[1]);
      resolve({ wallMs: u.wallMs, cpuMs: u.userMs + u.systemMs, maxRssKb: u.maxRssKb, requests, files });
    });
  });
}

const routes = site();
const servers = await Promise.all(Array.from({ length: HOSTS }, () => serve(routes)));
const work = join(tmpdir(), `bench-collect-${process.pid}`);
const list = `${work}.list`;
writeFileSync(list, servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/xxgk/ndbg/index.html`).join('\n'));
const results: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  rmSync(work, { recursive: true, force: true });
  results.push(await collectOnce(list, work));
}
rmSync(work, { recursive: true, force: true });
rmSync(list, { force: true });
for (const s of servers) s.close();

const perHost = results[0].requests / HOSTS;
const ideal = perHost * (1000 / RATE + LATENCY);
const wall = median(results.map((r) => r.wallMs));
const cpu = median(results.map((r) => r.cpuMs));
const totalBytes = [...routes.values()].reduce((s, r) => s + r.body.length, 0) * HOSTS;
console.log(`${fmt(HOSTS)} sites on 127.0.0.1, each ${fmt(TOWNS)} towns × 6 years = ${fmt(TOWNS * 6)} reports (${fmt(perHost)} requests a site), ${fmt(RATE)} requests/s per host, every answer after ${fmt(LATENCY)} ms; median of ${RUNS} cold runs.`);
console.log();
console.log('| figure | value |');
console.log('|---|---|');
console.log(`| files saved | ${fmt(results[0].files)} (${fmt(totalBytes / 1048576, 1)} MiB served in all) |`);
console.log(`| requests | ${fmt(results[0].requests)} |`);
console.log(`| wall time | ${fmt(wall / 1000, 1)} s (ideal: the busiest host's requests × (interval + answer) = ${fmt(ideal / 1000, 1)} s) |`);
console.log(`| requests per second, all hosts | ${fmt(results[0].requests / (wall / 1000))} |`);
console.log(`| CPU time (user + system) | ${fmt(cpu / 1000, 1)} s, ${fmt((cpu / results[0].requests) * 1000)} µs per request |`);
console.log(`| peak RSS | ${fmt(median(results.map((r) => r.maxRssKb)) / 1024)} MiB |`);
