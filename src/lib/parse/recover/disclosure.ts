// Section 二 from its figures in text order. The section is a series of
// sub-tables, one per article of the regulation ('第二十条第（五）项'); the
// model says which items each holds. Its rows are read row by row (no tall
// merged cell makes PDF text give them a column at a time) and kept when each
// figure fits its measure (a count is whole, a money unit only for money) and, where
// the catalog's rules order a row's figures (本年新公开 ≤ 对外公开总数量), they keep that order.

import type { Catalog, DisclosureItem, TemplateId } from '../../template/model.ts';
import { compactText } from '../text.ts';
import { placeBlocks } from './blocks.ts';
import { agrees, combine, decide, exactly, type Decision, type Placement } from './decide.ts';
import { disclosureRowHolds, disclosureOrderHolds, valueOf } from './identities.ts';
import type { SectionOutcome } from './applications.ts';
import { attachLabels } from './attach.ts';
import { Accounted, claims, lineRows } from './claims.ts';
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
 * items to recover: a sub-table is only read again when one of its items is wanted. `readLines` are
 * the lines of the figures reading row by row placed.
 */
export function recoverDisclosure(region: Region, template: TemplateId, catalog: Catalog, wanted: ReadonlySet<string>, readLines: ReadonlySet<number>): SectionOutcome {
  const items = catalog.itemsOf(template);
  const values = region.figures.map((f) => valueOf(f.slot.figure!));
  const solve = (rows: readonly DisclosureItem[], from: number, to: number) => solveRows(region, template, catalog, rows, from, to, values);
  // Each row label with the figures just before or just after it, every figure taken once …
  const byCode = (code: string) => items.find((i) => i.code === code);
  const attached = attachLabels(region, {
    kind: 'item',
    width: (code) => (byCode(code) ? catalog.measuresOf(byCode(code)!, template).length : null),
    solve: (codes, from, to) => candidatesOf(region, template, catalog, codes.map((c) => byCode(c)!), from, to, values),
    valueAt: (i) => values[i],
  });
  if (attached === 'too_many') return { kind: 'too_many' };
  // … or, when no such reading takes every figure, labels listed together and the figures after them.
  const claimed = attached ? [attached] : claimedRows(region, template, catalog, items, wanted, values, readLines);
  if (claimed === 'too_many') return { kind: 'too_many' };
  const accepted = claimed.length > 0 ? combine(claimed) : null;
  const used = new Set<Slot>(accepted ? [...accepted.rows.values()].flat() : []);
  const open = (code: string) => wanted.has(code) && !accepted?.rows.has(code) && !accepted?.disputed.includes(code);
  const more: Decision[] = [];
  // Then sub-table by sub-table, where no claimed figure stands …
  for (const [article, [from, to]] of groupByArticle(region.figures)) {
    const rows = items.filter((i) => i.article === article);
    if (article === null || !rows.some((r) => open(r.code))) continue;
    const figures = region.figures.slice(from, to);
    if (figures.some((f) => used.has(f.slot))) continue;
    // A figure after another sub-table's row label is not this sub-table's (labels listed apart from their figures).
    if (figures.some((f) => f.gap.some((e) => e.kind === 'item' && catalog.disclosureItem(e.code).article !== article))) continue;
    const result = solve(rows, from, to);
    if (result === 'too_many') return { kind: 'too_many' };
    if (result) more.push(result);
  }
  // … and, for items still not placed, the section as one table, if it agrees with what is placed.
  const placed = (code: string) => !open(code) || more.some((d) => d.rows.has(code));
  if ([...wanted].some((code) => !placed(code))) {
    const whole = solve(items, 0, region.figures.length);
    if (whole === 'too_many') return { kind: 'too_many' };
    if (whole && agrees(whole, [accepted, ...more])) more.push(exactly(whole));
  }
  const all = [...(accepted ? [accepted] : []), ...more];
  return all.length > 0 ? { kind: 'decided', decision: combine(all) } : { kind: 'none' };
}

/** Rows whose labels were listed together before their figures (labels in one table, figures in the next). */
function claimedRows(region: Region, template: TemplateId, catalog: Catalog, items: readonly DisclosureItem[], wanted: ReadonlySet<string>, values: readonly (number | null)[], readLines: ReadonlySet<number>): Decision[] | 'too_many' {
  const claimed: Decision[] = [];
  const accounted = new Accounted(readLines);
  for (const claim of claims(region.figures, 'item', (code) => items.some((i) => i.code === code), 1)) {
    if (!accounted.clears(region.figures, claim)) continue;
    if (!claim.codes.some((code) => wanted.has(code))) {
      accounted.add(region.figures.slice(claim.from, claim.to).map((f) => f.slot));
      continue;
    }
    const rows = claim.codes.map((code) => items.find((i) => i.code === code)!);
    const result = solveRows(region, template, catalog, rows, claim.from, claim.to, values);
    if (result === 'too_many') return 'too_many';
    const byLine = result ? null : lineRows(region.figures, claim);
    let decision = result;
    if (!decision && byLine) {
      // A row that lost figures: its line still pairs it with its label; the full rows are placed.
      const full = rows.map((r, k) => [r, byLine[k]] as const).filter(([r, cells]) => {
        const measures = catalog.measuresOf(r, template);
        return cells.length === measures.length && disclosureRowHolds(measures, cells.map((i) => region.figures[i].slot.figure!), catalog);
      });
      decision = decide(full.length > 0 ? [new Map(full.map(([r, cells]) => [r.code, cells]))] : [], region.figures, (i) => values[i]);
    }
    if (decision) {
      claimed.push(decision);
      accounted.add([...decision.rows.values()].flat());
    }
  }
  return claimed;
}

/** Items `rows` placed from the region's figures `from` … `to`; null when no placement fits. */
function solveRows(region: Region, template: TemplateId, catalog: Catalog, rows: readonly DisclosureItem[], from: number, to: number, values: readonly (number | null)[]): Decision | 'too_many' | null {
  const candidates = candidatesOf(region, template, catalog, rows, from, to, values);
  if (candidates === null || candidates === 'too_many') return candidates;
  const placements: Placement[] = candidates.map((c) => new Map(rows.map((r, k) => [r.code, c.cells[k]])));
  return decide(placements, region.figures, (i) => values[i]);
}

/** The placements of items `rows` over the region's figures `from` … `to` (cells as region figure indexes). */
function candidatesOf(region: Region, template: TemplateId, catalog: Catalog, rows: readonly DisclosureItem[], from: number, to: number, values: readonly (number | null)[]): { cells: number[][] }[] | 'too_many' | null {
  const figures = region.figures.slice(from, to);
  const tokens = figures.map((f) => f.slot.figure!);
  const result = placeBlocks(values.slice(from, to), {
    // Section 二's rows have no tall merged cells, the cause of PDF text giving columns: always row by row.
    rows: rows.map((r) => ({ width: catalog.measuresOf(r, template).length, group: r.code })),
    rowHolds: (row, _values, cells) => disclosureRowHolds(catalog.measuresOf(rows[row], template), cells.map((i) => tokens[i]), catalog),
    lineOf: (i) => figures[i].slot.line,
    delimitedAt: (i) => figures[i].delimited,
    tableHolds: () => true,
  });
  if (!result) return null;
  if (result.kind === 'too_many') return 'too_many';
  // Placements that keep the rules' order within rows (本年新公开 ≤ 对外公开总数量), when there are such, over those that do not.
  const plausible = result.candidates.filter((c) => c.values.every((v, k) => disclosureOrderHolds(catalog.measuresOf(rows[k], template), v, catalog)));
  const chosen = plausible.length > 0 ? plausible : result.candidates;
  return chosen.map((c) => ({ cells: c.cells.map((row) => row.map((i) => (i < 0 ? i : i + from))) }));
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
