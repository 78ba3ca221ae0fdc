// Section 二 from its figures in text order. The section is a series of
// sub-tables, one per article of the regulation ('第二十条第（五）项'); the
// model says which items each holds. Within a sub-table the figures are cut
// into blocks (row by row, or a column at a time) and kept when each figure
// fits its measure (a count is whole, a money unit only for money) and, under
// the 2019 template, 本年新公开 ≤ 对外公开总数量.

import { DISCLOSURE_ITEMS, measuresOf, type DisclosureItem, type TemplateId } from '../../template/model.ts';
import { compactText } from '../text.ts';
import { placeBlocks } from './blocks.ts';
import { decide, type Placement } from './decide.ts';
import { disclosureRowHolds, valueOf } from './identities.ts';
import type { SectionOutcome } from './applications.ts';
import type { Region, RegionFigure } from './region.ts';

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
  const groups = groupByArticle(region.figures);
  const placements: Placement[][] = [];
  let tooMany = false;
  const solve = (rows: readonly DisclosureItem[], figures: readonly RegionFigure[]) => {
    if (!rows.some((r) => wanted.has(r.code))) return;
    const tokens = figures.map((f) => f.slot.figure!);
    const values = tokens.map(valueOf);
    const result = placeBlocks(values, {
      rows: rows.map((r) => ({ width: measuresOf(r, template).length, group: r.article })),
      rowHolds: (row, _values, cells) => disclosureRowHolds(measuresOf(rows[row], template), cells.map((i) => tokens[i])),
      lineOf: (i) => figures[i].slot.line,
      tableHolds: () => true,
    });
    if (!result) return;
    if (result.kind === 'too_many') {
      tooMany = true;
      return;
    }
    // Indexes are into `figures`; the decision reads them from the region's list.
    const offset = region.figures.indexOf(figures[0]);
    placements.push(result.candidates.map((c) => new Map(rows.map((r, k) => [r.code, c.cells[k].map((i) => i + offset)]))));
  };
  if (groups.size > 0 && !groups.has(null)) {
    for (const [article, figures] of groups) solve(items.filter((i) => i.article === article), figures);
  } else {
    // No sub-table headings (or figures before the first): the section as one table.
    solve(items, region.figures);
  }
  if (tooMany) return { kind: 'too_many' };
  const values = region.figures.map((f) => valueOf(f.slot.figure!));
  // Sub-tables are independent: every combination of their candidates is a candidate.
  const decisions = placements.map((list) => decide(list, region.figures, (i) => values[i]));
  const merged = decisions.filter((d) => d !== null);
  if (merged.length === 0) return { kind: 'none' };
  const rows = new Map(merged.flatMap((d) => [...d.rows]));
  return { kind: 'decided', decision: { rows, disputed: merged.flatMap((d) => d.disputed), placed: merged.reduce((n, d) => n + d.placed, 0) } };
}

/** Figures by the sub-table heading they stand under (null: before any heading). */
function groupByArticle(figures: readonly RegionFigure[]): Map<string | null, RegionFigure[]> {
  const groups = new Map<string | null, RegionFigure[]>();
  let article: string | null = null;
  for (const f of figures) {
    article = articleIn(f.words) ?? article;
    const list = groups.get(article) ?? [];
    list.push(f);
    groups.set(article, list);
  }
  return groups;
}
