// decodeReport: a report file's bytes to the plain text the parser reads, or
// a clear statement of why there is none.
//
// Order: size and emptiness; container formats by magic number (PDF, DOCX,
// DOC/WPS, images …); text encoding (BOM, UTF-8, GB18030, UTF-16 …); HTML to
// text; then line ends, NFC and Traditional Chinese. The common case (a valid
// UTF-8 text file) costs one fatal TextDecoder call plus a few checks on the
// first few thousand characters.
//
// decodeReport is synchronous and reads text and HTML; decodeReportAsync also
// reads the formats whose readers are asynchronous (PDF, Word, pictures:
// readers.ts) and, given an OCR context, reads images by OCR.

import { finding, type Finding } from '../findings.ts';
import { countReplacements, decodeText } from './encoding.ts';
import { readImages } from './html-images.ts';
import { readPage } from './html-page.ts';
import { resolveLimits, type DecodeLimits } from './limits.ts';
import type { OcrContext } from './ocr/context.ts';
import { withoutPinyin } from './pinyin.ts';
import * as msg from './messages.ts';
import { ASYNC_READERS, READERS } from './readers.ts';
import type { DocumentFormat, ReaderResult } from './reader.ts';
import { bytesLookLikeHtml, declaredHtmlEncoding, looksLikeHtml, sniffContainer, type ContainerSniff } from './sniff.ts';
import { checkTraditional, toSimplified } from './traditional.ts';
import { DEFAULT_MAX_BYTES, type DecodedReport, type DecodeOptions, type SourceFormat } from './types.ts';

export type { DecodedReport, DecodeOptions, SourceFormat, SourceLocation, TextEncoding } from './types.ts';
export { ASYNC_READERS, READERS } from './readers.ts';
export type { AsyncDocumentReader, DocumentFormat, DocumentReader, ReaderResult } from './reader.ts';
export { sniffContainer, type ContainerSniff } from './sniff.ts';
export { DEFAULT_MAX_BYTES } from './types.ts';
export { DEFAULT_LIMITS, type DecodeLimits, type LimitBreach } from './limits.ts';

/** How much of an over-large file is looked at to name its format. */
const TOO_LARGE_HEAD = 64 * 1024;

function failed(format: SourceFormat, findings: Finding[]): DecodedReport {
  return { ok: false, text: '', format, encoding: null, traditional: false, findings };
}

function allZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function normalizeLineEnds(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** True when the text has a character other than whitespace (stops at the first one). */
function hasContent(text: string): boolean {
  return /[^\s\u200b\ufeff]/.test(text);
}

/** Finishing steps shared by every format that gave text. */
function finish(text: string, format: SourceFormat, encoding: string | null, findings: Finding[], name: string): DecodedReport {
  if (!hasContent(text)) {
    // Only the emptiness is worth telling; an HTML page keeps its format.
    return failed(format === 'text' ? 'empty' : format, [msg.emptyFile(name, format === 'html' ? 'html' : 'blank')]);
  }
  let out = text.normalize('NFC');
  const pinyin = withoutPinyin(out);
  if (pinyin.removed > 0) {
    out = pinyin.text;
    findings.push(msg.pinyinNotes(name, pinyin.removed));
  }
  let traditional = false;
  if (checkTraditional(out).traditional) {
    out = toSimplified(out);
    traditional = true;
    findings.push(msg.traditionalText(name));
  }
  return { ok: true, text: out, format, encoding, traditional, findings };
}

/** Finishes a document reader's result; its source map (one entry per line) stays valid. */
function finishDocument(result: ReaderResult, format: DocumentFormat, name: string): DecodedReport {
  if (result.text === null) return failed(format, result.findings);
  const decoded = finish(normalizeLineEnds(result.text).replace(/^\uFEFF/, ''), format, null, [...result.findings], name);
  if (decoded.ok && result.sourceMap) decoded.sourceMap = result.sourceMap;
  return decoded;
}

function readContainer(bytes: Uint8Array, fileName: string, name: string, sniff: ContainerSniff, limits: DecodeLimits): DecodedReport {
  if (sniff.format === 'binary' || (sniff.format === 'image' && !READERS.image)) {
    // A picture read without OCR (the synchronous path) is refused as before OCR existed.
    return failed(sniff.format, [sniff.document ? msg.unsupportedFormat(name, sniff.label) : msg.binaryFile(name, sniff.label)]);
  }
  const format: DocumentFormat = sniff.format;
  const reader = READERS[format];
  if (!reader) return failed(format, [msg.unsupportedFormat(name, sniff.label)]);
  return finishDocument(reader(bytes, fileName, limits), format, name);
}

/** `images`: an HTML page's pictures are marked in its text and listed (for OCR, html-images.ts). */
function readText(bytes: Uint8Array, name: string, limits: DecodeLimits, images = false): DecodedReport & { images?: string[] } {
  const htmlBytes = bytesLookLikeHtml(bytes);
  const decoded = decodeText(bytes, htmlBytes ? declaredHtmlEncoding(bytes) : null);
  if (decoded.kind === 'binary') {
    return allZero(bytes) ? failed('empty', [msg.emptyFile(name, 'nul')]) : failed('binary', [msg.binaryFile(name, null)]);
  }
  const { encoding } = decoded;
  const findings: Finding[] = [];
  if (encoding !== 'utf-8') findings.push(msg.encodingDetected(name, encoding, decoded.source));
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const replacements = countReplacements(text);
  if (replacements > 0) findings.push(msg.decodeErrors(name, replacements, encoding));
  text = normalizeLineEnds(text);
  if (htmlBytes || looksLikeHtml(text.slice(0, 1024))) {
    const html = readPage(text, limits, { images });
    if (html.refused) return failed('html', [msg.overLimit(name, '网页', html.refused, limits)]);
    findings.push(msg.htmlPage(name, html.tables));
    if (html.fromScript) findings.push(msg.scriptPage(name));
    if (html.flattened) findings.push(msg.flattenedDepth(name, '网页', limits));
    const decoded = finish(html.text, 'html', encoding, findings, name);
    if (decoded.ok) decoded.page = html.page;
    return { ...decoded, images: html.images };
  }
  return finish(text, 'text', encoding, findings, name);
}

/** A file's format named from its head only (an over-large file, or one the decoder failed on). */
function formatOfHead(bytes: Uint8Array, fileName: string): SourceFormat {
  const head = bytes.subarray(0, TOO_LARGE_HEAD);
  let format: SourceFormat = sniffContainer(head, fileName)?.format ?? 'text';
  if (format === 'text') {
    const decoded = decodeText(head);
    if (decoded.kind === 'binary') format = 'binary';
    else if (looksLikeHtml(decoded.text.slice(0, 1024))) format = 'html';
  }
  return format;
}

/** The decoder failed on the file (a defect of ours): a failed result that keeps the file's format. */
function crashed(bytes: Uint8Array, fileName: string, error: unknown): DecodedReport {
  const name = msg.displayName(fileName);
  let format: SourceFormat = 'binary';
  try {
    format = formatOfHead(bytes, fileName);
  } catch {
    // Keep 'binary': naming the format must not fail the failure.
  }
  return failed(format, [msg.decoderCrash(name, error)]);
}

/**
 * Turns a report file's bytes into plain text for the parser: NFC, '\n' line
 * ends, no BOM, HTML tables as TAB-separated rows, Traditional Chinese
 * converted to Simplified. When no text can be had, `ok` is false, `text` is
 * '' and the findings say why.
 */
export function decodeReport(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): DecodedReport {
  const name = msg.displayName(fileName);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) return failed('empty', [msg.emptyFile(name, 'zero')]);
  if (bytes.length > maxBytes) return failed(formatOfHead(bytes, fileName), [msg.tooLarge(name, bytes.length, maxBytes)]);
  try {
    const limits = resolveLimits(options.limits);
    const container = sniffContainer(bytes, fileName);
    if (container) return readContainer(bytes, fileName, name, container, limits);
    return readText(bytes, name, limits);
  } catch (error) {
    // The caps keep hostile input from getting here; whatever still does is a failed row, never a throw.
    return crashed(bytes, fileName, error);
  }
}

/**
 * decodeReport for every format, including those whose readers are
 * asynchronous (PDF through pdfjs, DOCX through mammoth). Everything else
 * (text, HTML, refused formats) goes through decodeReport unchanged. Never
 * rejects: a reader that fails gives a failed result with a finding.
 */
export async function decodeReportAsync(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): Promise<DecodedReport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0 || bytes.length > maxBytes) return decodeReport(bytes, fileName, options);
  const container = sniffContainer(bytes, fileName);
  if (!container && options.ocr) return readPageWithImages(bytes, fileName, options.ocr, resolveLimits(options.limits));
  const format = container && container.format !== 'binary' ? container.format : null;
  const reader = format ? ASYNC_READERS[format] : undefined;
  if (!format || !reader || READERS[format]) return decodeReport(bytes, fileName, options);
  const name = msg.displayName(fileName);
  let result: ReaderResult;
  try {
    result = await reader(bytes, fileName, resolveLimits(options.limits), options);
  } catch (error) {
    // Readers catch what they expect; anything else still ends as a failed row, not a crash.
    const text = error instanceof Error ? error.message : String(error);
    return failed(format, [finding('input_binary', { message: `${container!.label}“${name}”读取失败（${text}），未予解析。` })]);
  }
  try {
    return finishDocument(result, format, name);
  } catch (error) {
    return crashed(bytes, fileName, error);
  }
}

/** A text or HTML file, its pictures (if an HTML page has any) read by OCR where they stand. */
async function readPageWithImages(bytes: Uint8Array, fileName: string, ocr: OcrContext, limits: DecodeLimits): Promise<DecodedReport> {
  const name = msg.displayName(fileName);
  const { images, ...decoded } = readText(bytes, name, limits, true);
  if (!decoded.ok || !images?.length) return decoded;
  const read = await readImages(decoded.text, images, ocr, name, '网页');
  const findings = [...decoded.findings, ...read.findings];
  if (!/[^\s\u200b\ufeff]/.test(read.text)) return failed('html', [...findings, msg.emptyFile(name, 'html')]);
  const report: DecodedReport = { ...decoded, text: read.text, findings };
  if (read.sourceMap.some((l) => l.image !== undefined)) report.sourceMap = read.sourceMap;
  return report;
}
