import { verifyCrossChecks } from './src/lib/synth/verify-cross.ts';
const r = await verifyCrossChecks(process.argv[2], { buildDir: process.argv[3] });
console.log(JSON.stringify({ ...r, missed: r.missed.slice(0, 10), falseAlarms: r.falseAlarms.slice(0, 10), otherMismatches: r.otherMismatches.slice(0, 10), counts: [r.missed.length, r.falseAlarms.length, r.otherMismatches.length] }, null, 1));
