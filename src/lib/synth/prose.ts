// The report's words around the tables: title, sections 一 to 六 and the
// closing signature and date, in Simplified Chinese. Layout (line wrapping,
// markdown marks) is applied by report.ts.

import type { ResolvedPlace } from '../gazetteer/index.ts';
import { problemsParagraphs, workParagraph } from './phrases.ts';
import type { Rng } from './prng.ts';

export interface Who {
  town: ResolvedPlace;
  /** The reporting body: '<town>人民政府', '<town>办事处' or the unit's own name. */
  agency: string;
  /** '我镇', '我乡', '我街道' … */
  self: string;
  /** The text names the county and city. */
  nameParents: boolean;
  /** '<city><county>' as written (city left out where the list has no real one). */
  parents: string;
}

const TOWN_KINDS: [RegExp, string, string][] = [
  [/街道$/, '办事处', '我街道'],
  [/苏木$/, '人民政府', '我苏木'],
  [/乡$/, '人民政府', '我乡'],
  [/镇$/, '人民政府', '我镇'],
];

export function who(town: ResolvedPlace, nameParents: boolean): Who {
  const kind = TOWN_KINDS.find(([re]) => re.test(town.name));
  // Cities without counties (东莞市) list the city as the county; '省直辖县级行政区划' is not a name.
  const city = town.city && !town.city.includes('直辖') && town.city !== town.county ? town.city : '';
  return {
    town,
    agency: kind ? town.name + kind[1] : town.name,
    self: kind ? kind[2] : '我单位',
    nameParents,
    parents: city + (town.county ?? ''),
  };
}

/** '县', '区', '市' or '旗': how the county's party committee and government are called. */
function countyKind(county: string | null): string {
  const last = county?.slice(-1) ?? '';
  return '县区市旗'.includes(last) && last !== '' ? last : '县';
}

export interface Narrative {
  title: string[];
  /** Paragraphs per section 1..6 (index 0 is the preface before section 一). */
  sections: string[][];
  headings: string[];
  signature: string;
  date: string;
  /** ISO form of the date. */
  published_on: string;
}

export interface NarrativeInput {
  who: Who;
  year: number;
  proactive: number;
  proactiveApprox: boolean;
  applicationsReceived: number;
  /** The section 二 table is printed after section 六: section 二 needs words of its own. */
  tableMoved: boolean;
  countyInTitle: boolean;
  /** The signature's date (publicationDate). */
  date: PublicationDate;
  /** Whether the prose names the county (default: as `who` does). A copy keeps its source's sentences, names apart. */
  proseNamed?: boolean;
}

export interface PublicationDate {
  /** As written. */
  date: string;
  /** ISO form. */
  published_on: string;
}

/**
 * The date a report is signed: in January of the following year, or, when `late`, from April to
 * June — after the 31 March by which a township's report is due (Art. 49).
 */
export function publicationDate(rng: Rng, year: number, late: boolean): PublicationDate {
  const month = late ? rng.int(4, 6) : 1;
  const day = late ? rng.int(1, 28) : rng.int(5, 31);
  const date = rng.pick([`${year + 1}年${month}月${day}日`, `${year + 1}. ${month}. ${day}`, `${year + 1}.${month}.${day}`]);
  return { date, published_on: `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

const HEADINGS: string[][] = [
  ['一、总体情况', '一、总体情况', '一、政府信息公开工作的总体情况'],
  ['二、主动公开政府信息情况'],
  ['三、收到和处理政府信息公开申请情况'],
  ['四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复议和行政诉讼情况'],
  ['五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况', '五、存在的主要问题及改进措施', '存在的主要问题及改进情况'],
  ['六、其他需要报告的事项', '六、其他需要报告的事项', '六、其他需要报告事项'],
];

export function narrative(rng: Rng, input: NarrativeInput): Narrative {
  const { who: w, year } = input;
  const y = `${year}`;
  const named = w.nameParents;
  const proseNamed = input.proseNamed ?? named;
  const prefix = rng.chance(0.5) ? (w.town.county ?? '') : w.parents;
  const agencyInTitle = named && input.countyInTitle ? prefix + w.agency : w.agency;
  const titleName = rng.chance(0.2) ? w.town.name : agencyInTitle;
  const title = rng.pick([
    [`${titleName}${y}年政府信息公开工作年度报告`],
    [`${titleName}${y}年度政府信息公开工作年度报告`],
    [agencyInTitle, `${y}年政府信息公开工作年度报告`],
    [agencyInTitle, `关于${y}年度政府信息公开工作的年度报告`],
  ]);
  const ck = countyKind(w.town.county);
  const n = `${input.proactive}${input.proactiveApprox ? '余' : ''}`;
  const part = (k: number) => Math.max(1, Math.floor((input.proactive * k) / 10));

  const preface: string[] = [];
  if (rng.chance(0.3)) {
    preface.push(
      `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制，内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自${y}年1月1日起至${y}年12月31日止。`,
    );
  }
  // The same draws whatever the names: a copy of another town's words (sequence.ts) differs in its names only.
  const leadershipNamed = rng.pick([`在${w.parents}委、${ck}政府的正确领导下`, `在${w.parents}委、${ck}政府的坚强领导下`]);
  const leadershipAnonymous = rng.pick(['在上级党委、政府的正确领导下', '在上级部门的指导下']);
  const leadership = proseNamed ? leadershipNamed : leadershipAnonymous;
  const overview = [
    `${y}年，${leadership}，${w.town.name}${rng.pick([
      '坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，坚持“以公开为常态、不公开为例外”的原则，扎实推进政府信息公开工作。',
      '认真贯彻落实《中华人民共和国政府信息公开条例》，把政务公开贯穿于政务运行全过程。',
      '以群众需求为导向，持续深化政务公开，各项工作取得新进展。',
      '严格执行《条例》各项规定，不断提升政府工作透明度。',
    ])}`,
  ];
  const catalogue = rng.chance(0.5);
  if (proseNamed && catalogue) overview.push(`${w.town.name}严格按照《${w.parents}${w.town.name}政府信息主动公开基本目录》进行公开，切实保障公民、法人和其他组织的知情权、参与权和监督权。`);
  const proactiveSentence = rng.pick([
    `（一）主动公开情况。${y}年，${w.self}通过政府门户网站主动公开政府信息${n}条，其中工作动态${part(5)}条，通知公告${part(2)}条，财政预决算信息${part(1)}条。`,
    `（一）主动公开情况。${y}年度，${w.self}在政府信息公开平台共主动公开政府信息${n}条，及时更新机构职能、领导分工等信息。`,
    `（一）主动公开情况。${y} 年，${w.self}通过政府网站、政务新媒体和公开栏等渠道主动公开政府信息 ${n} 条。`,
    `（一）主动公开情况。本年度${w.self}主动公开政府信息${n}条，历年累计主动公开信息${input.proactive * 3 + 17}条。`,
  ]);
  overview.push(proactiveSentence);
  overview.push(
    input.applicationsReceived === 0
      ? `（二）依申请公开情况。${y}年，${w.self}未收到政府信息公开申请。`
      : `（二）依申请公开情况。${y}年，${w.self}共收到政府信息公开申请${input.applicationsReceived}件，均在法定期限内予以答复。`,
  );
  // Sub-sections （三） to （五）: words of the town's own (phrases.ts), as real reports' are.
  overview.push(`（三）政府信息管理情况。${workParagraph(rng)}`);
  overview.push(`（四）平台建设情况。${workParagraph(rng)}`);
  overview.push(`（五）监督保障情况。${workParagraph(rng)}`);
  for (let k = rng.int(3, 5); k > 0; k--) overview.push(workParagraph(rng));

  const disclosure: string[] = [];
  disclosure.push(workParagraph(rng));
  const lookup = rng.chance(0.3);
  if (input.tableMoved || lookup) disclosure.push(`${y}年，${w.self}严格按照主动公开基本目录做好政府信息公开工作，在便民服务大厅设立政务信息查询点，方便群众自主查阅。`);

  const problems = problemsParagraphs(rng);
  const other = [
    rng.pick([
      `${y}年，${w.self}共承办人大代表建议${rng.int(0, 3)}件，政协提案${rng.int(0, 3)}件，均已按时办结。`,
      `${y}年，${w.self}未收取政府信息公开信息处理费。`,
      '无。',
    ]),
  ];

  const signedInFull = rng.chance(0.5);
  return {
    title,
    sections: [preface, overview, disclosure, [], [], problems, other],
    headings: arabic(rng, HEADINGS.map((h) => rng.pick(h))),
    signature: named && signedInFull ? agencyInTitle : w.agency,
    ...input.date,
  };
}

const NUMERALS = '一二三四五六';

/** Now and then headings are numbered '1、' rather than '一、', sometimes with spaces after (data/raw/001: '6、  其他需要报告的事项'). */
function arabic(rng: Rng, headings: string[]): string[] {
  if (!rng.chance(0.05)) return headings;
  const gap = rng.pick(['', ' ', '  ']);
  return headings.map((h) => h.replace(/^([一二三四五六])、/, (_, n: string) => `${NUMERALS.indexOf(n) + 1}、${gap}`));
}
