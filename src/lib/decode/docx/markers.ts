// Provenance through the HTML path: before mammoth's HTML is turned into
// text, every body paragraph and every table row that has text gets an
// invisible marker (private-use characters holding its block number) at the
// start of its content (a row: of its first cell). After the conversion the
// markers give each line its block and are taken out again. Blocks are
// counted in document order: paragraphs outside tables, and the rows of
// top-level tables, one each.

const OPEN = '\uE000';
const CLOSE = '\uE001';
/** Digits 0-9 as U+E010-U+E019. */
const DIGIT0 = 0xe010;
const MARKER = /\uE000([\uE010-\uE019]+)\uE001/g;

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;
const PARAGRAPH = /^(?:p|h[1-6]|li)$/;

function marker(n: number): string {
  let digits = '';
  for (const d of String(n)) digits += String.fromCharCode(DIGIT0 + d.charCodeAt(0) - 48);
  return OPEN + digits + CLOSE;
}

/** True when the element opened just before `from` has visible text before its closing tag. */
function hasText(html: string, from: number, tag: string): boolean {
  const close = html.indexOf(`</${tag}>`, from);
  const inner = html.slice(from, close === -1 ? html.length : close);
  return /\S/.test(inner.replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/g, ' '));
}

/** Inserts block markers into mammoth's HTML. */
export function markBlocks(html: string): string {
  const parts: string[] = [];
  let last = 0;
  let tables = 0;
  let block = 0;
  /** Block number waiting for the first cell of the current row (0: none). */
  let pendingRow = 0;
  for (const m of html.matchAll(TAG)) {
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const end = m.index + m[0].length;
    if (tag === 'table') {
      tables = Math.max(0, tables + (closing ? -1 : 1));
      continue;
    }
    if (closing) continue;
    let insert = '';
    if (tables === 0 && PARAGRAPH.test(tag)) {
      block++;
      if (hasText(html, end, tag)) insert = marker(block);
    } else if (tables === 1 && tag === 'tr') {
      block++;
      pendingRow = hasText(html, end, 'tr') ? block : 0;
    } else if (tables === 1 && pendingRow && (tag === 'td' || tag === 'th')) {
      insert = marker(pendingRow);
      pendingRow = 0;
    }
    if (insert) {
      parts.push(html.slice(last, end), insert);
      last = end;
    }
  }
  parts.push(html.slice(last));
  return parts.join('');
}

function blockNumber(digits: string): number {
  let n = 0;
  for (let i = 0; i < digits.length; i++) n = n * 10 + (digits.charCodeAt(i) - DIGIT0);
  return n;
}

/**
 * Takes the markers out of the text: returns the lines without them (and
 * without spaces at either end) and each line's block. A line without a
 * marker belongs to the block of the line before (a paragraph broken by <br>).
 */
export function unmarkLines(text: string): { lines: string[]; blocks: number[] } {
  const lines = text.split('\n');
  const blocks: number[] = [];
  let current = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.includes(OPEN)) {
      let first = 0;
      line = line.replace(MARKER, (_m, digits: string) => {
        const n = blockNumber(digits);
        if (first === 0) first = n;
        current = n;
        return '';
      });
      if (first > 0) blocks.push(first);
      else blocks.push(current);
    } else {
      blocks.push(current);
    }
    lines[i] = line.replace(/^[ \u00a0]+|[ \u00a0]+$/g, '');
  }
  return { lines, blocks };
}
