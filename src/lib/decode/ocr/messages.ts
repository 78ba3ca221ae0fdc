// Findings of reading by OCR, with messages in Chinese that name the file and
// the pages or pictures concerned.

import { finding, type Finding } from '../../findings.ts';
import type { OcrOutcome } from './context.ts';

/** The part of a file that was read: '第 2–5 页', '中的 3 张图片'. */
export type Where = string;

export function ocrRead(name: string, where: Where, doubtful: number): Finding {
  const doubt = doubtful > 0 ? `；有 ${doubtful} 个数字识别把握不足，所在的数字记为未披露` : '';
  return finding('input_ocr', {
    message: `文件“${name}”${where}没有可用的文字，已用文字识别（OCR）读取：识别出的文字和数字可能有误，请以原件为准${doubt}。`,
  });
}

/** Images that needed OCR and were not read. */
export function ocrNotRead(name: string, where: Where, why: Exclude<OcrOutcome, { ok: true }>['why'], detail: string | undefined, budgetSeconds: number): Finding {
  switch (why) {
    case 'budget':
      return finding('input_ocr', { message: `文件“${name}”${where}需要文字识别（OCR），但超过了每个文件 ${budgetSeconds} 秒的识别时限，未能读取，其内容缺失。` });
    case 'not_cached':
      return finding('input_ocr', { severity: 'info', message: `文件“${name}”${where}的文字识别（OCR）结果不在缓存中，此处未显示。` });
    default:
      return finding('input_ocr', { severity: 'error', message: `文件“${name}”${where}需要文字识别（OCR），但本机无法加载识别引擎${detail ? `（${detail.slice(0, 200)}）` : ''}，未能读取。` });
  }
}
