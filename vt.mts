import { readFileSync } from 'node:fs';
import { verifyOne } from './src/lib/synth/verify.ts';
const dir = '/tmp/rc/syn';
for (const f of process.argv.slice(2)) {
  const t = readFileSync(dir + '/truth.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l)).find(t=>t.file===f);
  const r: any = { reports: 0, figures: 0, wrong: [], missing: [], missedInconsistencies: [], falseAlarms: [], meta: { compared: 0, wrong: [], unplacedUnits: [] }, unreadable: [], byLayout: {} };
  verifyOne(dir, t, r);
  console.log(f, r.missing.map((m:any)=>m.path+':'+m.expected).join(' '), r.wrong.map((m:any)=>'W '+m.path).join(' '));
}
