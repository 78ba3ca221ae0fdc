// Evidence that a report belongs to one of several same-named places: which
// of the candidate's ancestors (county, city, province) the report's text names.
//
// Each ancestor yields clues: its full name and short forms (names.ts). A clue
// is "free" when it is distinctive enough to count wherever it occurs in the
// text: at least 3 characters (or a province's short form), and not part of the
// name of any other province, city or county outside the ancestor's own
// subtree ('海南' is part of 海南藏族自治州, so it does not prove 海南省; '河南'
// is part of 河南蒙古族自治县). Other clues are "bound": they count only when
// written right before a name further down the candidate's chain ('微山两城镇',
// '聊城茌平区', '赵县范庄镇') or right after the ancestor's parent ('阳泉市城区').
// Stems of counties and of ordinary cities ('微山', '聊城') are always bound.
//
// Only substring tests (includes / indexOf) are run over the text.

import { gazetteer } from './load.ts';
import { shortForms } from './names.ts';
import type { PlaceLevel, ResolvedPlace } from './types.ts';

export type AncestorLevel = Exclude<PlaceLevel, 'town'>;

interface Clue {
  text: string;
  free: boolean;
}

let namedPlaces: ResolvedPlace[] | null = null;

/** Provinces, cities and counties: the names a short form must not be part of. */
function ancestorPlaces(): ResolvedPlace[] {
  if (!namedPlaces) {
    const g = gazetteer();
    namedPlaces = [...g.places.province, ...g.places.city, ...g.places.county];
  }
  return namedPlaces;
}

const DEPTH: Record<PlaceLevel, number> = { province: 0, city: 1, county: 2, town: 3 };

function isDescendant(q: ResolvedPlace, a: ResolvedPlace): boolean {
  return DEPTH[q.level] > DEPTH[a.level] && q.code.startsWith(a.code);
}

/** Is `text` part of a longer name of a province, city or county outside `a`'s subtree? */
function containedElsewhere(text: string, a: ResolvedPlace): boolean {
  for (const q of ancestorPlaces()) {
    if (q !== a && q.name !== text && q.name.includes(text) && !isDescendant(q, a)) return true;
  }
  return false;
}

const clueCache = new Map<string, Clue[]>();

/** The clues naming an ancestor place (memoised: they depend only on the list). */
export function cluesFor(a: ResolvedPlace): Clue[] {
  const key = `${a.level}:${a.code}`;
  let clues = clueCache.get(key);
  if (clues) return clues;
  clues = [];
  const add = (text: string, mayBeFree: boolean) => {
    if (text.length < 2 || clues!.some((c) => c.text === text)) return;
    const free = mayBeFree && !containedElsewhere(text, a);
    clues!.push({ text, free });
  };
  add(a.name, a.name.length >= 3);
  const { stem, forms } = shortForms(a.name, a.level);
  for (const f of forms) add(f, f.length >= 3);
  if (stem) {
    // A province's short form is how provinces are usually written ('山东'); an autonomous
    // prefecture's, a 地区's or a 盟's is distinctive ('临夏', '阿里'); other stems are not.
    const stemMayBeFree =
      a.level === 'province' || (a.level === 'city' && !a.name.endsWith('市'));
    add(stem, stemMayBeFree);
  }
  clueCache.set(key, clues);
  return clues;
}

/** Occurrences of `needle` in `hay`. */
function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Checks clues against one report text, remembering answers: several candidates share
 * ancestors and short forms, and the text may be large.
 */
export class ContextProbe {
  private readonly seen = new Map<string, boolean>();
  constructor(private readonly context: string) {}

  /** Does the text contain `s`? */
  has(s: string): boolean {
    let v = this.seen.get(s);
    if (v === undefined) {
      v = this.context.includes(s);
      this.seen.set(s, v);
    }
    return v;
  }

  /**
   * Does the text contain `head + tail` where `head` is not the end of a longer province, city or
   * county name? ('宁县新宁镇' inside '武宁县新宁镇' is not evidence for 宁县.)
   */
  hasStandalone(head: string, tail: string): boolean {
    const s = head + tail;
    const key = `\u0000${head}\u0000${tail}`;
    let v = this.seen.get(key);
    if (v !== undefined) return v;
    v = false;
    if (this.has(s)) {
      const g = gazetteer();
      const longest = Math.max(g.maxNameLength.province, g.maxNameLength.city, g.maxNameLength.county);
      for (let i = this.context.indexOf(s); i >= 0 && !v; i = this.context.indexOf(s, i + 1)) {
        let continuesLonger = false;
        for (let k = 1; k <= longest - head.length && k <= i; k++) {
          const longer = this.context.slice(i - k, i) + head;
          if (g.byName.county.has(longer) || g.byName.city.has(longer) || g.byName.province.has(longer)) {
            continuesLonger = true;
            break;
          }
        }
        v = !continuesLonger;
      }
    }
    this.seen.set(key, v);
    return v;
  }

  /** Does the text contain `s` other than inside occurrences of `self` (the name being resolved)? */
  hasOutside(s: string, self: string): boolean {
    if (!self.includes(s)) return this.has(s);
    if (!this.has(s)) return false;
    return count(this.context, s) > count(this.context, self) * count(self, s);
  }
}

/** The candidate's ancestors from the top down: province, city, county (those above its level). */
export function ancestorsOf(c: ResolvedPlace): ResolvedPlace[] {
  const g = gazetteer();
  const out: ResolvedPlace[] = [];
  if (c.level === 'province') return out;
  out.push(g.byCode.province.get(c.province_code)!);
  if (c.level === 'city') return out;
  out.push(g.byCode.city.get(c.city_code!)!);
  if (c.level === 'county') return out;
  out.push(g.byCode.county.get(c.county_code!)!);
  return out;
}

/** For one candidate: the text that named each ancestor level, or null. */
export type Evidence = Record<AncestorLevel, string | null>;

export function evidenceFor(c: ResolvedPlace, probe: ContextProbe): Evidence {
  const ev: Evidence = { province: null, city: null, county: null };
  const chain = [...ancestorsOf(c), c];
  for (let k = 0; k < chain.length - 1; k++) {
    const a = chain[k];
    // A municipality's city is the municipality itself (load.ts): naming it is province-level
    // evidence only, or '天津市' would outweigh '山东省' for no reason.
    if (a.level === 'city' && a.code === a.province_code) continue;
    const parent = k > 0 ? chain[k - 1].name : null;
    const below = chain.slice(k + 1).map((p) => p.name);
    ev[a.level as AncestorLevel] = matchClues(cluesFor(a), parent, below, c.name, probe);
  }
  return ev;
}

function matchClues(clues: Clue[], parent: string | null, below: string[], self: string, probe: ContextProbe): string | null {
  for (const clue of clues) {
    if (clue.free) {
      if (probe.hasOutside(clue.text, self)) return clue.text;
      continue;
    }
    for (const b of below) {
      // '重庆市重庆市' is no evidence: a municipality's city and province share the name.
      if (b !== clue.text && probe.hasStandalone(clue.text, b)) return clue.text + b;
    }
    if (parent && parent !== clue.text && probe.hasStandalone(parent, clue.text)) return parent + clue.text;
  }
  return null;
}

/**
 * Where a report was published: the site's name ('临清市人民政府') and the page's breadcrumbs
 * ('首页 › 政务公开 › 潘庄镇'). County sites publish their towns' reports, so these name the
 * county or city a report's text may leave out.
 */
export interface PageEvidence {
  siteName: string | null;
  breadcrumbs: readonly string[];
}

/** The page's words as one text for a ContextProbe ('' when there are none). */
export function pageEvidenceText(page: PageEvidence): string {
  return [page.siteName ?? '', ...page.breadcrumbs].map((s) => s.trim()).filter(Boolean).join(' › ');
}

/** Lexicographic strength of the evidence: county above city above province. */
export function strength(ev: Evidence): number {
  return (ev.county ? 4 : 0) + (ev.city ? 2 : 0) + (ev.province ? 1 : 0);
}
