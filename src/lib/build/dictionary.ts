// The data dictionary, generated from the table specs, the template model and
// the finding catalogue: a JSON the site reads and docs/data-dictionary.md.

import { RULES } from '../findings.ts';
import { APPLICATION_RANGE, CATALOG, CHECK_NAMES, REVIEW_RANGE, measureRange, type Catalog, type Labelled } from '../template/model.ts';
import { baseTables } from './schema.ts';
import { siteTables } from './summary.ts';
import type { TableSpec } from './schema.ts';

/** Bumped by hand when a table or column changes meaning or disappears. */
export const SCHEMA_VERSION = '3';

const code = ({ code, label, meaning }: Labelled) => ({ code, label, ...(meaning ? { meaning } : {}) });

/** The dictionary of the data a catalog's templates give (the national templates by default). */
export function dictionary(catalog: Catalog = CATALOG) {
  const checkNames: Record<string, string> = { ...CHECK_NAMES, ...Object.fromEntries(catalog.rules.map((r) => [r.code, r.name])) };
  return {
    schema_version: SCHEMA_VERSION,
    tables: [...baseTables(catalog), ...siteTables(catalog)].map((t: TableSpec) => ({
      name: t.name,
      label: t.label,
      meaning: t.meaning,
      files: [`${t.name}.parquet`, `${t.name}.csv`],
      sorted_by: t.sortBy,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, label: c.label, meaning: c.meaning, ...(c.derived ? { derived: true } : {}), ...(c.codes ? { codes: c.codes.map(code) } : {}), ...(c.range ? { range: { ...c.range } } : {}) })),
    })),
    templates: catalog.templates.map(({ id: t, name, tables }) => ({
      id: t,
      name,
      disclosure: catalog.itemsOf(t).map((i) => ({ ...code(i), label: catalog.labelOf(i, t), article: i.article, measures: catalog.measuresOf(i, t) })),
      application_rows: tables.includes('applications') ? catalog.rowsOf(t).map((r) => ({ ...code(r), label: catalog.labelOf(r, t), ...(r.parent ? { parent: r.parent } : {}) })) : [],
      reviews: tables.includes('reviews'),
    })),
    measures: catalog.measures.map((m) => ({ ...code(m), kind: m.kind, ...(m.templateUnit ? { template_unit: m.templateUnit } : {}), range: measureRange(m) })),
    applicants: catalog.applicants.map(code),
    proceedings: catalog.proceedings.map(code),
    outcomes: catalog.outcomes.map(code),
    checks: Object.entries(checkNames).map(([c, label]) => ({ code: c, label })),
    rules: [...Object.entries(RULES), ...catalog.rules.filter((r) => !Object.hasOwn(RULES, r.code)).map((r) => [r.code, { ...r, section: r.table }] as const)].map(([c, r]) => ({
      code: c,
      severity: r.severity,
      section: r.section,
      title: r.title,
      advice: r.advice,
    })),
  };
}

export type Dictionary = ReturnType<typeof dictionary>;

const cellText = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function dictionaryMarkdown(d: Dictionary = dictionary()): string {
  const out: string[] = [];
  out.push('# Data dictionary', '');
  out.push(`Generated from the template model (\`src/lib/template/model.ts\`), the table specs (\`src/lib/build/schema.ts\`, \`summary.ts\`) and the finding catalogue (\`src/lib/findings.ts\`) by \`npm run docs:dictionary\`. Do not edit by hand. Schema version ${d.schema_version}.`, '');
  out.push('Every table is written as Parquet and as CSV (UTF-8 with a byte-order mark). Missing figures are empty (null), never 0.', '');
  for (const t of d.tables) {
    out.push(`## ${t.name} — ${t.label}`, '', t.meaning, '', `Files: ${t.files.map((f) => `\`${f}\``).join(', ')}. Sorted by ${t.sorted_by.join(', ')}.`, '');
    out.push('| column | type | 中文 | meaning |', '|---|---|---|---|');
    for (const c of t.columns) {
      const codes = 'codes' in c && c.codes ? ` Codes: ${c.codes.map((x) => `\`${x.code}\` ${x.label}`).join('; ')}.` : '';
      const range = 'range' in c && c.range ? ` Plausible values ${c.range.min.toLocaleString('en-US')} to ${c.range.max.toLocaleString('en-US')}; a figure outside is null, with a finding.` : '';
      out.push(`| \`${c.name}\` | ${c.type} | ${cellText(c.label)} | ${cellText(c.meaning)}${'derived' in c && c.derived ? ' (derived)' : ''}${cellText(codes)}${range} |`);
    }
    out.push('');
  }
  for (const t of d.templates) {
    out.push(`## Template ${t.id}: ${t.name}`, '', '### Section 二 (disclosures: item × measure)', '', '| item | 中文 | article | measures |', '|---|---|---|---|');
    for (const i of t.disclosure) out.push(`| \`${i.code}\` | ${i.label} | ${i.article} | ${i.measures.map((m) => `\`${m}\``).join(', ')} |`);
    out.push('', '### Section 三 (applications: row × applicant)', '', '| row | 中文 |', '|---|---|');
    for (const r of t.application_rows) out.push(`| \`${r.code}\` | ${cellText(r.label)}${'parent' in r && r.parent ? `（\`${r.parent}\` 的子项）` : ''} |`);
    out.push('');
  }
  const span = (r: { min: number; max: number }) => `${r.min.toLocaleString('en-US')} to ${r.max.toLocaleString('en-US')}`;
  out.push('## Measures', '', 'Plausible values are in yuan for money. Section 三 cells: ' + span(APPLICATION_RANGE) + '; section 四 cells: ' + span(REVIEW_RANGE) + ' (the template model, `src/lib/template/model.ts`).', '');
  out.push('| measure | 中文 | kind | plausible values | meaning |', '|---|---|---|---|---|');
  for (const m of d.measures) out.push(`| \`${m.code}\` | ${m.label} | ${m.kind} | ${span(m.range)} | ${cellText(m.meaning ?? '')} |`);
  out.push('', '## Applicants, proceedings, outcomes', '', '| code | 中文 |', '|---|---|');
  for (const c of [...d.applicants, ...d.proceedings, ...d.outcomes]) out.push(`| \`${c.code}\` | ${c.label} |`);
  out.push('', '## Consistency checks (`checks.check`)', '', '| check | 中文 |', '|---|---|');
  for (const c of d.checks) out.push(`| \`${c.code}\` | ${c.label} |`);
  out.push('', '## Finding rules (`findings.rule`)', '', '| rule | severity | section | 中文 | advice |', '|---|---|---|---|---|');
  for (const r of d.rules) out.push(`| \`${r.code}\` | ${r.severity} | ${r.section} | ${r.title} | ${cellText(r.advice)} |`);
  out.push('');
  return out.join('\n');
}
