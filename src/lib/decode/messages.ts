// The decode step's findings, with messages in Chinese that name the file.

import { finding, type Finding } from '../findings.ts';
import type { EncodingSource } from './encoding.ts';
import type { DecodeLimits, LimitBreach } from './limits.ts';
import type { TextEncoding } from './types.ts';

/** The file's name without folders, as shown in messages. */
export function displayName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030（兼容 GBK、GB2312）',
  big5: 'Big5（繁体中文）',
};

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

export function emptyFile(name: string, why: 'zero' | 'blank' | 'nul' | 'html'): Finding {
  const message = {
    zero: `文件“${name}”是空文件（0 字节），没有任何内容。`,
    blank: `文件“${name}”只有空白字符，没有文字内容。`,
    nul: `文件“${name}”全部是空字节，没有文字内容，可能下载或保存不完整。`,
    html: `网页文件“${name}”中没有正文文字。`,
  }[why];
  return finding('input_empty', { message });
}

export function tooLarge(name: string, size: number, limit: number): Finding {
  return finding('input_too_large', {
    message: `文件“${name}”大小为 ${megabytes(size)} MB，超过上限 ${megabytes(limit)} MB（年度报告通常只有几十 KB），未予解析。`,
  });
}

export function unsupportedFormat(name: string, label: string): Finding {
  return finding('input_unsupported_format', { message: `${label}暂不支持：文件“${name}”未予解析。` });
}

export function binaryFile(name: string, label: string | null): Finding {
  const message = label
    ? `文件“${name}”是${label}，不是文本，无法读取。`
    : `文件“${name}”不是文本：含有大量控制字符，或无法按任何常见中文编码解码，无法读取。`;
  return finding('input_binary', { message });
}

export function encodingDetected(name: string, encoding: TextEncoding, source: EncodingSource): Finding {
  const how = { bom: '（按字节顺序标记 BOM 识别）', declared: '（按网页声明的字符集）', detected: '（自动识别）' }[source];
  return finding('input_encoding', { message: `文件“${name}”的编码为 ${ENCODING_NAMES[encoding]}${how}，已转换为 UTF-8。` });
}

export function decodeErrors(name: string, count: number, encoding: string | null): Finding {
  const as = encoding && encoding in ENCODING_NAMES ? `按 ${ENCODING_NAMES[encoding as TextEncoding]} ` : '';
  return finding('input_decode_errors', {
    message: `文件“${name}”中有 ${count} 处字符无法${as}解码，已替换为“\uFFFD”，相关文字可能缺失。`,
  });
}

export function htmlPage(name: string, tables: number): Finding {
  const t = tables > 0 ? `及 ${tables} 个表格` : '，未发现数据表格';
  return finding('input_html', { message: `文件“${name}”是网页，已提取正文${t}。` });
}

export function traditionalText(name: string): Finding {
  return finding('input_traditional', { message: `文件“${name}”为繁体中文，已转换为简体中文后解析。` });
}

/** What went over a cap, as a phrase that follows the file's name. */
function breachPhrase(breach: LimitBreach, limits: DecodeLimits): string {
  const cap = limits[breach.limit];
  const part = breach.part ? `中的“${breach.part}”` : '';
  switch (breach.limit) {
    case 'zipEntries':
      return `含有超过 ${cap} 个压缩条目`;
    case 'zipEntryBytes':
      return `${part}解压后超过 ${megabytes(cap)} MB`;
    case 'zipTotalBytes':
      return `解压后的内容合计超过 ${megabytes(cap)} MB`;
    case 'xmlElements':
      return `含有超过 ${cap} 个 XML 元素（段落、文字块、表格单元格等）`;
    case 'xmlDepth':
      return `${part}的元素嵌套超过 ${cap} 层`;
    case 'htmlChars':
      return `的网页代码超过 ${cap} 个字符`;
    case 'htmlElements':
      return `含有超过 ${cap} 个网页元素（标签）`;
    case 'htmlDepth':
    case 'htmlTreeDepth':
      return `的标签嵌套超过 ${cap} 层`;
    case 'pdfPages':
      return breach.actual === undefined ? `超过 ${cap} 页` : `共 ${breach.actual} 页，超过 ${cap} 页的上限`;
    case 'pdfObjects':
      return `含有超过 ${cap} 个对象`;
    case 'pdfTextItems':
      return `的文字片段超过 ${cap} 个`;
    case 'pdfStreamBytes':
      return `中有数据流解压后超过 ${megabytes(cap)} MB`;
    case 'pdfTotalStreamBytes':
      return `的数据流解压后合计超过 ${megabytes(cap)} MB`;
  }
}

/** A file refused because it went over a cap (a zip bomb, a flood of elements): input_over_limit. */
export function overLimit(name: string, label: string, breach: LimitBreach, limits: DecodeLimits): Finding {
  return finding('input_over_limit', {
    message: `${label}“${name}”${breachPhrase(breach, limits)}，远超一份年度报告（可能是压缩炸弹或损坏的文件），为保护构建未予解析。`,
  });
}

/** Elements nested deeper than the cap were read flat: the text is kept, deep tables lose their columns. */
export function flattenedDepth(name: string, label: string, limits: DecodeLimits): Finding {
  return finding('input_over_limit', {
    severity: 'warning',
    message: `${label}“${name}”${breachPhrase({ limit: 'htmlTreeDepth' }, limits)}，更深层的内容已按顺序读取为文字，其中的表格不再分栏。`,
  });
}

/** The decoder itself failed on the file (a defect of this project): parse_crash, with the file's format kept. */
export function decoderCrash(name: string, error: unknown): Finding {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return finding('parse_crash', {
    message: `读取文件“${name}”时程序出错（${text}），未予解析。这是本项目的缺陷，请把该文件报告给项目维护者。`,
  });
}
