// Parses report files and prints what the parser makes of them:
//
//   npx tsx scripts/parse.ts FILE...      (npm run parse -- FILE...)
//
// For each file: the record as JSON, then its findings one per line
// ('[severity] rule  line N  message'), then a one-line summary of the checks.
// A file that cannot be decoded prints its findings; the exit status is then
// non-zero, after every file has been printed. Files are read exactly as the
// data build reads them (decodeReportAsync: text, HTML, PDF, Word …).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeReportAsync } from '../src/lib/decode/index.ts';
import type { Finding } from '../src/lib/findings.ts';
import { parseReport } from '../src/lib/validate/index.ts';
import type { CheckResult } from '../src/lib/validate/index.ts';

function findingLine(f: Finding): string {
  const where = f.line === null ? '' : `  line ${f.line}`;
  return `[${f.severity}] ${f.rule}${where}  ${f.message}`;
}

function checkSummary(checks: readonly CheckResult[]): string {
  const count = (s: CheckResult['status']) => checks.filter((c) => c.status === s).length;
  return `checks: ${count('pass')} passed, ${count('fail')} failed, ${count('not_checkable')} not checkable (of ${checks.length})`;
}

/** Prints one file; returns false when it could not be read or decoded. */
async function parseFile(path: string, many: boolean): Promise<boolean> {
  const name = basename(path);
  if (many) console.log(`==> ${path} <==`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (err) {
    console.log(`cannot read ${path}: ${(err as Error).message}`);
    return false;
  }
  const decoded = await decodeReportAsync(bytes, name);
  if (!decoded.ok) {
    console.log(`cannot decode ${path} (format: ${decoded.format})`);
    for (const f of decoded.findings) console.log(findingLine(f));
    return false;
  }
  const { record, checks } = parseReport(decoded.text, name, { webPage: decoded.page });
  // The decoder's findings (encoding, HTML, Traditional Chinese) belong to the record too.
  const findings = [...decoded.findings, ...record.findings];
  console.log(JSON.stringify({ ...record, findings: undefined }, null, 2));
  console.log(`findings (${findings.length}):`);
  for (const f of findings) console.log(findingLine(f));
  console.log(checkSummary(checks));
  return true;
}

async function main(argv: readonly string[]): Promise<number> {
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0) {
    console.error('usage: npx tsx scripts/parse.ts FILE...');
    return 2;
  }
  let ok = true;
  for (const [k, file] of files.entries()) {
    if (k > 0) console.log('');
    if (!(await parseFile(file, files.length > 1))) ok = false;
  }
  return ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
