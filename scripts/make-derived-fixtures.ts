// Makes the derived test fixtures of the shared corpus's PDFs: their text as
// PDF reading order gives it, the way users copy it out of PDF files.
//
//   npx tsx scripts/make-derived-fixtures.ts
//
// test/fixtures/derived/pdftotext/NAME.txt   `pdftotext FILE` (poppler-utils, without -layout)
// test/fixtures/derived/pdfjs/NAME.txt       pdf.js getTextContent order: items joined, a line at each end of line
//
// Needs poppler-utils (apt-get install -y poppler-utils); the outputs are committed, so tests and CI
// do not.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openPdf } from '../src/lib/decode/pdf/pdfjs.ts';

const root = join(import.meta.dirname, '..');
const pdfDir = join(root, 'test/fixtures/corpus/pdf');
const outDir = join(root, 'test/fixtures/derived');

/** The text as pdf.js gives it to a viewer's copy: items in content-stream order. */
async function pdfjsOrder(path: string): Promise<string> {
  const doc = await openPdf(new Uint8Array(readFileSync(path)));
  const lines: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
  }
  await doc.destroy();
  return lines.join('\n') + '\n';
}

mkdirSync(join(outDir, 'pdftotext'), { recursive: true });
mkdirSync(join(outDir, 'pdfjs'), { recursive: true });
for (const file of readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort()) {
  const name = basename(file, '.pdf');
  const path = join(pdfDir, file);
  execFileSync('pdftotext', [path, join(outDir, 'pdftotext', `${name}.txt`)]);
  writeFileSync(join(outDir, 'pdfjs', `${name}.txt`), await pdfjsOrder(path));
  console.log(`${name}: pdftotext, pdfjs`);
}
