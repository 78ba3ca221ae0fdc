// Section 二 from its figures in text order. The section is a series of
// sub-tables, one per article of the regulation ('第二十条第（五）项'); the
// model says which items each holds. Within a sub-table the figures are cut
// into blocks (row by row, or a column at a time) and kept when each figure
// fits its measure (a count is whole, a money unit only for money) and, under
// the 2019 template, 本年新公开 ≤ 对外公开总数量.

import { DISCLOSURE_ITEMS, disclosureItem, measuresOf, type DisclosureItem, type TemplateId } from '../../template/model.ts';
import { compactText } from '../text.ts';
import { placeBlocks } from './blocks.ts';
import { agrees, combine, decide, type Decision, type Placement } from './decide.ts';
import { disclosureRowHolds, publishedWithinTotal, valueOf } from './identities.ts';
import type { SectionOutcome } from './applications.ts';
import { claims, lineRows } from './claims.ts';
import type { Region, RegionFigure } from './region.ts';
import type { Slot } from '../tables.ts';

const ARTICLE = /第二十条第[(（]([一二三四五六七八九十]+)[)）]项/;

/** The article a sub-table heading names, as the model writes it ('第二十条第（五）项'), or null. */
function articleIn(words: readonly string[]): string | null {
  let found: string | null = null;
  for (const w of words) {
    const m = ARTICLE.exec(compactText(w));
    if (m) found = `第二十条第（${m[1]}）项`;
  }
  return found;
}

/**
 * Items whose figures were not all placed are recovered sub-table by sub-table. `wanted` are the
 * items to recover: a sub-table is only read again when one of its items is wanted.
 */
export function recoverDisclosure(region: Region, template: TemplateId, wanted: ReadonlySet<string>): SectionOutcome {
  const items = DISCLOSURE_ITEMS.filter((i) => measuresOf(i, template).length > 0);
  const values = region.figures.map((f) => valueOf(f.slot.figure!));
  const solve = (rows: readonly DisclosureItem[], from: number, to: number) => solveRows(region, template, rows, from, to, values);
  // Labels listed together and their figures after them (labels in one table, figures in the next):
  // the strongest evidence, since the model's labels name the rows.
  const claimed: Decision[] = [];
  for (const claim of claims(region.figures, 'item', (code) => items.some((i) => i.code === code), 1)) {
    if (!claim.codes.some((code) => wanted.has(code))) continue;
    const rows = claim.codes.map((code) => items.find((i) => i.code === code)!);
    const result = solve(rows, claim.from, claim.to);
    if (result === 'too_many') return { kind: 'too_many' };
    const byLine = result ? null : lineRows(region.figures, claim);
    if (result) claimed.push(result);
    else if (byLine) {
      // A row that lost figures: its line still pairs it with its label; the full rows are placed.
      const full = rows.map((r, k) => [r, byLine[k]] as const).filter(([r, cells]) => {
        const measures = measuresOf(r, template);
        return cells.length === measures.length && disclosureRowHolds(measures, cells.map((i) => region.figures[i].slot.figure!));
      });
      const decision = decide(full.length > 0 ? [new Map(full.map(([r, cells]) => [r.code, cells]))] : [], region.figures, (i) => values[i]);
      if (decision) claimed.push(decision);
    }
  }
  const accepted = claimed.length > 0 ? combine(claimed) : null;
  const used = new Set<Slot>(accepted ? [...accepted.rows.values()].flat() : []);
  const open = (code: string) => wanted.has(code) && !accepted?.rows.has(code);
  const more: Decision[] = [];
  // Then sub-table by sub-table, where no claimed figure stands …
  for (const [article, [from, to]] of groupByArticle(region.figures)) {
    const rows = items.filter((i) => i.article === article);
    if (article === null || !rows.some((r) => open(r.code))) continue;
    const figures = region.figures.slice(from, to);
    if (figures.some((f) => used.has(f.slot))) continue;
    // A figure after another sub-table's row label is not this sub-table's (labels listed apart from their figures).
    if (figures.some((f) => f.gap.some((e) => e.kind === 'item' && disclosureItem(e.code).article !== article))) continue;
    const result = solve(rows, from, to);
    if (result === 'too_many') return { kind: 'too_many' };
    if (result) more.push(result);
  }
  // … and, for items still not placed, the section as one table, if it agrees with what is placed.
  const placed = (code: string) => accepted?.rows.has(code) || more.some((d) => d.rows.has(code));
  if ([...wanted].some((code) => !placed(code))) {
    const whole = solve(items, 0, region.figures.length);
    if (whole === 'too_many') return { kind: 'too_many' };
    if (whole && agrees(whole, [accepted, ...more])) more.push(whole);
  }
  const all = [...(accepted ? [accepted] : []), ...more];
  return all.length > 0 ? { kind: 'decided', decision: combine(all) } : { kind: 'none' };
}

/** Items `rows` placed from the region's figures `from` … `to`; null when no placement fits. */
function solveRows(region: Region, template: TemplateId, rows: readonly DisclosureItem[], from: number, to: number, values: readonly (number | null)[]): Decision | 'too_many' | null {
  const figures = region.figures.slice(from, to);
  const tokens = figures.map((f) => f.slot.figure!);
  const result = placeBlocks(values.slice(from, to), {
    rows: rows.map((r) => ({ width: measuresOf(r, template).length, group: r.article })),
    rowHolds: (row, _values, cells) => disclosureRowHolds(measuresOf(rows[row], template), cells.map((i) => tokens[i])),
    lineOf: (i) => figures[i].slot.line,
    delimitedAt: (i) => figures[i].delimited,
    tableHolds: () => true,
  });
  if (!result) return null;
  if (result.kind === 'too_many') return 'too_many';
  // Placements that keep 本年新公开 ≤ 对外公开总数量, when there are such, over those that do not.
  const plausible = result.candidates.filter((c) => c.values.every((v, k) => publishedWithinTotal(measuresOf(rows[k], template), v)));
  const chosen = plausible.length > 0 ? plausible : result.candidates;
  // Indexes into the region's figures, as the decision reads them.
  const placements: Placement[] = chosen.map((c) => new Map(rows.map((r, k) => [r.code, c.cells[k].map((i) => i + from)])));
  return decide(placements, region.figures, (i) => values[i]);
}

/** The figures under each sub-table heading, as [from, to) indexes (null: before any heading). */
function groupByArticle(figures: readonly RegionFigure[]): Map<string | null, [number, number]> {
  const groups = new Map<string | null, [number, number]>();
  let article: string | null = null;
  figures.forEach((f, i) => {
    const next = articleIn(f.words) ?? article;
    // A heading met twice (a sub-table over a page break) continues its group only if nothing came between.
    if (next !== article || i === 0) groups.set(next, [i, i + 1]);
    else groups.get(next)![1] = i + 1;
    article = next;
  });
  return groups;
}
