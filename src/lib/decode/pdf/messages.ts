// Findings of the PDF reader, with messages in Chinese that name the file.

import { finding, type Finding } from '../../findings.ts';

/** Page numbers as a short Chinese list: '第 2、5–7 页'. */
export function pageList(pages: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    parts.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return `第 ${parts.join('、')} 页`;
}

export function scanned(name: string, pages: number): Finding {
  return finding('input_scanned_pdf', {
    message: `PDF 文件“${name}”共 ${pages} 页，没有文字层，是扫描图像；未做文字识别（OCR），未能读取。请提供带文字层的 PDF、Word 或网页版本。`,
  });
}

export function pagesWithoutText(name: string, pages: number[]): Finding {
  return finding('input_scanned_pdf', {
    severity: 'warning',
    message: `PDF 文件“${name}”${pageList(pages)}没有文字层（空白页或扫描页），这些页的内容未能读取。`,
  });
}

export function unreadablePages(name: string, pages: number[]): Finding {
  return finding('input_decode_errors', { message: `PDF 文件“${name}”${pageList(pages)}已损坏，无法读取，这些页的内容缺失。` });
}

export function garbledText(name: string, share: number): Finding {
  return finding('input_decode_errors', {
    message: `PDF 文件“${name}”的文字层中约有 ${Math.round(share * 100)}% 的字符无法识别（字体没有提供字符对照表），相关文字和数字可能缺失或有误。`,
  });
}

/** Why a PDF could not be opened: password, or a damaged file. */
export function openFailure(name: string, error: unknown): Finding {
  const kind = error instanceof Error ? error.name : '';
  if (kind === 'PasswordException') {
    return finding('input_unsupported_format', { message: `PDF 文件“${name}”设有打开密码，无法读取。请提供未加密的版本。` });
  }
  return finding('input_binary', { message: `PDF 文件“${name}”已损坏或不完整，无法读取。请重新下载或导出。` });
}
