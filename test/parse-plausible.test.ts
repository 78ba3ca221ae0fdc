// Figures that cannot be stored as what they say (issue 12, items 1, 2 and 8).
//
//   ranges      the template model gives every figure a plausible range, and
//               every column that stores figures holds all of its range
//   cells       a cell out of range, with a leading zero, too many digits or
//               finer than its unit is null, keeps its raw text, and has a
//               finding naming the file, the line and the cell
//   money       units move the decimal point: no rounding, no dust
//   narrative   a count comes from its own phrase, never from a title, an
//               article number or a document number

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATIONS, BASE_TABLES, DISCLOSURES, holds, REPORTS, REVIEWS } from '../src/lib/build/schema.ts';
import { STAGING } from '../src/lib/build/staging.ts';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { implausibility } from '../src/lib/parse/plausible.ts';
import {
  APPLICATION_RANGE,
  APPLICATION_ROWS,
  KIND_RANGES,
  MEASURES,
  NARRATIVE_RANGES,
  PROCEEDINGS,
  REVIEW_RANGE,
  applicationRange,
  measure,
  measureRange,
  reviewRange,
} from '../src/lib/template/model.ts';

const RAW = join(import.meta.dirname, '..', 'data', 'raw');
const TODAY = new Date('2026-11-21');
/** A 2021-template town report whose every figure is 0 and reads cleanly. */
const SAMPLE = readFileSync(join(RAW, '003_2945165e826adaca.txt'), 'utf8');
const FILE = 'hostile.txt';

const parse = (text: string) => parseReport(text, FILE, { today: TODAY }).record;

/** The sample with one line's figures replaced: `prefix` starts the line, `cells` are its new figures. */
function withRow(prefix: string, cells: readonly string[]): { text: string; line: number } {
  const lines = SAMPLE.split('\n');
  const k = lines.findIndex((l) => l.startsWith(prefix));
  expect(k, prefix).toBeGreaterThanOrEqual(0);
  const label = lines[k].split('\t').slice(0, lines[k].split('\t').findIndex((c) => /^\d+$/.test(c)));
  lines[k] = [...label, ...cells].join('\t');
  return { text: lines.join('\n'), line: k + 1 };
}

const NEW_RECEIVED = '一、本年新收政府信息公开申请数量';
const ZEROS = (n: number) => Array<string>(n).fill('0');

function findingsAt(record: ReportRecord, line: number) {
  return record.findings.filter((f) => f.line === line && f.rule.startsWith('figure_'));
}

describe('ranges', () => {
  it('every measure, section 三 row and section 四 proceeding has a range: its own or its kind’s', () => {
    for (const m of MEASURES) expect(measureRange(m), m.code).toEqual(m.range ?? KIND_RANGES[m.kind]);
    for (const r of APPLICATION_ROWS) expect(applicationRange(r), r.code).toEqual(r.range ?? APPLICATION_RANGE);
    for (const p of PROCEEDINGS) expect(reviewRange(p), p.code).toEqual(p.range ?? REVIEW_RANGE);
    expect(measureRange(measure('prev_year_count')).max).toBeLessThan(KIND_RANGES.count.max);
    expect(applicationRange({ ...APPLICATION_ROWS[0], range: { min: 0, max: 5 } })).toEqual({ min: 0, max: 5 });
    expect(reviewRange({ ...PROCEEDINGS[0], range: { min: 0, max: 7 } })).toEqual({ min: 0, max: 7 });
  });

  it('every column that stores figures has a range, and its type holds all of it (no figure can overflow a column)', () => {
    const figureColumns = [
      ...['proactive_items', 'npc_suggestions', 'cppcc_proposals', 'info_fees_yuan'].map((n) => REPORTS.columns.find((c) => c.name === n)!),
      DISCLOSURES.columns.find((c) => c.name === 'value')!,
      APPLICATIONS.columns.find((c) => c.name === 'value')!,
      REVIEWS.columns.find((c) => c.name === 'value')!,
    ];
    for (const c of figureColumns) {
      expect(c.range, c.name).toBeDefined();
      expect(holds(c.type, c.range!), `${c.name} ${c.type} holds ${JSON.stringify(c.range)}`).toBe(true);
    }
    for (const t of BASE_TABLES) for (const c of t.columns) if (c.range) expect(holds(c.type, c.range), `${t.name}.${c.name}`).toBe(true);
    // The columns hold what the model allows, however wide.
    for (const m of MEASURES) expect(holds('DOUBLE', measureRange(m)), m.code).toBe(true);
    for (const [k, r] of Object.entries(NARRATIVE_RANGES)) expect(holds(REPORTS.columns.find((c) => c.name === k)!.type, r), k).toBe(true);
    // And a 3,000,000,000 could not have been stored as a section 三 figure: the type is not what lets it in.
    expect(holds('INTEGER', { min: 0, max: 3_000_000_000 })).toBe(false);
  });

  it('the staging files give the figure columns the same types as the tables', () => {
    const staged = (table: string, column: string) => STAGING.find((s) => s.name === table)!.columns.find(([n]) => n === column)![1];
    expect(staged('applications', 'v0')).toBe(APPLICATIONS.columns.find((c) => c.name === 'value')!.type);
    expect(staged('reviews', 'v0')).toBe(REVIEWS.columns.find((c) => c.name === 'value')!.type);
    expect(staged('disclosures', 'value')).toBe(DISCLOSURES.columns.find((c) => c.name === 'value')!.type);
    for (const c of REPORTS.columns) expect(staged('reports', c.name), c.name).toBe(c.type);
  });
});

describe('cells that cannot be stored as written', () => {
  it('3000000000 in a section 三 cell (item 1): null, raw kept, a finding naming file, line and cell', () => {
    const { text, line } = withRow(NEW_RECEIVED, ['3000000000', ...ZEROS(6)]);
    const record = parse(text);
    expect(record.applications.new_received.natural_person).toEqual({ value: null, raw: '3000000000', line });
    // The rest of the row is read as before: nothing moved.
    expect(record.applications.new_received.commercial).toEqual({ value: 0, raw: '0', line });
    const [f] = findingsAt(record, line);
    expect(f).toMatchObject({ rule: 'figure_out_of_range', section: 'applications', row: 'new_received', column: 'natural_person', line });
    expect(f.message).toContain(FILE);
    expect(f.message).toContain(`第 ${line} 行`);
    expect(f.message).toContain('自然人');
    expect(f.message).toContain('3000000000');
  });

  it('20 digits, a leading zero, a grouped leading zero, 2^53 + 1: each null with its finding, the rest of the row intact', () => {
    const cells = ['99999999999999999999', '0301', '0,301', '9007199254740993', '00', '10000000', '10000001'];
    const { text, line } = withRow(NEW_RECEIVED, cells);
    const record = parse(text);
    const row = record.applications.new_received;
    expect(Object.values(row).map((f) => f.value)).toEqual([null, null, null, null, null, 10_000_000, null]);
    expect(Object.values(row).map((f) => f.raw)).toEqual(cells);
    const rules = findingsAt(record, line).map((f) => `${f.column} ${f.rule}`);
    expect(rules).toEqual([
      'natural_person figure_out_of_range',
      'commercial figure_malformed',
      'research figure_malformed',
      'social_welfare figure_out_of_range',
      'legal_service figure_malformed',
      'total figure_out_of_range',
    ]);
  });

  it('section 四 and section 二 cells have their ranges too', () => {
    const lines = SAMPLE.split('\n');
    const k = lines.findIndex((l) => /^0(\t0){14}$/.test(l));
    lines[k] = ['1000001', ...ZEROS(14)].join('\t');
    const { text, line } = withRow('规章', ['5000000000', '0', '0']);
    const reviews = parse(lines.join('\n'));
    expect(reviews.reviews.review.upheld).toEqual({ value: null, raw: '1000001', line: k + 1 });
    expect(findingsAt(reviews, k + 1)[0]).toMatchObject({ rule: 'figure_out_of_range', section: 'reviews', row: 'review', column: 'upheld' });
    const disclosure = parse(text);
    expect(disclosure.disclosure.regulations.issued).toEqual({ value: null, raw: '5000000000', line });
    expect(findingsAt(disclosure, line)[0]).toMatchObject({ rule: 'figure_out_of_range', section: 'disclosure', row: 'regulations', column: 'issued' });
  });

  it('a change keeps its sign within ±1,000,000', () => {
    const template2019 = readFileSync(join(RAW, '000_0e823e9c66ae55d4.txt'), 'utf8');
    const k = template2019.split('\n').findIndex((l) => l.startsWith('行政许可'));
    expect(k).toBeGreaterThan(0);
    const lines = template2019.split('\n');
    const record = (change: string) => {
      const cells = lines[k].split('\t');
      cells[2] = change;
      return parse([...lines.slice(0, k), cells.join('\t'), ...lines.slice(k + 1)].join('\n')).disclosure.licensing.change;
    };
    expect(record('-5').value).toBe(-5);
    expect(record('-1000001')).toMatchObject({ value: null, raw: '-1000001' });
  });

  it('the range check refuses what a double cannot hold exactly, whatever the range', () => {
    const place = { file: FILE, section: 'disclosure' as const, row: 'fees', column: 'fee_amount_yuan', line: 3, name: '收费金额' };
    const wide = { min: 0, max: 1e30 };
    expect(implausibility({ raw: '1234567890123456', digits: '1234567890123456', value: 1234567890123456 }, wide, place)?.rule).toBe('figure_malformed');
    expect(implausibility({ raw: '123456789012345', digits: '123456789012345', value: 123456789012345 }, wide, place)).toBeNull();
    expect(implausibility({ raw: '1,2,3', digits: null, value: Number.NaN }, wide, place)?.message).toContain('千位分隔符');
  });
});

describe('money', () => {
  const fee = (cell: string) => {
    const { text, line } = withRow('行政事业性收费', [cell]);
    const record = parse(text);
    return { figure: record.disclosure.fees.fee_amount_yuan, findings: findingsAt(record, line) };
  };

  it('moves the decimal point by the unit, without rounding or dust', () => {
    expect(fee('483.7').figure).toMatchObject({ value: 4_837_000, unit: '万元' });
    expect(fee('0.5').figure).toMatchObject({ value: 5000 });
    expect(fee('1.2345').figure).toMatchObject({ value: 12_345 });
    expect(fee('1.234567').figure).toMatchObject({ value: 12_345.67 });
    expect(fee('1000000000').figure.value).toBe(10_000_000_000_000);
  });

  it('refuses an amount finer than a fen, or beyond the range, with a finding', () => {
    const fine = fee('1.2345678');
    expect(fine.figure).toMatchObject({ value: null, raw: '1.2345678', unit: '万元' });
    expect(fine.findings[0]).toMatchObject({ rule: 'figure_malformed', row: 'fees', column: 'fee_amount_yuan' });
    const huge = fee('1000000000.01');
    expect(huge.figure.value).toBeNull();
    expect(huge.findings[0].rule).toBe('figure_out_of_range');
    expect(fee('0301').findings[0].rule).toBe('figure_malformed');
  });

  it('does not take a count (“483.7件”) followed by a money unit for money (found by npm run fuzz)', () => {
    expect(fee('483.7件 万元').figure.value).toBeNull();
    expect(fee('483.7 万元').figure).toMatchObject({ value: 4_837_000, raw: '483.7 万元', unit: '万元' });
  });
});

describe('narrative counts come from their own phrase', () => {
  const narrate = (...lines: string[]) => parse(['某某镇人民政府2020年政府信息公开工作年度报告', '一、总体情况', ...lines].join('\n'));

  it('not from digits in a title (item 8)', () => {
    const r = narrate('根据《条例》（以下简称《1,2,3条例》）有关规定。');
    expect(r.proactive_items).toBeNull();
    expect(narrate('本机关按照《关于公开12条措施的通知》公开信息。').proactive_items).toBeNull();
  });

  it('not from an article number, a document number or the word 条例', () => {
    expect(narrate('根据《条例》第21条规定，本机关主动公开政府信息。').proactive_items).toBeNull();
    expect(narrate('依照《条例》第21、22条，主动公开政府信息。').proactive_items).toBeNull();
    expect(narrate('按照国办公开办函〔2019〕60条要求主动公开。').proactive_items).toBeNull();
    expect(narrate('主动公开《中华人民共和国政府信息公开条例》2019条例修订内容。').proactive_items).toBeNull();
  });

  it('from its phrase, beside titles and document numbers', () => {
    const r = narrate('按照国办公开办函〔2019〕60号和《条例》第21条要求，本年主动公开政府信息1,136条，其中网站发布530条。');
    expect(r.proactive_items).toBe(1136);
    expect(r.proactive_items_line).toBe(3);
    expect(narrate('全年通过政府网站主动公开政府信息200余条。')).toMatchObject({ proactive_items: 200, proactive_items_approx: true });
  });

  it('not from a count before its verb, nor from digits split over two lines', () => {
    expect(narrate('59条信息已在网站公开。').proactive_items).toBeNull();
    expect(narrate('主动公开政府信息1', '136 条。').proactive_items).toBeNull();
  });

  it('a count in its phrase that cannot be stored makes the figure null, with a finding', () => {
    for (const [count, rule] of [['1,2,3', 'figure_malformed'], ['0301', 'figure_malformed'], ['3000000000', 'figure_out_of_range']] as const) {
      const r = narrate(`本年主动公开政府信息${count}条，其中网站发布30条。`);
      expect(r.proactive_items, count).toBeNull();
      const f = r.findings.find((x) => x.section === 'narrative');
      expect(f, count).toMatchObject({ rule, row: 'proactive_items', line: 3 });
      expect(f!.message).toContain(FILE);
    }
  });

  it('NPC suggestions, CPPCC proposals and fees have their ranges', () => {
    const r = narrate('本年办理人大代表建议3000000件，政协提案12件，收取信息处理费12.345元。');
    expect(r.npc_suggestions).toBeNull();
    expect(r.cppcc_proposals).toBe(12);
    expect(r.info_fees_yuan).toBeNull();
    expect(r.findings.filter((f) => f.section === 'narrative').map((f) => `${f.row} ${f.rule}`)).toEqual(['npc_suggestions figure_out_of_range', 'info_fees_yuan figure_malformed']);
    expect(narrate('收取信息处理费1.5万元。').info_fees_yuan).toBe(15_000);
  });
});
