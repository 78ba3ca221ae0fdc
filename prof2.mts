import { readFileSync } from 'node:fs';
import { decodeReport } from './src/lib/decode/index.ts';
import { parseReport } from './src/lib/parse/index.ts';
const f = process.argv[2];
const d = decodeReport(readFileSync('data/raw/' + f), f);
for (let i = 0; i < 2000; i++) parseReport(d.text, f);
