// Findings on text that was read by OCR say so and point to the page: a failed
// check (勾稽关系, totals) on an OCR'd table may come from a misread digit, not
// from the report; an unreadable figure there is a digit OCR was unsure of.

import type { Finding } from '../findings.ts';
import { CATALOG, type Catalog } from '../template/model.ts';

/**
 * Where a line of the text comes from: the part of decode's SourceLocation the parser reads
 * (declared here: parse/ does not import decode/).
 */
export interface LineOrigin {
  page?: number;
  image?: number;
  ocr?: { confidence: number };
}

/** Checks whose failure on OCR'd figures may be a misreading: the catalog's rules, and the narrative against the tables. */
const checksOf = (catalog: Catalog) => new Set([...catalog.rules.map((r) => r.code), 'narrative_total_mismatch']);

function place(where: LineOrigin): string {
  if (where.page !== undefined) return `原件第 ${where.page} 页`;
  if (where.image !== undefined) return `原件第 ${where.image} 张图片`;
  return '原件';
}

function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** Adds to the findings that concern OCR'd lines what the reader must know. Findings are changed in place. */
export function noteOcr(findings: Finding[], sourceMap: readonly LineOrigin[] | undefined, catalog: Catalog = CATALOG): void {
  if (!sourceMap?.some((l) => l.ocr)) return;
  const CHECKS = checksOf(catalog);
  for (const f of findings) {
    if (f.line === null) continue;
    const where = sourceMap[f.line - 1];
    if (!where?.ocr) continue;
    if (CHECKS.has(f.rule)) {
      f.message += `（这些数字由文字识别（OCR）从${place(where)}读出，不成立可能是数字识别有误，请对照${place(where)}核对。）`;
    } else if (f.rule === 'cell_unreadable' && f.message.includes('\uFFFD')) {
      f.message += `（文字识别（OCR）对${place(where)}这一行的把握最低为 ${percent(where.ocr.confidence)}，无法确认的数字以“\uFFFD”表示。）`;
    }
  }
}
