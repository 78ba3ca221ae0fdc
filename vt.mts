import { readFileSync } from 'node:fs';
import { verifyOne } from './src/lib/synth/verify.ts';
const dir = process.env.DIR ?? '/tmp/rc/syn';
for (const f of process.argv.slice(2)) {
  const t = readFileSync(dir + '/truth.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l)).find(t=>t.file===f);
  const r: any = { reports: 0, figures: 0, wrong: [], missing: [], missedInconsistencies: [], falseAlarms: [], meta: { compared: 0, wrong: [], unplacedUnits: [] }, unreadable: [], byLayout: {} };
  verifyOne(dir, t, r);
  console.log(f, t.layout.join(','), t.changed ? 'CHANGED' : '', r.missing.length, r.wrong.map((m:any)=>'W '+m.path+' '+m.expected+'→'+m.actual).join(' '), r.falseAlarms.map((m:any)=>'FA '+m.check+':'+m.scope).join(' '));
}
