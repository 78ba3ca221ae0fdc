// Reports that a web page writes with a script: the report's HTML sits in a
// JavaScript string literal (escaped quotes, '\n', '\u4e00'), in a JSON value,
// or in document.write('…' + '…') pieces, and the page's visible body holds
// only site chrome. The strings are read out of the scripts (never run) and
// the one that reads most like a report is used when the visible page has no
// report of its own.

/** Longest script looked at; a larger one is a library, not a page's content. */
const MAX_SCRIPT_CHARS = 2_000_000;
/** A string shorter than this is not a report. */
const MIN_REPORT_CHARS = 200;

const SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** Words every report has: how many a text holds tells a report from chrome. */
const REPORT_WORDS = ['政府信息公开', '年度报告', '主动公开', '依申请', '行政复议', '行政诉讼', '本年新收', '第二十条', '申请人情况', '勾稽', '總計', '总计'];

/** How much a text reads like a report: report words met (each counted once) and tables. */
export function reportScore(text: string): number {
  let n = 0;
  for (const w of REPORT_WORDS) if (text.includes(w)) n++;
  if (/<table\b/i.test(text)) n += 2;
  return n;
}

/** The HTML (or text) strings the page's scripts hold, best report first; only those that may be one. */
export function scriptStrings(html: string): string[] {
  const out: { text: string; score: number }[] = [];
  for (const m of html.matchAll(SCRIPT)) {
    const body = m[1];
    if (body.length < MIN_REPORT_CHARS || body.length > MAX_SCRIPT_CHARS) continue;
    for (const text of joinedLiterals(body)) {
      if (text.length < MIN_REPORT_CHARS) continue;
      const score = reportScore(text);
      if (score >= 3) out.push({ text, score });
    }
  }
  return out.sort((a, b) => b.score - a.score || b.text.length - a.text.length).map((x) => x.text);
}

/**
 * The string literals of a script, decoded; literals joined by '+' (across line breaks) are one
 * string, as document.write('<p>' + '…' + '</p>') writes them.
 */
export function joinedLiterals(script: string): string[] {
  const out: string[] = [];
  let current: string | null = null;
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === '"' || c === "'" || c === '`') {
      const lit = readLiteral(script, i);
      if (!lit) break;
      current = current === null ? lit.value : current + lit.value;
      i = lit.end;
      // A '+' after the literal (spaces and line breaks around it) joins the next one.
      let j = i;
      while (j < script.length && /\s/.test(script[j])) j++;
      if (script[j] === '+') {
        j++;
        while (j < script.length && /\s/.test(script[j])) j++;
        if (script[j] === '"' || script[j] === "'" || script[j] === '`') {
          i = j;
          continue;
        }
      }
      out.push(current);
      current = null;
      continue;
    }
    if (c === '/' && script[i + 1] === '/') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 2;
      continue;
    }
    i++;
  }
  if (current !== null) out.push(current);
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** The literal starting at `start` (its quote), decoded, and the index after its closing quote. */
function readLiteral(s: string, start: number): { value: string; end: number } | null {
  const quote = s[start];
  let value = '';
  let i = start + 1;
  while (i < s.length) {
    const c = s[i];
    if (c === quote) return { value, end: i + 1 };
    if (c === '\n' && quote !== '`') return { value, end: i };
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) break;
    if (e === 'u' && s[i + 2] === '{') {
      const close = s.indexOf('}', i + 3);
      const code = Number.parseInt(s.slice(i + 3, close), 16);
      value += Number.isFinite(code) && close > 0 ? String.fromCodePoint(code) : '';
      i = close < 0 ? s.length : close + 1;
    } else if (e === 'u' || e === 'x') {
      const len = e === 'u' ? 4 : 2;
      const code = Number.parseInt(s.slice(i + 2, i + 2 + len), 16);
      value += Number.isFinite(code) ? String.fromCharCode(code) : '';
      i += 2 + len;
    } else if (e === '\n') {
      i += 2; // a line continuation
    } else {
      value += ESCAPES[e] ?? e;
      i += 2;
    }
  }
  return { value, end: s.length };
}
