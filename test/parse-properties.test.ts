// Properties of the parser on arbitrary input (generators and checks in
// helpers/parse-fuzz.ts). Whatever the input (any string, any bytes through
// the decoder, text made of the reports' pieces, the samples damaged line by
// line and digit by digit), the parser does not throw, takes at most a second,
// and every figure it returns stands in its cell of the text and is the number
// written there. CI runs FUZZ_RUNS inputs (2,000 by default); `npm run fuzz`
// runs 100,000 and prints the figures. The layout properties are in
// parse-metamorphic.test.ts.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { countBefore } from '../src/lib/parse/narrative.ts';
import { compactText, removeSpaces, toHalfWidth } from '../src/lib/parse/text.ts';
import { figureProblems, fuzzInput, MAX_MS_PER_INPUT, parse, runInput, SAMPLE_FILES, SAMPLES, warmUp } from './helpers/parse-fuzz.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

describe('the parser on arbitrary input', () => {
  // The gazetteer is loaded on the first report: start-up is not an input's time.
  beforeAll(warmUp);

  it.each(SAMPLE_FILES.map((f, k) => [f, SAMPLES[k]]))('reads every figure of %s from its cell of the text', (_file, text) => {
    expect(figureProblems(text, parse(text).record)).toEqual([]);
  });

  it(`never throws, takes at most ${MAX_MS_PER_INPUT} ms, and returns only figures that stand in the text (${RUNS} inputs)`, () => {
    let slowest = 0;
    fc.assert(
      fc.property(fuzzInput, (input) => {
        const { ms, problems } = runInput(input);
        slowest = Math.max(slowest, ms);
        expect(problems).toEqual([]);
        expect(ms).toBeLessThanOrEqual(MAX_MS_PER_INPUT);
      }),
      { numRuns: RUNS },
    );
    expect(slowest).toBeGreaterThan(0);
  }, 600_000);
});

describe('compactText', () => {
  it('is removeSpaces(toHalfWidth(s)) in one pass', () => {
    const text = fc.array(fc.constantFrom('a', '1', '１', '（', '）', '，', '。', ' ', '\u3000', '\u00a0', '\t', '\u200b', '\ufeff', '\u2003', '镇', '＃', '～', '\uff5f'), { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        expect(compactText(s)).toBe(removeSpaces(toHalfWidth(s)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the proactive-count reader', () => {
  // The reader looks for each '条' and reads the count backwards; this is the pattern it stands for.
  const PATTERN = /([0-9０-９][0-9０-９,，]*)\s*(余|多)?\s*条/g;
  const text = fc.array(fc.constantFrom('1', '2', '０', '９', ',', '，', ' ', '\u3000', '\t', '余', '多', '条', '公', '开', '。', 'x'), { maxLength: 40 }).map((cs) => cs.join(''));

  it('finds before every 条 what the pattern matches ending there', () => {
    fc.assert(
      fc.property(text, (s) => {
        const expected = [...s.matchAll(PATTERN)].map((m) => ({ start: m.index, end: m.index + m[1].length, approx: m[2] !== undefined, tiao: m.index + m[0].length - 1 }));
        const found = [];
        for (let t = s.indexOf('条'); t !== -1; t = s.indexOf('条', t + 1)) {
          const m = countBefore(s, t);
          if (m) found.push({ ...m, tiao: t });
        }
        expect(found).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
