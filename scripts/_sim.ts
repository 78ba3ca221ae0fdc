import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeReport } from '../src/lib/decode/index.ts';
import { parseReport } from '../src/lib/parse/index.ts';
import { tokenize } from '../src/lib/parse/cells.ts';
import { narrativeText, nameForms, normalizeNarrative, fingerprintOf, signatureSimilarity, shingleJaccard } from '../src/lib/parse/fingerprint.ts';
const files: string[] = [];
for (const d of ['/work/wt-cross-checks/data/raw', '/work/shared/corpus/excerpts']) for (const f of readdirSync(d)) files.push(join(d, f));
const docs = files.map((p) => {
  const dec = decodeReport(readFileSync(p), p);
  if (!dec.ok) throw new Error(p);
  const { record } = parseReport(dec.text, p);
  const names = nameForms([record.agency, record.town, record.county, record.city, record.province]);
  const norm = normalizeNarrative(narrativeText(tokenize(dec.text)), names);
  return { p: p.split('/').pop()!, names, norm, fp: fingerprintOf(norm) };
});
for (const d of docs) console.log(d.p, d.names.join('|'), d.norm.length, d.fp.shingles, d.norm.slice(0, 80));
let max = 0;
for (let i = 0; i < docs.length; i++) for (let j = i + 1; j < docs.length; j++) {
  const ex = shingleJaccard(docs[i].norm, docs[j].norm); const est = signatureSimilarity(docs[i].fp.signature, docs[j].fp.signature);
  console.log(docs[i].p.slice(0, 20), docs[j].p.slice(0, 20), ex.toFixed(3), est?.toFixed(3));
}
