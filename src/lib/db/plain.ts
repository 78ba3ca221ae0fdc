// Values as DuckDB (in Node or in the browser) and hyparquet hand them back, made plain: what JSON,
// Arrow and the pages take.

/** Converts the values DuckDB hands back into plain JSON-able ones (BIGINT → number, DATE → 'YYYY-MM-DD'). */
export function plainValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
