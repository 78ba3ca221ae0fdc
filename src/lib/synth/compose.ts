// The report's text: title, sections 一 to 六 with their tables, signature and
// date, in the chosen layout.

import { paginate, renderTable, wrapProse, type LayoutStyle } from './layouts.ts';
import type { Rng } from './prng.ts';
import type { Narrative } from './prose.ts';
import { renderStream, type StreamOrder } from './stream.ts';
import { tableHtml } from './web.ts';
import type { Table, TableId } from './tables.ts';

export interface ComposeOptions {
  /** Section 二's table stands after section 六 (data/raw/000). */
  tableMoved: boolean;
  /** Section 四 is missing altogether (data/raw/000). */
  noSection4: boolean;
  /** Tables in PDF reading order rather than laid out (stream.ts); the layout must be 'pdf'. */
  stream?: StreamOrder;
}

const spaces = (n: number) => ' '.repeat(n);

export function compose(rng: Rng, story: Narrative, tables: Record<TableId, Table>, style: LayoutStyle, options: ComposeOptions): string {
  const pdf = style.layout === 'pdf';
  // Markdown headings also come with tab or cell tables (data/raw/003).
  const md = style.layout === 'markdown' || (!pdf && rng.chance(0.2));
  const gap = md || rng.chance(0.5);
  // PDF text often has spaces around numbers ('2023 年', '1136 条').
  const spacedNumbers = pdf && rng.chance(0.5);
  const out: string[] = [];
  const images = !pdf && rng.chance(0.05);
  const para = (text: string) => {
    if (pdf) out.push(...wrapProse(spacedNumbers ? text.replace(/ ?(\d+) ?/g, ' $1 ') : text, rng.int(28, 32), spaces(rng.int(2, 4))));
    // Markdown from Word makes bold sub-headings (data/raw/003: '**(一) 主动公开** 及时更新…').
    else out.push(md ? text.replace(/^（([一二三四五])）([^。]{2,12})。/, '**($1) $2** ') : text);
    if (gap) out.push('');
    // Pictures of a Word file leave a marker line (data/raw/001: '[image: 图一]').
    if (images && rng.chance(0.3)) out.push(`[image: 图${rng.pick(['一', '二', '三'])}]`);
  };
  const table = (t: Table) => {
    if (gap || md) out.push('');
    out.push(...(options.stream ? renderStream(t, options.stream, rng) : renderTable(t, style, rng)));
    if (gap || md) out.push('');
  };

  let title = story.title;
  if (rng.chance(0.15)) title = title.map((t) => t.replace(/(\d{4})年/, ' $1 年'));
  if (md) out.push(`# ${title.join('')}`);
  else out.push(...title.map((t) => (pdf ? spaces(rng.int(6, 16)) + t : t)));
  // Text saved from a web page keeps a line of page furniture under the title (excerpts 008, 009).
  if (!pdf && rng.chance(0.1)) out.push(`发布时间：${story.published_on}  来源：${story.signature}  浏览次数：${rng.int(10, 999)}`, '字号：[大 中 小]');
  out.push('');
  for (let s = 0; s <= 6; s++) {
    if (s === 4 && options.noSection4) continue;
    if (s > 0) {
      const h = story.headings[s - 1];
      out.push(md ? `${rng.chance(0.7) ? '##' : '####'} ${h}` : pdf ? spaces(rng.int(3, 6)) + h : h);
      if (gap) out.push('');
    }
    for (const p of story.sections[s]) para(p);
    if (s === 2 && !options.tableMoved) table(tables.disclosure);
    if (s === 3) table(tables.applications);
    if (s === 4) table(tables.reviews);
  }
  if (options.tableMoved) table(tables.disclosure);
  out.push('');
  const sign = (t: string) => (pdf || rng.chance(0.3) ? spaces(rng.int(20, 36)) + t : t);
  out.push(sign(story.signature));
  if (gap) out.push('');
  out.push(sign(story.date));
  const lines = pdf ? paginate(out, rng, rng.int(38, 46)) : out;
  return lines.join('\n') + '\n';
}

/** The report as the HTML of a web page's article (web.ts puts it in a page): headings, paragraphs, tables. */
export function composeHtml(rng: Rng, story: Narrative, tables: Record<TableId, Table>, options: Pick<ComposeOptions, 'noSection4'>): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const out: string[] = [];
  for (let s = 0; s <= 6; s++) {
    if (s === 4 && options.noSection4) continue;
    if (s > 0) out.push(`<p><strong>${esc(story.headings[s - 1])}</strong></p>`);
    for (const p of story.sections[s]) out.push(`<p style="text-indent:2em">${esc(p)}</p>`);
    if (s === 2) out.push(tableHtml(tables.disclosure, rng));
    if (s === 3) out.push(tableHtml(tables.applications, rng));
    if (s === 4) out.push(tableHtml(tables.reviews, rng));
  }
  out.push(`<p style="text-align:right">${esc(story.signature)}</p>`, `<p style="text-align:right">${esc(story.date)}</p>`);
  return out.join('\n');
}
