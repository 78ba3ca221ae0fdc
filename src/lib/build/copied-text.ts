// Copied text, in SQL over the narratives' fingerprints (parse/fingerprint.ts):
// a report against the same agency's report of the year before, and against
// every other agency's report of the same year.
//
// Comparing every pair of a year's reports is out of the question at national
// scale (41,000 towns: 840 million pairs a year). Locality-sensitive hashing
// picks the candidates: the 64 buckets of a signature are cut into 16 bands of
// 4 (its 16 64-bit words), and two reports become candidates when at least two
// bands agree whole. A pair of Jaccard similarity J agrees in a band with
// probability p = J⁴, so it is a candidate with probability 1 − (1 − p)¹⁶ −
// 16p(1 − p)¹⁵: 0.63 at J = 0.6, 0.93 at 0.7, 0.997 at 0.8, 0.999999 at 0.9,
// but 0.008 at 0.3 and 10⁻⁶ at 0.1, where unrelated reports lie. One band would
// do for recall (0.89 at 0.6) but lets stock phrases make candidates grow with
// the square of a year's reports (185,000 pairs for 30,000 synthetic reports,
// against 1,400 with two). The same-year search is thus for near-verbatim
// copies; the comparison with the year before is exact. Candidates are then
// compared on the whole signature. A band value shared by many reports (a
// family of copies) pairs each of them with the band's first few only.

import { COPIED_TEXT } from '../template/model.ts';
import { EMPTY_BUCKET, SIGNATURE_BUCKETS } from '../parse/fingerprint.ts';
import { NO_PREVIOUS, STATUS } from './cross-sql.ts';

export const BANDS = 16;
/** Bands two reports must agree in to be compared (see the header). */
export const MIN_BANDS = 2;
/** A band value shared by more reports than this pairs them with its first HEADS only. */
const SMALL_BAND = 32;
const HEADS = 4;

/** The signature as 16 unsigned 64-bit words of four buckets each: compared with integer operations, not strings. */
const WORDS = SIGNATURE_BUCKETS / 4;
const wordsOf = (signature: string) => Array.from({ length: WORDS }, (_, w) => `('0x' || substr(${signature}, ${w * 16 + 1}, 16))::UBIGINT AS w${w}`).join(', ');

/**
 * The share of buckets in which two signatures (the words w0… of `a` and `b`) agree, of those not
 * empty in both (fingerprint.ts signatureSimilarity): a bucket agrees where the words' XOR has a
 * zero lane; both are empty where, besides, `a`'s lane is 0xffff.
 */
export function similaritySql(a: string, b: string): string {
  const zero: string[] = [];
  const bothEmpty: string[] = [];
  for (let w = 0; w < WORDS; w++) {
    for (let k = 0; k < 4; k++) {
      const lane = (v: string) => `((${v} >> ${16 * k}) & 65535)`;
      const x = lane(`xor(${a}.w${w}, ${b}.w${w})`);
      zero.push(`(${x} = 0)::INTEGER`);
      bothEmpty.push(`(${x} = 0 AND ${lane(`${a}.w${w}`)} = ${parseInt(EMPTY_BUCKET, 16)})::INTEGER`);
    }
  }
  const empty = `(${bothEmpty.join(' + ')})`;
  return `((${zero.join(' + ')}) - ${empty}) / nullif(${SIGNATURE_BUCKETS} - ${empty}, 0)`;
}

const { threshold, minShingles } = COPIED_TEXT;
const TOO_SHORT = `正文过短（少于 ${minShingles} 个五字片段），无法判断是否雷同`;
const similarity = (sim: string) => `'正文（不计名称和数字）与' || ${sim}`;
const verdict = (sim: string) => `'的相似度为 ' || printf('%.2f', ${sim}) || '，达到雷同标准 ${threshold}'`;

const EMPTY_LANE = parseInt(EMPTY_BUCKET, 16);

/**
 * Every band of every long-enough signature (a band is one of the 16 words: four buckets), without
 * the bands that hold an empty bucket; then the band values that more than one report of the year
 * shares, with each member's place among them.
 */
function bandsSql(): string[] {
  const words = Array.from({ length: WORDS }, (_, w) => `w${w}`).join(', ');
  const full = [0, 1, 2, 3].map((k) => `((k >> ${16 * k}) & 65535) <> ${EMPTY_LANE}`).join(' AND ');
  return [
    `CREATE OR REPLACE TEMP TABLE x_bands AS
      SELECT * FROM (SELECT report_id, year, agency_key, unnest(range(${BANDS})) AS band, unnest([${words}]) AS k FROM x_narr WHERE enough AND year IS NOT NULL)
      WHERE ${full}`,
    `CREATE OR REPLACE TEMP TABLE x_shared AS
      SELECT b.*, s.n, row_number() OVER (PARTITION BY b.year, b.band, b.k ORDER BY b.report_id) AS pos
      FROM x_bands b JOIN (SELECT year, band, k, count(*) AS n FROM x_bands GROUP BY year, band, k HAVING count(*) > 1) s USING (year, band, k)`,
  ];
}

/** Pairs of reports of the same year, of different agencies, that agree in a band. */
const CANDIDATES = `CREATE OR REPLACE TEMP TABLE x_cand AS
  WITH small AS (SELECT * FROM x_shared WHERE n <= ${SMALL_BAND}),
  big AS (SELECT * FROM x_shared WHERE n > ${SMALL_BAND}),
  pairs AS (
    SELECT a.report_id, b.report_id AS other_id, a.agency_key AS ka, b.agency_key AS kb FROM small a JOIN small b USING (year, band, k)
    UNION ALL
    SELECT a.report_id, b.report_id, a.agency_key, b.agency_key FROM big a JOIN (SELECT * FROM big WHERE pos <= ${HEADS}) b USING (year, band, k)
    UNION ALL
    SELECT b.report_id, a.report_id, b.agency_key, a.agency_key FROM big a JOIN (SELECT * FROM big WHERE pos <= ${HEADS}) b USING (year, band, k))
  SELECT report_id, other_id FROM pairs
  WHERE report_id <> other_id AND (ka IS NULL OR kb IS NULL OR ka <> kb)
  GROUP BY report_id, other_id HAVING count(*) >= ${MIN_BANDS}`;

/**
 * The statements: the narratives, the check against the year before, the candidates, the check
 * against the same year. The latter names the most similar report of the year found among the
 * candidates, whether or not it reaches the threshold (none when no candidate was found).
 */
export function copiedTextSql(order: number): string[] {
  const rank = `${order} * 1000`;
  return [
    `CREATE OR REPLACE TEMP TABLE x_narr AS
      SELECT x.report_id, x.year, x.agency, x.agency_key, x.source_file, n.signature, coalesce(n.shingles >= ${minShingles}, false) AS enough, ${wordsOf('n.signature')}
      FROM x_reports x LEFT JOIN narratives n USING (report_id)`,
    `INSERT INTO x_checks
      WITH p AS (
        SELECT x.*, a.enough AND b.enough AS enough, CASE WHEN a.enough AND b.enough THEN ${similaritySql('a', 'b')} END AS sim
        FROM x_prev x LEFT JOIN x_narr a ON a.report_id = x.report_id LEFT JOIN x_narr b ON b.report_id = x.prev_id)
      SELECT x.report_id, 'copied_text', 'previous_year',
        ${STATUS('x.prev_id IS NULL OR NOT x.enough OR x.sim IS NULL', `x.sim < ${threshold}`)},
        x.sim, ${threshold},
        CASE WHEN x.prev_id IS NULL THEN ${NO_PREVIOUS}
          WHEN NOT x.enough OR x.sim IS NULL THEN '本报告或上一年度报告“' || x.prev_file || '”${TOO_SHORT}'
          WHEN x.sim >= ${threshold} THEN ${similarity(`'上一年度报告“' || x.prev_file || '”'`)} || ${verdict('x.sim')} END,
        NULL, x.prev_id, ${rank}
      FROM p x`,
    ...bandsSql(),
    CANDIDATES,
    `CREATE OR REPLACE TEMP TABLE x_same AS
      SELECT c.report_id, c.other_id, ${similaritySql('a', 'b')} AS sim
      FROM x_cand c JOIN x_narr a ON a.report_id = c.report_id JOIN x_narr b ON b.report_id = c.other_id`,
    `INSERT INTO x_checks
      WITH best AS (
        SELECT report_id, other_id, sim, count(*) FILTER (WHERE sim >= ${threshold}) OVER (PARTITION BY report_id) AS over,
          row_number() OVER (PARTITION BY report_id ORDER BY sim DESC, other_id) AS r
        FROM x_same)
      SELECT n.report_id, 'copied_text', 'same_year',
        ${STATUS('n.year IS NULL OR NOT n.enough', `coalesce(b.sim, 0) < ${threshold}`)},
        b.sim, ${threshold},
        CASE WHEN n.year IS NULL THEN '无法确定报告年度，无法与同一年度的其他报告对照'
          WHEN NOT n.enough THEN '${TOO_SHORT}'
          WHEN b.sim >= ${threshold} THEN ${similarity(`coalesce(o.agency || ' ', '') || n.year || ' 年度报告“' || o.source_file || '”'`)} || ${verdict('b.sim')}
            || CASE WHEN b.over > 1 THEN '（同一年度共有 ' || b.over || ' 份其他机关的报告达到此标准）' ELSE '' END END,
        NULL, b.other_id, ${rank} + 1
      FROM x_narr n LEFT JOIN best b ON b.report_id = n.report_id AND b.r = 1 LEFT JOIN x_narr o ON o.report_id = b.other_id`,
    'DROP TABLE x_bands',
    'DROP TABLE x_shared',
    'DROP TABLE x_cand',
    'DROP TABLE x_same',
    'DROP TABLE x_narr',
  ];
}
