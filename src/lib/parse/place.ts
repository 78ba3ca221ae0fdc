// From the reporting body's name to its level and its place in the national
// list. '洪官屯镇人民政府' is a town; '洪泽区人民政府' a county; '淮安市人民政府'
// a city; '淮安市财政局' a department of the city.

import { finding, type Finding } from '../findings.ts';
import { isPlaceName, longestPlaceSuffix, lookup, placeSuffixes, resolvePlace, resolutionFindings, type PlaceLevel, type ResolvedPlace } from '../gazetteer/index.ts';
import type { PageEvidence } from '../gazetteer/evidence.ts';
import type { PlaceFields, ReportLevel } from './record.ts';

export interface PlaceRead extends PlaceFields {
  agency: string | null;
  level: ReportLevel | null;
  basis: string | null;
  findings: Finding[];
}

const EMPTY: PlaceFields = { town: null, town_code: null, county: null, county_code: null, city: null, city_code: null, province: null, province_code: null };

const GOVERNMENT = /(人民政府|街道办事处|办事处|管理委员会|管委会|政府)$/;
const TOWN_END = /(镇|乡|街道|苏木)$/;
const DEPARTMENT = /(局|委员会|委|办公室|办|中心|厅|署|院|所|队|站)$/;

/**
 * `page`: the site name and breadcrumbs of the web page the report was published on (from the
 * collector's sidecar), evidence when the text does not tell same-named places apart.
 */
export function readPlace(agency: string | null, inProse: boolean, text: string, line: number | null, page: PageEvidence | null = null): PlaceRead {
  if (!agency) {
    return { ...EMPTY, agency: null, level: null, basis: null, findings: [finding('meta_agency_missing', { line, message: '标题、落款和正文开头都没有写明报告机关（例如“某某镇人民政府”）。' })] };
  }
  const government = GOVERNMENT.exec(agency);
  const listedWhole = listedWithOffice(agency, government !== null);
  if (!government && !listedWhole && DEPARTMENT.test(agency)) return department(agency, text, line, page);
  // '官洲街道办事处' is the body of '官洲街道'.
  let name = government ? agency.slice(0, government.index) + (government[1] === '街道办事处' ? '街道' : '') : agency;
  const level = levelOf(name);
  if (level && level !== 'province') {
    const cut = bestSuffix(name, level);
    if (cut) {
      if (inProse) agency = cut.name + agency.slice(name.length);
      name = cut.name;
    }
  }
  if (!level) {
    return { ...EMPTY, agency, level: null, basis: null, findings: [finding('meta_place_not_found', { line, message: `无法从报告机关“${agency}”判断其层级（乡镇街道、县区、市或部门）。` })] };
  }
  // A few towns are listed with their office's name ('南环街道办事处'): both spellings are candidates.
  const res = resolvePlace(listedWhole && listedWhole !== name ? [name, listedWhole] : name, level, text, page);
  // A place is named only when the national list knows the name: several places of that name leave it
  // without codes; a name the list does not know (a typo, or words a mirror site injected) stays the
  // agency's words, with a finding, not a place.
  const known = res.place ? fields(res.place) : res.status === 'ambiguous' ? { ...EMPTY, [level]: name } : { ...EMPTY };
  return { ...known, agency, level, basis: res.basis, findings: resolutionFindings(res, name, line) };
}

/**
 * The town a body's whole name ends with when the national list names it with its office
 * ('南环街道办事处', '哈尔滨市木兰县兴隆林业局办事处' → '兴隆林业局办事处'), or null.
 */
function listedWithOffice(agency: string, hasOffice: boolean): string | null {
  if (isPlaceName(agency, ['town'])) return agency;
  if (!hasOffice) return null;
  const cut = bestSuffix(agency, 'town');
  return cut && GOVERNMENT.test(cut.name) ? cut.name : null;
}

/**
 * The place a body's name ends with. Of the known names it ends with, the longest one whose
 * remaining prefix is empty or made of place names: '汾阳市西河街道' is 西河街道 of 汾阳市, not a
 * town called 市西河街道; '由两城镇' (cut out of prose) is 两城镇.
 */
function bestSuffix(name: string, level: PlaceLevel): { name: string; prefix: string } | null {
  // Generic names count only after place names: the list names one town of 唐山高新技术产业开发区 just '街道'.
  const placed = placeSuffixes(name, level, true).find((c) => c.prefix === '' || madeOfPlaces(c.prefix));
  return placed ?? placeSuffixes(name, level)[0] ?? null;
}

function madeOfPlaces(prefix: string): boolean {
  let pos = 0;
  while (pos < prefix.length) {
    let end = Math.min(prefix.length, pos + MAX_PLACE_CHARS);
    while (end >= pos + 2 && !isPlaceName(prefix.slice(pos, end), ['county', 'city', 'province'])) end--;
    if (end < pos + 2) return false;
    pos = end;
  }
  return true;
}

/** A town by its ending or its name; otherwise whichever level of the national list knows the name. */
function levelOf(name: string): PlaceLevel | null {
  if (TOWN_END.test(name)) return 'town';
  // A municipality's government (上海市人民政府) is a province's: the list names it as both.
  if (/(省|自治区)$/.test(name) || isPlaceName(name, ['province'])) return 'province';
  if (lookup(name, ['county']).length > 0) return 'county';
  if (lookup(name, ['city']).length > 0) return 'city';
  // Town-level units without a town ending: 开发区, 农场, 林场, 管委会 and the like.
  if (isPlaceName(name, ['town'])) return 'town';
  const asCounty = longestPlaceSuffix(name, 'county');
  const asCity = longestPlaceSuffix(name, 'city');
  if (asCounty && (!asCity || asCounty.name.length >= asCity.name.length)) return 'county';
  if (asCity) return 'city';
  if (placeSuffixes(name, 'town').length > 0) return 'town';
  if (/(区|县|旗)$/.test(name)) return 'county';
  if (/(市|州|盟)$/.test(name)) return 'city';
  return null;
}

/** A department resolves to the government it belongs to: the innermost place its name starts with. */
function department(agency: string, text: string, line: number | null, page: PageEvidence | null): PlaceRead {
  const lead = leadingPlace(agency);
  if (lead) {
    const res = resolvePlace(lead.name, lead.level, text, page);
    return { ...fields(res.place), agency, level: 'department', basis: res.basis, findings: resolutionFindings(res, lead.name, line) };
  }
  return { ...EMPTY, agency, level: 'department', basis: null, findings: [finding('meta_place_not_found', { line, message: `部门“${agency}”的名称中没有可识别的行政区划，无法给出区划代码。` })] };
}

const LEADING_LEVELS = ['town', 'county', 'city', 'province'] as const;
const MAX_PLACE_CHARS = 16;

/**
 * The chain of place names a department's name starts with, each the longest known name at its
 * position ('淮安市' then '洪泽区' in '淮安市洪泽区交通运输局'); the last of them is the department's
 * place. Generic names ('开发区') are not places here (longestPlaceSuffix skips them).
 */
function leadingPlace(agency: string): { name: string; level: PlaceLevel } | null {
  let found: { name: string; level: PlaceLevel } | null = null;
  let pos = 0;
  next: while (pos < agency.length) {
    for (let end = Math.min(agency.length, pos + MAX_PLACE_CHARS); end >= pos + 2; end--) {
      const name = agency.slice(pos, end);
      // A municipality (上海市) is a city and a province: its own departments are the province's.
      const level = isPlaceName(name, ['province']) ? 'province' : LEADING_LEVELS.find((lv) => longestPlaceSuffix(name, lv)?.name === name);
      if (level) {
        found = { name, level };
        pos = end;
        continue next;
      }
    }
    break;
  }
  return found;
}

function fields(place: ResolvedPlace | null): PlaceFields {
  if (!place) return { ...EMPTY };
  return {
    town: place.town,
    town_code: place.town_code,
    county: place.county,
    county_code: place.county_code,
    city: place.city,
    city_code: place.city_code,
    province: place.province,
    province_code: place.province_code,
  };
}
