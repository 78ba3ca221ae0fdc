// What a run shows. On a terminal: one line rewritten in place — files saved
// and unchanged, failures, requests, bytes, the host fetched last and an
// estimate of what is left (the longest host queue at its interval: hosts
// run in parallel). Otherwise (a log, a pipe): one plain line per saved file
// and per failure. At the end, the summary.

import type { CollectEvent, CollectSummary } from './crawler.ts';
import { formatBytes } from '../bytes.ts';

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  return `${Math.floor(s / 3600)} 小时 ${Math.round((s % 3600) / 60)} 分`;
}

const REASON_NAMES: Record<string, string> = {
  robots: 'robots.txt 不允许',
  'off-host': '其他网站',
  'http-4xx': 'HTTP 4xx',
  'http-5xx': 'HTTP 5xx',
  timeout: '超时',
  network: '连接失败',
  'redirect-loop': '循环跳转',
  'too-many-redirects': '跳转过多',
  'too-large': '文件过大',
  'retry-after-too-long': '要求等待过久',
  'not-report': '不是年报',
  notice: '通知等非报告',
  year: '年度不在范围内',
  'no-year': '看不出年度',
  max: '超过 --max',
};

const byReason = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${REASON_NAMES[r] ?? r} ${n}`)
    .join('，') || '无';

export interface Reporter {
  onEvent(event: CollectEvent): void;
  /** The closing lines. */
  summary(s: CollectSummary, elapsedMs: number): string;
}

export function reporter(write: (text: string) => void, terminal: boolean): Reporter {
  let saved = 0;
  let failed = 0;
  let requests = 0;
  let bytes = 0;
  let host = '';
  let left = 0;
  let eta = 0;
  let lastDraw = 0;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 200) return;
    lastDraw = now;
    write(`\r\x1b[2K已保存 ${saved} · 失败 ${failed} · 请求 ${requests} · ${formatBytes(bytes)} · ${host} · 待取 ${left}（约 ${formatDuration(eta)}）`);
  };
  return {
    onEvent(e) {
      if (e.type === 'request') {
        requests++;
        bytes += e.bytes;
        host = e.host;
      } else if (e.type === 'saved') {
        saved++;
        if (!terminal) write(`已保存 ${e.file} ← ${e.url}\n`);
      } else if (e.type === 'failed') {
        failed++;
        if (!terminal) write(`失败 ${e.url}：${REASON_NAMES[e.reason] ?? e.reason}（${e.detail}）\n`);
      } else if (e.type === 'queue') {
        left = Object.values(e.remaining).reduce((a, b) => a + b, 0);
        eta = Math.max(0, ...Object.entries(e.remaining).map(([h, n]) => n * (e.intervals[h] ?? 1000)));
      }
      if (terminal) draw();
    },
    summary(s, elapsedMs) {
      if (terminal) write('\n');
      const failedTotal = Object.values(s.failed).reduce((a, b) => a + b, 0);
      return [
        `${s.resumedRun ? '续上次中断的运行，' : ''}完成，用时 ${formatDuration(elapsedMs)}：`,
        `  保存 ${s.saved} 个文件，未改动 ${s.unchanged}${s.resumed ? `，中断前已完成 ${s.resumed}` : ''}`,
        `  失败 ${failedTotal}（${byReason(s.failed)}）`,
        `  跳过的链接：${byReason(s.skipped)}`,
        `  请求 ${s.requests} 次，下载 ${formatBytes(s.bytes)}`,
      ].join('\n');
    },
  };
}
