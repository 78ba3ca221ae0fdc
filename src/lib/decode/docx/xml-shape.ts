// Counting a Word part's XML elements and measuring their nesting, on the
// bytes, before mammoth parses them: mammoth builds a DOM and a document
// model of about 2 KB of heap per element (1.5 million empty paragraphs, a
// 14 KB file, exhaust a worker), and walks them recursively.

import type { DecodeLimits } from '../limits.ts';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

export interface XmlShape {
  /** Elements counted (up to the first cap gone over). */
  elements: number;
  /** The cap gone over, if any. */
  over: 'xmlElements' | 'xmlDepth' | null;
}

/** Where the markup that starts at `at` (a '<' followed by '!' or '?') ends. */
function endOfSpecial(xml: Buffer, at: number): number {
  const head = xml.toString('latin1', at, at + 9);
  const close = head.startsWith('<!--') ? '-->' : head.startsWith('<![CDATA[') ? ']]>' : xml[at + 1] === QUESTION ? '?>' : '>';
  const end = xml.indexOf(close, at + 2, 'latin1');
  return end === -1 ? xml.length : end + close.length;
}

/** Where the tag that starts at `at` ends ('>' outside quoted attribute values), and whether it closes itself. */
function endOfTag(xml: Buffer, at: number): { end: number; empty: boolean } {
  let quote = 0;
  for (let j = at + 1; j < xml.length; j++) {
    const b = xml[j];
    if (quote !== 0) {
      if (b === quote) quote = 0;
    } else if (b === QUOTE || b === APOSTROPHE) {
      quote = b;
    } else if (b === GT) {
      return { end: j + 1, empty: xml[j - 1] === SLASH };
    }
  }
  return { end: xml.length, empty: true };
}

/**
 * The elements of one XML part (UTF-8, as mammoth reads it), counted
 * against what is left of the element budget, and their nesting against the
 * depth cap. Stops at the first cap gone over.
 */
export function xmlShape(bytes: Uint8Array, limits: Pick<DecodeLimits, 'xmlElements' | 'xmlDepth'>): XmlShape {
  const xml = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let elements = 0;
  let depth = 0;
  let i = xml.indexOf(LT);
  while (i !== -1) {
    const next = xml[i + 1];
    if (next === SLASH) {
      depth--;
      const end = xml.indexOf(GT, i);
      if (end === -1) break;
      i = xml.indexOf(LT, end);
      continue;
    }
    if (next === BANG || next === QUESTION) {
      i = xml.indexOf(LT, endOfSpecial(xml, i));
      continue;
    }
    if (++elements > limits.xmlElements) return { elements, over: 'xmlElements' };
    const tag = endOfTag(xml, i);
    if (!tag.empty && ++depth > limits.xmlDepth) return { elements, over: 'xmlDepth' };
    i = xml.indexOf(LT, tag.end);
  }
  return { elements, over: null };
}
