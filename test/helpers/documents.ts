// Report documents generated from a sample's text, as the formats and collector tests publish them:
// a Word .docx and a web page (paragraphs, and each run of TAB-separated lines as a table).

import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: string[][] };

/** A sample's lines as paragraphs, and each run of TAB lines as a table (one row per line). */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.replace(/^\uFEFF/, '').replace(/\n$/, '').split('\n')) {
    if (line.includes('\t')) {
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'table') last.rows.push(line.split('\t'));
      else blocks.push({ kind: 'table', rows: [line.split('\t')] });
    } else {
      blocks.push({ kind: 'p', text: line });
    }
  }
  return blocks;
}

export async function docxOf(text: string): Promise<Uint8Array> {
  const children = blocksOf(text).map((b) =>
    b.kind === 'p'
      ? new Paragraph({ children: [new TextRun(b.text)] })
      : new Table({
          rows: b.rows.map((cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun(c)] })] })) })),
        }),
  );
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A sample's text as HTML: paragraphs and tables. */
export function htmlBody(text: string): string {
  return blocksOf(text)
    .map((b) =>
      b.kind === 'p'
        ? b.text.trim() === '' ? '' : `<p>${escapeHtml(b.text)}</p>`
        : `<table border="1">\n${b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}\n</table>`,
    )
    .join('\n');
}

/** A sample's text as a minimal saved web page (UTF-8). */
export function htmlOf(text: string): Uint8Array {
  const body = htmlBody(text);
  const page = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n<body>\n<div id="zoom">\n${body}\n</div>\n</body></html>\n`;
  return new Uint8Array(Buffer.from(page, 'utf8'));
}
