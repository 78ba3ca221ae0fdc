// OCR where a PDF page has no usable text: a scanned page (no text layer, or
// one of unmapped glyphs, or a stray line or two), read whole; and, on a page
// that has text, a large picture with no text over it (a table pasted in as
// an image), read within its rectangle. The boxes read become PageItems in
// the page's points, beside the text layer's, for the same table rebuilder.

import type { Finding } from '../../findings.ts';
import { DEFAULT_OCR_DPI, type OcrContext, type OcrOutcome } from '../ocr/context.ts';
import { isOcrItem, ocrItems, type OcrItem } from '../ocr/layout.ts';
import { ocrNotRead, ocrRead } from '../ocr/messages.ts';
import { resize, type Raster } from '../ocr/raster.ts';
import { garbledShare } from './garbled.ts';
import type { PageText } from './items.ts';
import type { PageItem } from '../rows.ts';
import { pageList } from './messages.ts';
import { imageRects, renderPage, type Rect } from './render.ts';

type PdfPage = Parameters<typeof renderPage>[0];

/** A page with fewer visible characters than this in its text layer is a scan (a page number is not text). */
const USABLE_CHARS = 20;
/** Unmapped glyphs above this share make a text layer garbage. */
const GARBLED = 0.2;
/** A picture worth reading covers at least this share of the page, and this many points each way. */
const PICTURE_SHARE = 0.06;
const PICTURE_SIDE = 60;
/** A picture with fewer text-layer characters over it than this is read by OCR. */
const TEXT_OVER_PICTURE = 10;

export interface PageOcr {
  /** Items to build the page's rows from: OCR'd ones, with or without the text layer's. */
  items: PageItem[];
  /** The page (or a picture on it) was read by OCR. */
  read: boolean;
  /** Why an image of the page could not be read, if one could not. */
  unread: Exclude<OcrOutcome, { ok: true }>['why'] | null;
  detail?: string;
}

function visibleChars(items: readonly PageItem[]): number {
  let n = 0;
  for (const it of items) n += it.str.replace(/\s/g, '').length;
  return n;
}

function inside(item: PageItem, r: Rect): boolean {
  const midY = item.y - 0.35 * item.size;
  return item.x >= r.x && item.x <= r.x + r.width && midY >= r.y && midY <= r.y + r.height;
}

/** The page's text items, with OCR'd items where the page or a picture on it has no usable text. */
export async function ocrPage(page: PdfPage, pageNumber: number, text: PageText, ocr: OcrContext): Promise<PageOcr> {
  const dpi = ocr.settings.dpi ?? DEFAULT_OCR_DPI;
  const scale = 72 / dpi;
  let rendered: Promise<Raster> | null = null;
  const raster = () => (rendered ??= renderPage(page, dpi));
  const chars = visibleChars(text.items);
  const usable = chars >= USABLE_CHARS && garbledShare(text.items.map((i) => i.str).join('')) <= GARBLED;
  if (!usable) {
    const outcome = await ocr.read(`p${pageNumber}`, raster);
    if (!outcome.ok) return { items: text.items, read: false, unread: outcome.why, detail: outcome.detail };
    // The few characters of the text layer (a page number, a stamp's caption) are read again from the image.
    return { items: ocrItems(outcome.boxes, { scale }), read: true, unread: null };
  }
  const viewport = page.getViewport({ scale: 1 });
  // A page turned to read its text (pageItems) has other coordinates than its pictures.
  if (Math.abs(text.width - viewport.width) > 1) return { items: text.items, read: false, unread: null };
  const area = viewport.width * viewport.height;
  const pictures = (await imageRects(page)).filter(
    (r) => r.width >= PICTURE_SIDE && r.height >= PICTURE_SIDE && r.width * r.height >= PICTURE_SHARE * area && visibleChars(text.items.filter((i) => inside(i, r))) < TEXT_OVER_PICTURE,
  );
  const items: PageItem[] = [...text.items];
  let read = false;
  for (const [k, r] of pictures.entries()) {
    const crop = async (): Promise<Raster> => {
      const full = await raster();
      const region = { x: r.x / scale, y: r.y / scale, width: r.width / scale, height: r.height / scale };
      return resize(full, Math.max(1, Math.round(region.width)), Math.max(1, Math.round(region.height)), region);
    };
    const outcome = await ocr.read(`p${pageNumber}i${k + 1}`, crop);
    if (!outcome.ok) return { items, read, unread: outcome.why, detail: outcome.detail };
    const found: OcrItem[] = ocrItems(outcome.boxes, { scale, left: r.x, top: r.y });
    items.push(...found);
    read ||= found.length > 0;
  }
  return { items, read, unread: null };
}

/** What OCR did to a file's pages, as findings: pages read (and digits in doubt), pages that could not be. */
export function ocrFindings(name: string, pages: ReadonlyMap<number, PageOcr>, ocr: OcrContext): Finding[] {
  const findings: Finding[] = [];
  const read = [...pages].filter(([, p]) => p.read).map(([n]) => n);
  if (read.length > 0) {
    let doubtful = 0;
    for (const n of read) for (const it of pages.get(n)!.items) if (isOcrItem(it)) doubtful += it.doubtful;
    findings.push(ocrRead(name, pageList(read), doubtful));
  }
  const byWhy = new Map<string, number[]>();
  for (const [n, p] of pages) if (p.unread) byWhy.set(p.unread, [...(byWhy.get(p.unread) ?? []), n]);
  for (const [why, list] of byWhy) {
    const detail = pages.get(list[0])!.detail;
    findings.push(ocrNotRead(name, pageList(list), why as PageOcr['unread'] & string, detail, ocr.settings.budgetSeconds));
  }
  return findings;
}
