// Resolving a reporting body's place name to one place of the list, using the
// rest of the report's text to choose among same-named places. Never guesses:
// when the text does not single one out, the result is 'ambiguous'.

import { ContextProbe, evidenceFor, pageEvidenceText, strength, type Evidence, type PageEvidence } from './evidence.ts';
import { lookup } from './lookup.ts';
import { LEVEL_NOUN, LEVELS, type PlaceLevel, type ResolvedPlace, type Resolution } from './types.ts';

/** Separates the count of candidates from the reason in an ambiguous basis; messages.ts relies on it. */
export const REASON_SEPARATOR = '；';

/** What the report would have to name to tell same-named places apart. */
const PARENT_WORDS: Record<PlaceLevel, string> = {
  province: '',
  city: '省份',
  county: '地市或省份',
  town: '县市',
};

function evidenceTexts(ev: Evidence): string[] {
  return [...new Set([ev.province, ev.city, ev.county].filter((t): t is string => t !== null))];
}

type Scored = { c: ResolvedPlace; ev: Evidence; s: number };

function score(candidates: readonly ResolvedPlace[], context: string): { top: Scored[]; best: number } {
  const probe = new ContextProbe(context);
  const scored = candidates.map((c) => {
    const ev = evidenceFor(c, probe);
    return { c, ev, s: strength(ev) };
  });
  const best = Math.max(...scored.map((x) => x.s));
  return { top: scored.filter((x) => x.s === best), best };
}

/**
 * Resolves a place name at a level. `context` is the whole report text; for each same-named
 * candidate, the names of its county, city and province are looked for in it (evidence.ts), and
 * the candidate with strictly the strongest evidence (county above city above province) wins.
 * When the text leaves it open, the web page the report was published on (`page`: the site's
 * name and the breadcrumbs) is evidence too, and the resolution says so (`byPage`).
 */
export function resolvePlace(names: string | readonly string[], level: PlaceLevel, context: string, page?: PageEvidence | null): Resolution {
  const noun = LEVEL_NOUN[level];
  // Several spellings of one body ('新华街道办事处' is itself a listed name, and so is '新华街道') pool their candidates.
  const spellings = typeof names === 'string' ? [names] : names;
  const name = spellings[0];
  const candidates = [...new Map(spellings.flatMap((n) => lookup(n, [level])).map((c) => [c.code, c])).values()];

  if (candidates.length === 0) {
    const elsewhere = LEVELS.filter((l) => l !== level && lookup(name, [l]).length > 0).map((l) => LEVEL_NOUN[l]);
    const note = elsewhere.length > 0 ? `（但有同名${elsewhere.join('、')}）` : '';
    return { status: 'not_found', place: null, candidates: [], basis: `全国行政区划名单中没有名为“${name}”的${noun}${note}` };
  }
  if (candidates.length === 1) {
    return { status: 'resolved', place: candidates[0], candidates, basis: `全国唯一同名${noun}` };
  }

  const n = candidates.length;
  const { top, best } = score(candidates, context);
  if (best > 0 && top.length === 1) {
    const texts = evidenceTexts(top[0].ev);
    return { status: 'resolved', place: top[0].c, candidates, basis: `正文提到${texts.join('、')}，在${n}个同名${noun}中选定` };
  }
  const pageText = page ? pageEvidenceText(page) : '';
  if (pageText) {
    const withPage = score(candidates, `${context}\n${pageText}`);
    if (withPage.best > best && withPage.top.length === 1) {
      const texts = evidenceTexts(withPage.top[0].ev);
      return { status: 'resolved', place: withPage.top[0].c, candidates, basis: `发布网页提到${texts.join('、')}，在${n}个同名${noun}中选定`, byPage: pageText };
    }
  }
  let reason: string;
  if (best === 0) {
    reason = `正文未写明所属${PARENT_WORDS[level]}`;
  } else {
    const texts = [...new Set(top.flatMap((x) => evidenceTexts(x.ev)))];
    reason = `正文提到的${texts.join('、')}同时符合其中${top.length}个，无法区分`;
  }
  return { status: 'ambiguous', place: null, candidates, basis: `全国有${n}个同名${noun}${REASON_SEPARATOR}${reason}` };
}
