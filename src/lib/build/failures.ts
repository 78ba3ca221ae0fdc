// Files that give no report because of what happened around the parser, not
// in it: the file could not be read, or the process parsing it died or ran
// out of time. Each still becomes one failed row with a finding that names the
// file, so that no raw file is dropped in silence and none can sink the build.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { sniffContainer, type SourceFormat } from '../decode/index.ts';
import { bytesLookLikeHtml } from '../decode/sniff.ts';
import { finding, type Finding } from '../findings.ts';
import { flatten, type FlatReport, type SourceInfo } from './flatten.ts';
import { sourceColumns, type SourceMeta } from './sidecar.ts';

/**
 * Why a path could not be read, by the file system's error code or by one of the listing's own
 * codes (DIR_REPEAT, NOT_FILE). Written for the person who put the file there.
 */
const READ_PROBLEMS: Record<string, string> = {
  EACCES: '没有读取权限',
  EPERM: '操作系统不允许读取',
  ENOENT: '文件不存在（可能是指向不存在的文件的符号链接，或在构建过程中被删除）',
  ELOOP: '符号链接形成循环，找不到实际的文件',
  ENOTDIR: '路径中有一级不是目录',
  ENAMETOOLONG: '路径过长',
  EIO: '读取时发生输入输出错误（磁盘或网络存储故障）',
  EISDIR: '这是一个目录，但无法列出其中的文件',
  DIR_REPEAT: '指向一个已经读取过的目录（链接形成循环或重复）',
  NOT_FILE: '不是普通文件（可能是管道、设备或套接字）',
};

/** The error code of a file-system error (it names the system call), or null for any other error. */
export function fileErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  return typeof code === 'string' && typeof syscall === 'string' ? code : null;
}

export function unreadableFinding(sourceFile: string, code: string): Finding {
  const reason = READ_PROBLEMS[code] ?? '读取时出错';
  // The system's own code helps whoever runs the build; the listing's codes say nothing more than the reason.
  const shown = /^E[A-Z]+$/.test(code) ? `（${code}）` : '';
  return finding('input_unreadable', { message: `“${sourceFile}”无法读取：${reason}${shown}，未予解析。` });
}

/** How a parse process ended without finishing its file. */
export type Death =
  | { kind: 'timeout'; seconds: number }
  | { kind: 'out_of_memory'; heapMb: number }
  | { kind: 'crash'; code: number | null; signal: string | null };

export function deathFinding(sourceFile: string, death: Death): Finding {
  switch (death.kind) {
    case 'timeout':
      return finding('parse_timeout', { message: `解析“${sourceFile}”超过 ${death.seconds} 秒的时限，已中止解析进程，记为失败。` });
    case 'out_of_memory':
      return finding('parse_worker_died', { message: `解析“${sourceFile}”时解析进程内存耗尽（上限 ${death.heapMb} MB）而终止，记为失败。文件可能是压缩炸弹或结构异常。` });
    case 'crash': {
      const how = death.signal ? `信号 ${death.signal}` : `退出码 ${death.code}`;
      return finding('parse_worker_died', { message: `解析“${sourceFile}”时解析进程异常退出（${how}），记为失败。` });
    }
  }
}

/** The format a file's first bytes show, without decoding it. */
export function formatOf(head: Uint8Array, fileName: string): SourceFormat {
  if (head.length === 0) return 'empty';
  return sniffContainer(head, fileName)?.format ?? (bytesLookLikeHtml(head) ? 'html' : 'text');
}

export interface FileFacts {
  sha256: string;
  bytes: number;
  format: SourceFormat;
}

/** Hash, size and format of a file, read as a stream (it may be huge); null when it cannot be read. */
export async function fileFacts(path: string, sourceFile: string): Promise<FileFacts | null> {
  const hash = createHash('sha256');
  let head: Buffer | null = null;
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      head ??= chunk as Buffer;
      bytes += (chunk as Buffer).length;
      hash.update(chunk as Buffer);
    }
  } catch {
    return null;
  }
  return { sha256: hash.digest('hex'), bytes, format: formatOf(head ?? Buffer.alloc(0), sourceFile) };
}

/**
 * One failed report: its source as far as it is known (null where it could not be read), the
 * finding that says why, and what its collector's sidecar gave (sidecar.ts), if it has one.
 */
export function failedReport(sourceFile: string, facts: FileFacts | null, why: Finding, parserVersion: string, seq: number, sidecar: { meta: SourceMeta; findings: Finding[] } | null = null): FlatReport {
  const source: SourceInfo = { source_file: sourceFile, source_sha256: facts?.sha256 ?? null, source_format: facts?.format ?? null, source_encoding: null, source_bytes: facts?.bytes ?? null, ...(sidecar ? sourceColumns(sidecar.meta) : {}) };
  return flatten(source, null, [why, ...(sidecar?.findings ?? [])], parserVersion, seq);
}
