import { readFileSync, readdirSync } from 'node:fs';
import { decodeReport } from './src/lib/decode/index.ts';
import { parseReport } from './src/lib/parse/index.ts';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let tp = 0, td = 0;
for (const f of readdirSync('data/raw').sort()) {
  const b = readFileSync('data/raw/' + f);
  const d = decodeReport(b, f);
  for (let i = 0; i < 30; i++) parseReport(d.text, f);
  const t = cpu();
  for (let i = 0; i < 200; i++) parseReport(d.text, f);
  const t2 = cpu();
  for (let i = 0; i < 200; i++) decodeReport(b, f);
  const t3 = cpu();
  tp += t2 - t; td += t3 - t2;
  console.log(f, 'parse', ((t2 - t) / 200).toFixed(2), 'ms; decode', ((t3 - t2) / 200).toFixed(2), 'ms');
}
console.log('total parse/decode', (tp / td).toFixed(2));
