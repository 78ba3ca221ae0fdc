// Reports as web sites serve them.
//   script_page   a government site's page whose body holds only the site's
//                 navigation, breadcrumb and footer; the report is HTML kept
//                 in a script: a string literal (escaped quotes and '\n'), a
//                 JSON value, or document.write('…' + '…'). Its tables have
//                 &nbsp; in empty cells, <br> in header words and rowspan for
//                 the group labels of section 三.
//   mirror        a copy on a mirror site: converted to Traditional Chinese,
//                 now and then with pinyin after characters ('根據(jù)'), and
//                 an advert ('xx体育_xx官网@:') glued to the title and to a few
//                 sentences.

import { createRequire } from 'node:module';
import type { Rng } from './prng.ts';
import type { Table, TRow } from './tables.ts';

// ---------------------------------------------------------------------------
// HTML of the report

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A header word wrapped with <br> ('商业<br>企业'), as Word-made pages have them. */
const headerWord = (w: string, rng: Rng) => (w.length >= 4 && rng.chance(0.5) ? `${esc(w.slice(0, 2))}<br>${esc(w.slice(2))}` : esc(w));

/** Rows of a table as <tr>s: a label cell over empty ones below it gets their rows as rowspan. */
export function tableHtml(table: Table, rng: Rng): string {
  const rows = table.rows.filter((r) => r.kind !== 'break');
  const out: string[] = ['<table border="1" cellspacing="0" cellpadding="0">'];
  rows.forEach((row, r) => {
    const cells: string[] = [];
    if (row.kind === 'head') {
      let k = 0;
      while (k < row.labels.length) {
        let span = 1;
        while (k + span < row.labels.length && row.labels[k + span] === '' && row.labels[k] !== '') span++;
        const text = row.labels[k];
        cells.push(`<td${span > 1 ? ` colspan="${span}"` : ''}>${text === '' ? '&nbsp;' : headerWord(text, rng)}</td>`);
        k += span;
      }
    } else {
      row.labels.forEach((label, k) => {
        // A label cell stands once, over the rows whose cell at that place is empty.
        if (label === '' && k < row.labels.length - 1 && covered(rows, r, k)) return;
        let span = 1;
        while (label !== '' && k < row.labels.length - 1 && r + span < rows.length && rows[r + span].kind === 'data' && rows[r + span].labels[k] === '' && rows[r + span].labels.length === row.labels.length) span++;
        cells.push(`<td${span > 1 ? ` rowspan="${span}"` : ''}>${label === '' ? '&nbsp;' : esc(label)}</td>`);
      });
      for (const f of row.figures) cells.push(`<td>${f === '' ? '&nbsp;' : esc(f)}</td>`);
    }
    out.push(`<tr>${cells.join('')}</tr>`);
  });
  out.push('</table>');
  return out.join('\n');
}

/** Whether row r's empty label cell at place k lies under a rowspan from a row above. */
function covered(rows: readonly TRow[], r: number, k: number): boolean {
  for (let up = r - 1; up >= 0; up--) {
    const row = rows[up];
    if (row.kind !== 'data' || row.labels.length !== rows[r].labels.length) return false;
    if (row.labels[k] !== '') return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The page

export interface PageParts {
  /** The report's title. */
  title: string;
  /** The body (paragraphs and tables) as HTML. */
  body: string;
  siteName: string;
  published: string;
}

/** A site page with the report written by a script. */
export function scriptPage(parts: PageParts, rng: Rng): string {
  const content = `<h1>${esc(parts.title)}</h1>\n${parts.body}`;
  const style = rng.pick(['literal', 'json', 'write'] as const);
  let script: string;
  if (style === 'literal') {
    const q = rng.pick(['"', "'"]);
    const literal = content.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n').replace(/<\//g, '<\\/');
    script = `<script type="text/javascript">\nvar articleContent = ${q}${literal}${q};\ndocument.getElementById("zoom").innerHTML = articleContent;\n</script>`;
  } else if (style === 'json') {
    const json = JSON.stringify({ id: rng.int(10000, 99999), title: parts.title, publishTime: parts.published, content }).replace(/<\//g, '<\\/');
    script = `<script type="application/json" id="article-data">${json}</script>\n<script>var d = JSON.parse(document.getElementById("article-data").textContent); document.getElementById("zoom").innerHTML = d.content;</script>`;
  } else {
    const pieces: string[] = [];
    for (const line of content.split('\n')) pieces.push(`'${line.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/<\//g, '<\\/')}'`);
    script = `<script>\ndocument.write(${pieces.join(' +\n  ')});\n</script>`;
  }
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(parts.title)}_${esc(parts.siteName)}</title>
<meta name="SiteName" content="${esc(parts.siteName)}">
<link rel="stylesheet" href="/css/main.css"></head>
<body>
<div class="header"><div class="logo">${esc(parts.siteName)}</div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article-info">发布日期：${parts.published}　　来源：${esc(parts.siteName)}　　浏览次数：${rng.int(10, 999)}</div>
<div id="zoom" class="article-content"></div>
${script}
<div class="footer">主办单位：${esc(parts.siteName)}　版权所有　网站标识码：${rng.int(1000000000, 9999999999)}</div>
</body></html>
`;
}

// ---------------------------------------------------------------------------
// Mirror sites

const ADS = ['xx体育_xx官网@:', 'bet365体育官网@', '澳门葡京娱乐平台_', 'ku游体育app下载|', '开云体育(中国)官方网站-'];

/** Characters a pinyin-annotating converter marks, with their pinyin. */
const PINYIN: Record<string, string> = { 據: 'jù', 開: 'kāi', 況: 'kuàng', 關: 'guān', 統: 'tǒng', 處: 'chù', 務: 'wù', 規: 'guī', 範: 'fàn', 報: 'bào' };

type Convert = (text: string) => string;
let toTraditional: Convert | null = null;

function traditional(text: string): string {
  if (!toTraditional) {
    const OpenCC = createRequire(import.meta.url)('opencc-js/cn2t') as { Converter(options: { from: string; to: string }): Convert };
    toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  }
  return toTraditional(text);
}

export interface MirrorOptions {
  traditional: boolean;
  pinyin: boolean;
}

/**
 * The report's text as a mirror site shows it: an advert before the title and after a few
 * sentences, then (maybe) Traditional characters and pinyin notes. Figures are never touched.
 */
export function mirrorText(text: string, rng: Rng, options: MirrorOptions): string {
  const ad = rng.pick(ADS);
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0) lines[first] = lines[first].replace(/^(\s*#*\s*)/, `$1${ad}`);
  let out = lines.map((l) => (l.length > 40 && l.includes('。') && rng.chance(0.15) ? l.replace('。', `。${ad.replace(/[_@:|(-]+$/, '')}。`) : l)).join('\n');
  if (options.traditional) out = traditional(out);
  if (options.pinyin) out = out.replace(/[據開況關統處務規範報]/g, (c) => (rng.chance(0.4) ? `${c}(${PINYIN[c]})` : c));
  return out;
}

/**
 * A report's text as a page's HTML: runs of lines with cells (tabs or wide gaps) become a table,
 * other lines paragraphs; an empty cell holds &nbsp;. For making web pages of text reports.
 */
export function textToHtml(text: string): string {
  const out: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.length));
    out.push('<table border="1">', ...rows.map((r) => `<tr>${[...r, ...Array(width - r.length).fill('')].map((c) => `<td>${c.trim() === '' ? '&nbsp;' : esc(c.trim())}</td>`).join('')}</tr>`), '</table>');
    rows = [];
  };
  for (const line of text.split('\n')) {
    const cells = line.includes('\t') ? line.split('\t') : line.trim().split(/[ \u3000]{2,}/);
    if (cells.length >= 2) {
      rows.push(cells);
      continue;
    }
    flush();
    if (line.trim() !== '') out.push(`<p>${esc(line.trim())}</p>`);
  }
  flush();
  return out.join('\n');
}
