// What the decoder tests share: text as bytes (UTF-8 or a legacy encoding), the rules of a
// decoded file's findings, and the shape of a refusal.

import iconv from 'iconv-lite';
import { expect } from 'vitest';
import type { DecodedReport } from '../../src/lib/decode/index.ts';

export const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
export const encode = (s: string, enc: string, addBOM = false) => new Uint8Array(iconv.encode(s, enc, { addBOM }));

export function rules(r: DecodedReport): string[] {
  return r.findings.map((f) => f.rule);
}

/** Asserts a refusal: no text, the format, no encoding, and one finding of the rule whose message names the file. */
export function expectRefused(r: DecodedReport, format: string, rule: string, fileName: string): void {
  expect(r.ok).toBe(false);
  expect(r.text).toBe('');
  expect(r.format).toBe(format);
  expect(r.encoding).toBeNull();
  expect(rules(r)).toEqual([rule]);
  expect(r.findings[0].section).toBe('input');
  expect(r.findings[0].message).toContain(fileName);
}
