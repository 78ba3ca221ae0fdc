// The three tables of a report as rows of cells, before any layout: header
// rows, data rows (label cells, then figure cells) and page breaks. The
// layouts (layouts.ts) turn them into text.

import { APPLICATION_ROWS, DISCLOSURE_ITEMS, applicationRows, measure, measuresOf, type TemplateId } from '../template/model.ts';
import type { AmountForm, Figures } from './figures.ts';
import type { Rng } from './prng.ts';

export type TableId = 'disclosure' | 'applications' | 'reviews';

export interface TRow {
  kind: 'head' | 'data' | 'break';
  /** Label cells; '' is an empty (merged) cell. */
  labels: string[];
  /** Figure cells as printed. */
  figures: string[];
  /** Nesting of a section 三 row (0 top level, 1 (一)…, 2 sub-item), for indentation. */
  depth: number;
  /** Data rows: the row's template code. */
  code?: string;
}

export interface Table {
  id: TableId;
  rows: TRow[];
  /** Columns a full row has (labels + figures), for layouts that pad rows. */
  width: number;
}

/** Printing choices drawn once per report. */
export interface TableStyle {
  /** '（一）' or '(一) '. */
  fullWidthBrackets: boolean;
  /** '1.' , '1. ' or '1、'. */
  subNumber: '.' | '. ' | '、';
  /** 2021: '行政规范性文件' rather than '规范性文件'. */
  normativePrefix: boolean;
  articleSpace: boolean;
  /** 2021: how （六）其他处理 is printed. */
  otherHandling: 'parent' | 'split';
  /** Chance of each label being written in another wording met in real reports (the model's variants). */
  variants: number;
  /** Header words with a space inside ('结果 维持', data/raw/003). */
  spacedHeaders: boolean;
}

export function drawStyle(rng: Rng, template: TemplateId): TableStyle {
  return {
    fullWidthBrackets: rng.chance(0.7),
    subNumber: rng.pick(['.', '.', '. ', '、'] as const),
    normativePrefix: template === '2021' && rng.chance(0.6),
    articleSpace: rng.chance(0.15),
    otherHandling: template === '2021' && rng.chance(0.45) ? 'split' : 'parent',
    variants: rng.chance(0.3) ? 0.3 : 0,
    spacedHeaders: rng.chance(0.2),
  };
}

/** The label, or now and then one of its other wordings. */
function wording(rng: Rng, style: TableStyle, thing: { label: string; variants?: readonly string[] }): string {
  return thing.variants?.length && rng.chance(style.variants) ? rng.pick(thing.variants) : thing.label;
}

const head = (labels: string[], depth = 0): TRow => ({ kind: 'head', labels, figures: [], depth });
const data = (code: string, labels: string[], figures: string[], depth = 0): TRow => ({ kind: 'data', labels, figures, depth, code });

function bracket(style: TableStyle, numeral: string): string {
  return style.fullWidthBrackets ? `（${numeral}）` : `(${numeral}) `;
}

function asides(style: TableStyle, text: string): string {
  return style.fullWidthBrackets ? text : text.replace(/（/g, '(').replace(/）/g, ')').replace(/，/g, ', ');
}

// ---------------------------------------------------------------------------
// Section 二

const ARTICLES: Record<string, string> = { regulations: '一', licensing: '五', penalty: '六', fees: '八', procurement: '九' };

/** 万元 with at most two decimals, from yuan (a multiple of 100). */
export function wan(yuan: number): string {
  const h = Math.round(yuan / 100);
  const int = Math.floor(h / 100);
  const frac = h % 100;
  if (frac === 0) return String(int);
  return frac % 10 === 0 ? `${int}.${frac / 10}` : `${int}.${String(frac).padStart(2, '0')}`;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function amountCell(rng: Rng, yuan: number, form: AmountForm): string {
  switch (form) {
    case 'cell_yuan':
      return `${yuan >= 10_000 && rng.chance(0.2) ? grouped(yuan) : yuan}${rng.chance(0.2) ? ' 元' : '元'}`;
    case 'cell_wan':
      return `${wan(yuan)}${rng.pick(['万元', '万元', ' 万元', '万'])}`;
    case 'header_wan':
      return wan(yuan);
    case 'none':
      return yuan >= 10_000 && rng.chance(0.15) ? grouped(yuan) : String(yuan);
  }
}

function measureLabel(rng: Rng, style: TableStyle, code: string, template: TemplateId, form: AmountForm | null): string {
  if (code === 'amount_yuan') return form === 'header_wan' ? (style.fullWidthBrackets ? '采购总金额（万元）' : '采购总金额(万元)') : '采购总金额';
  if (code === 'decisions') return template === '2021' ? '本年处理决定数量' : wording(rng, style, measure(code));
  return asides(style, wording(rng, style, measure(code)));
}

export function disclosureTable(rng: Rng, figures: Figures, style: TableStyle): Table {
  const template = figures.template;
  const rows: TRow[] = [];
  const items = DISCLOSURE_ITEMS.filter((i) => measuresOf(i, template).length > 0);
  for (const item of items) {
    const codes = measuresOf(item, template);
    const numeral = ARTICLES[item.code];
    if (numeral) {
      const article = `第二十条${style.articleSpace ? ' ' : ''}第${style.fullWidthBrackets ? `（${numeral}）` : `(${numeral})`}项`;
      rows.push(head([article, '', '', '']));
      const labels = codes.map((c) => measureLabel(rng, style, c, template, figures.amountForm));
      rows.push(head(['信息内容', ...labels, ...new Array(3 - labels.length).fill('')]));
    }
    const values = figures.disclosure[item.code];
    const cells = codes.map((c) => {
      const v = values[c];
      if (c === 'amount_yuan') return amountCell(rng, v, figures.amountForm!);
      if (c === 'fee_amount_yuan') return wan(v);
      if (c === 'change' && v !== 0 && rng.chance(0.4)) return v > 0 ? `${rng.pick(['+', '增'])}${v}` : `减${-v}`;
      return v >= 1000 && rng.chance(0.3) ? grouped(v) : String(v);
    });
    const label = item.code === 'normative_docs' && style.normativePrefix ? '行政规范性文件' : item.label;
    rows.push(data(item.code, [label], cells));
  }
  return { id: 'disclosure', rows, width: 4 };
}

// ---------------------------------------------------------------------------
// Section 三

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const COLUMNS = ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

function applicationHeader(style: TableStyle, pageBreak: boolean): TRow[] {
  const note = asides(style, NOTE);
  if (!pageBreak) {
    return [
      head([note, '', '申请人情况']),
      head(['', '', '自然人', '法人或其他组织', '', '', '', '', '总计']),
      head(['', '', '', ...COLUMNS, '']),
    ];
  }
  // The header runs over a page break, cutting the note and two column names in half (like data/raw/003).
  const cut = note.indexOf('，等于') + 1;
  return [
    head([note.slice(0, cut), '申请人情况']),
    head(['', '自然', '法人或其他组织', '总']),
    { kind: 'break', labels: [], figures: [], depth: 0 },
    head([note.slice(cut), '', '人', ...COLUMNS, '计']),
  ];
}

const GROUP_NUMERALS: Record<string, string> = { denied: '三', unavailable: '四', not_processed: '五' };
const GROUP_NAMES: Record<string, string> = { denied: '不予公开', unavailable: '无法提供', not_processed: '不予处理' };

export function applicationsTable(rng: Rng, figures: Figures, style: TableStyle, pageBreak: boolean): Table {
  const template = figures.template;
  const rows: TRow[] = applicationHeader(style, pageBreak);
  const cells = (code: string) => figures.applications[code].map(String);
  const seenGroups = new Set<string>();
  let first = true;
  for (const def of APPLICATION_ROWS) {
    if (!applicationRows(template).includes(def)) continue;
    const split = template === '2021' && style.otherHandling === 'split';
    if (def.code === 'other_handling' && split) continue;
    if (def.parent && !split) continue;
    const shortLabel = asides(style, wording(rng, style, def));
    if (/^[一二三四]$/.test(def.number)) {
      rows.push(data(def.code, [`${def.number}、${def.label}`, ''], cells(def.code)));
      continue;
    }
    const lead = first ? '三、本年度办理结果' : '';
    first = false;
    if (def.number.startsWith('（')) {
      rows.push(data(def.code, [lead, bracket(style, def.number.slice(1, -1)) + shortLabel], cells(def.code), 1));
      continue;
    }
    // A numbered sub-item: its group's name stands on the group's first row.
    const group = def.group ?? 'other_handling';
    const groupLabel = seenGroups.has(group) ? '' : group === 'other_handling' ? `${bracket(style, '六')}其他处理` : `${bracket(style, GROUP_NUMERALS[group])}${GROUP_NAMES[group]}`;
    seenGroups.add(group);
    rows.push(data(def.code, [lead, groupLabel, `${def.number}${style.subNumber}${shortLabel}`], cells(def.code), 2));
  }
  return { id: 'applications', rows, width: 10 };
}

// ---------------------------------------------------------------------------
// Section 四

const OUTCOME_WORDS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

export function reviewsTable(figures: Figures, style: TableStyle): Table {
  const values = ['review', 'litigation_direct', 'litigation_after_review'].flatMap((p) => figures.reviews[p].map(String));
  const words = style.spacedHeaders ? OUTCOME_WORDS.map((w) => `${w.slice(0, w.length / 2)} ${w.slice(w.length / 2)}`) : OUTCOME_WORDS;
  const rows: TRow[] = [
    head(['行政复议', '', '', '', '', '行政诉讼']),
    head([...words, '未经复议直接起诉', '', '', '', '', '复议后起诉']),
    head(['', '', '', '', '', ...words, ...words]),
    data('reviews', [], values),
  ];
  return { id: 'reviews', rows, width: 15 };
}
