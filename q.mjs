import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:'); const c = await i.connect();
const dir = process.argv[2];
for (const s of process.argv.slice(3)) {
  const r = await c.runAndReadAll(s.replaceAll(/\bT\.(\w+)/g, (_, t) => `read_parquet('${dir}/${t}.parquet')`));
  console.log(r.columnNames().join(' | '));
  for (const row of r.getRowsJson()) console.log(row.map(v => typeof v === 'object' ? JSON.stringify(v) : v).join(' | '));
}
