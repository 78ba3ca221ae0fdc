// Report texts for the checks across reports (test/cross-checks.test.ts), made
// from the sample reports by changing the year, the date, a few figures, the
// names or the narrative, the way a report of another year, a second copy or
// a neighbour's copy would differ.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN_SAMPLE, RAW } from './build-data.ts';

/** 潘庄镇 (临清市), 2021, 2021 template, tab rows; published 2022年1月21日; nothing carried over. */
const PANZHUANG = readFileSync(join(RAW, CLEAN_SAMPLE), 'utf8');
/** 过马营镇 (贵南县), 2020, 2019 template, one cell per line; every running count 0. */
const GUOMAYING = readFileSync(join(RAW, '002_6d8ce434c4304d77.txt'), 'utf8');
/** 洪泽区 (a county-level government), 2023, no date. */
export const HONGZE = readFileSync(join(RAW, '001_huaian_hongze_district_2023.txt'), 'utf8');

const IN_ROW = '二、上年结转政府信息公开申请数量';
const OUT_ROW = '四、结转下年度继续办理';

function replaceLine(text: string, start: string, line: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  if (i < 0) throw new Error(`no line ${start}`);
  lines[i] = line;
  return lines.join('\n');
}

/** Seven figures (six applicants and the total) for one carried-over row: `n` from natural persons. */
export const naturalPersons = (n: number) => [n, 0, 0, 0, 0, 0, n];

/** A narrative of its own, nothing like the sample's (for a year that was not copied). */
const OWN_WORDS = [
  '本年度，在临清市委、市政府的指导下，镇党委把政务公开作为转变作风的抓手，坚持每季度召开专题会议研究部署，逐项分解任务，明确责任科室和完成时限，形成了主要领导亲自抓、分管领导具体抓、经办人员抓落实的工作格局。',
  '围绕乡村振兴、耕地保护、农村人居环境整治等群众关心的事项，及时发布补贴发放名单、项目招投标结果和资金使用明细，并在各村便民服务站张贴纸质公告，方便不上网的老年群众查阅。',
  '针对往年信息发布零散、栏目更新不及时的情况，重新梳理了网站栏目，清理过期链接和空白栏目，建立信息发布台账，做到每条信息有来源、有审核、有记录。',
  '存在的不足主要是基层工作人员对公开标准理解不一，部分村级事务公开内容简单。今后将组织集中培训，编印操作手册，开展交叉检查，推动村务公开与政务公开衔接。',
];

export interface PanzhuangOptions {
  year: number;
  /** The date the report is signed, as written ('2023年1月21日'). */
  date?: string;
  carriedIn?: number[];
  carriedOut?: number[];
  /** Another town of 临清市 instead of 潘庄镇 (its names replace the sample's). */
  town?: string;
  /** The report's own words instead of the sample's narrative. */
  ownWords?: boolean;
}

/** 潘庄镇's 2021 report made into another year's (or another town's). Carried-over figures keep section 三 balanced when `in` equals `out`. */
export function panzhuang(o: PanzhuangOptions): string {
  let text = PANZHUANG.replace('2022年1月21日', '@DATE@').replaceAll('2021', String(o.year)).replace('@DATE@', o.date ?? `${o.year + 1}年1月21日`);
  if (o.carriedIn) text = replaceLine(text, IN_ROW, `${IN_ROW}\t\t${o.carriedIn.join('\t')}\t`);
  if (o.carriedOut) text = replaceLine(text, OUT_ROW, `${OUT_ROW}\t\t\t${o.carriedOut.join('\t')}`);
  if (o.town) text = text.replaceAll('潘庄镇', o.town).replaceAll('潘庄', o.town.replace(/镇$/, ''));
  if (o.ownWords) {
    const lines = text.split('\n');
    const prose = lines.map((l, i) => (l.length > 40 && !l.includes('\t') ? i : -1)).filter((i) => i >= 0);
    prose.forEach((i, k) => (lines[i] = k < OWN_WORDS.length ? OWN_WORDS[k] : ''));
    text = lines.join('\n');
  }
  return text;
}

export interface GuomayingOptions {
  year: 2019 | 2020;
  /** item label → [上一年项目数量, 本年增/减, 处理决定数量]. */
  items?: Record<string, [number, number, number]>;
}

/** 过马营镇's 2020 report (2019 template) as its 2019 or 2020 report, with running counts set. */
export function guomaying(o: GuomayingOptions): string {
  let text = o.year === 2019 ? GUOMAYING.replaceAll('2020', '2019').replaceAll('2021', '2020') : GUOMAYING;
  for (const [label, figures] of Object.entries(o.items ?? {})) {
    const old = `\t${label}\n\t0\n\t0\n\t0\n`;
    if (!text.includes(old)) throw new Error(`no row ${label}`);
    text = text.replace(old, `\t${label}\n${figures.map((f) => `\t${f}`).join('\n')}\n`);
  }
  return text;
}
