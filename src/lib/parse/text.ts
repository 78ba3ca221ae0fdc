// Character-level normalisation shared by the cell reader and the label index.
// Reports mix full- and half-width forms, spaces inside words, lost or
// different numbering and decorative markdown; a label is compared by its key:
// the words alone.

const CHINESE_NUMERALS = '零一二三四五六七八九十';

const FULL_WIDTH = /[\uff01-\uff5e\u3000\u00a0]/g;
const HAS_FULL_WIDTH = /[\uff01-\uff5e\u3000\u00a0]/;
const halfOf = (ch: string) => (ch === '\u3000' || ch === '\u00a0' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/** Full-width ASCII forms (digits, brackets, punctuation) to half-width; ideographic space to space. */
export function toHalfWidth(s: string): string {
  return HAS_FULL_WIDTH.test(s) ? s.replace(FULL_WIDTH, halfOf) : s;
}

/** The text's lines ('\n'-separated; a line's number is its index + 1). */
export function splitLines(text: string): string[] {
  return text.split('\n');
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x200b || c === 0xfeff || (c >= 0x2000 && c <= 0x200a);
}

/** Trim ASCII, non-breaking, ideographic and zero-width spaces. */
export function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Whether `s` is empty or spaces only. */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/**
 * `removeSpaces(toHalfWidth(s))` in one pass, for text compared word by word (title and closing
 * lines): about 40 % faster on report lines than the two replacements.
 */
export function compactText(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      out += s.slice(from, i);
      from = i + 1;
    } else if (c >= 0xff01 && c <= 0xff5e) {
      out += s.slice(from, i) + String.fromCharCode(c - 0xfee0);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

const SPACES = /[ \t\u00a0\u3000\u200b\ufeff\u2000-\u200a]+/g;

export function removeSpaces(s: string): string {
  return s.replace(SPACES, '');
}

export interface Numbered {
  /** The numbering as printed, normalised: '一', '(一)', '1', or null. */
  number: string | null;
  rest: string;
}

const NUMBER_MARKS = '、.．,，:：';

/**
 * Splits leading numbering off a half-width, space-free string:
 * '一、…', '(一)…', '(1)…', '1.…', '1、…', '①…'. Years ('2023年') are not numbering.
 */
export function splitNumbering(s: string): Numbered {
  if (s.length === 0) return { number: null, rest: s };
  const first = s[0];
  if (first === '(') {
    const close = s.indexOf(')');
    if (close > 1 && close <= 4) {
      const inner = s.slice(1, close);
      if (isNumeral(inner)) return { number: `(${inner})`, rest: s.slice(close + 1) };
    }
    return { number: null, rest: s };
  }
  const circled = first.charCodeAt(0) - 0x2460;
  if (circled >= 0 && circled < 20) return { number: String(circled + 1), rest: s.slice(1) };
  let i = 0;
  while (i < s.length && i < 3 && (isDigit(s.charCodeAt(i)) || CHINESE_NUMERALS.includes(s[i]))) i++;
  if (i > 0 && i < s.length && NUMBER_MARKS.includes(s[i])) {
    // '2.5万元' is a number, not numbering.
    if (s[i] === '.' && i + 1 < s.length && isDigit(s.charCodeAt(i + 1))) return { number: null, rest: s };
    return { number: s.slice(0, i), rest: s.slice(i + 1) };
  }
  return { number: null, rest: s };
}

function isNumeral(s: string): boolean {
  if (s.length === 0 || s.length > 3) return false;
  for (const ch of s) if (!CHINESE_NUMERALS.includes(ch) && !isDigit(ch.charCodeAt(0))) return false;
  return true;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** Punctuation and marks that do not distinguish one label from another. */
const DROPPED = /[、,.;:!?"'“”‘’《》<>/\\|*#\-_~`·…—　「」『』\[\]【】{}]+/g;

/**
 * The comparison key of a label: half-width, no spaces, no markdown, no leading
 * numbering, no parenthesised asides (an unclosed one runs to the end), no
 * punctuation. '（二）部分公开（区分处理的，只计这一情形…' → '部分公开'.
 */
export interface LabelKey {
  /** The words alone: what labels are compared by. */
  key: string;
  /** The leading numbering without brackets ('一', '1'), or null. */
  number: string | null;
  /** The numbering was bracketed: '（一）' rather than '一、'. */
  bracketed: boolean;
  /** The words with their bracketed asides kept ('第二十条第(一)项', '本年收费金额(单位万元)'). */
  full: string;
}

export function labelKey(raw: string): LabelKey {
  let s = compactText(raw);
  s = stripDecoration(s);
  const { number, rest } = splitNumbering(s);
  return {
    key: dropChars(stripParentheses(rest)),
    number: number ? normaliseNumber(number) : null,
    bracketed: number !== null && number.startsWith('('),
    full: dropChars(rest),
  };
}

function stripDecoration(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === '*' || s[a] === '#' || s[a] === '>')) a++;
  while (b > a && s[b - 1] === '*') b--;
  return s.slice(a, b);
}

/** '(一)' and '一' and '（一）' compare equal; so do '1' and '1.'. */
export function normaliseNumber(n: string): string {
  return n.replace(/[()]/g, '');
}

function stripParentheses(s: string): string {
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

function dropChars(s: string): string {
  return s.replace(DROPPED, '');
}

/** Longest common subsequence length, for telling a misspelt label from a wrapped fragment. */
export function lcsLength(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const prev = new Uint16Array(b.length + 1);
  const cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ca === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    prev.set(cur);
  }
  return prev[b.length];
}
