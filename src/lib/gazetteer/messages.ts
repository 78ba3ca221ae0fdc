// Findings for the quality page when a reporting body's place cannot be given a code.

import { finding, type Finding } from '../findings.ts';
import { REASON_SEPARATOR } from './resolve.ts';
import type { ResolvedPlace, Resolution } from './types.ts';

/** At most this many candidates are named in a message ('城关镇' has 88). */
const MAX_LISTED = 10;

/** The ancestors of a place as one would write them: '山东省聊城市临清市', '天津市宁河区', '海南省琼海市'. */
export function describeParents(p: ResolvedPlace): string {
  const parts: string[] = [];
  const push = (s: string | null) => {
    // Skip repeats (municipality city = province; 东莞市 the county of 东莞市 the city) and the
    // '省直辖县级行政区划' rows, which are not written in addresses.
    if (s && !s.endsWith('直辖县级行政区划') && parts[parts.length - 1] !== s) parts.push(s);
  };
  if (p.level !== 'province') push(p.province);
  if (p.level === 'county' || p.level === 'town') push(p.city);
  if (p.level === 'town') push(p.county);
  return parts.join('');
}

function listCandidates(cands: ResolvedPlace[]): string {
  const shown = cands.slice(0, MAX_LISTED).map(describeParents);
  return shown.join('、') + (cands.length > MAX_LISTED ? `等` : '');
}

/**
 * Converts a resolution into findings: not_found → meta_place_not_found, ambiguous →
 * meta_place_ambiguous; a place resolved by the publishing page → meta_place_from_page; one resolved by
 * the report's own text gives none. `name` is the body as the report writes it
 * ('潘庄镇' or '潘庄镇人民政府'); `line` is the 1-based line it was read from, if known.
 */
export function resolutionFindings(res: Resolution, name: string, line: number | null): Finding[] {
  if (res.status === 'resolved' && res.place && res.byPage) {
    const where = `${describeParents(res.place)}${res.place.name}`;
    const message = `报告正文没有写明“${name}”是全国${res.candidates.length}个同名地方中的哪一个；按发布它的网页（${res.byPage}）确定为${where}。`;
    return [finding('meta_place_from_page', { message, line })];
  }
  if (res.status === 'resolved') return [];
  if (res.status === 'not_found') {
    return [finding('meta_place_not_found', { message: `报告机关“${name}”：${res.basis}，无法给出区划代码`, line })];
  }
  const placeName = res.candidates[0]?.name ?? name;
  const cut = res.basis.indexOf(REASON_SEPARATOR);
  const reason = cut >= 0 ? res.basis.slice(cut + REASON_SEPARATOR.length) : res.basis;
  const lead = placeName === name ? '' : `报告机关“${name}”：`;
  const message = `${lead}全国有${res.candidates.length}个“${placeName}”：${listCandidates(res.candidates)}；${reason}`;
  return [finding('meta_place_ambiguous', { message, line })];
}
