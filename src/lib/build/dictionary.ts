// The data dictionary, generated from the table specs, the template model and
// the finding catalogue: a JSON the site reads and docs/data-dictionary.md.

import { RULES } from '../findings.ts';
import {
  APPLICANTS,
  APPLICATION_ROWS,
  DISCLOSURE_ITEMS,
  APPLICATION_RANGE,
  MEASURES,
  OUTCOMES,
  REVIEW_RANGE,
  measureRange,
  PROCEEDINGS,
  TEMPLATES,
  TEMPLATE_NAMES,
  measuresOf,
  type Labelled,
} from '../template/model.ts';
import { CHECK_NAMES } from '../validate/index.ts';
import { ALL_TABLES } from './assemble.ts';
import type { TableSpec } from './schema.ts';

/** Bumped by hand when a table or column changes meaning or disappears. */
export const SCHEMA_VERSION = '2';

const code = ({ code, label, meaning }: Labelled) => ({ code, label, ...(meaning ? { meaning } : {}) });

export function dictionary() {
  return {
    schema_version: SCHEMA_VERSION,
    tables: ALL_TABLES.map((t: TableSpec) => ({
      name: t.name,
      label: t.label,
      meaning: t.meaning,
      files: [`${t.name}.parquet`, `${t.name}.csv`],
      sorted_by: t.sortBy,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, label: c.label, meaning: c.meaning, ...(c.derived ? { derived: true } : {}), ...(c.codes ? { codes: c.codes.map(code) } : {}), ...(c.range ? { range: { ...c.range } } : {}) })),
    })),
    templates: TEMPLATES.map((t) => ({
      id: t,
      name: TEMPLATE_NAMES[t],
      disclosure: DISCLOSURE_ITEMS.filter((i) => measuresOf(i, t).length > 0).map((i) => ({ ...code(i), article: i.article, measures: measuresOf(i, t) })),
      application_rows: APPLICATION_ROWS.filter((r) => !r.only || r.only === t).map((r) => ({ ...code(r), ...(r.parent ? { parent: r.parent } : {}) })),
    })),
    measures: MEASURES.map((m) => ({ ...code(m), kind: m.kind, ...(m.templateUnit ? { template_unit: m.templateUnit } : {}), range: measureRange(m) })),
    applicants: APPLICANTS.map(code),
    proceedings: PROCEEDINGS.map(code),
    outcomes: OUTCOMES.map(code),
    checks: Object.entries(CHECK_NAMES).map(([c, label]) => ({ code: c, label })),
    rules: Object.entries(RULES).map(([c, r]) => ({ code: c, severity: r.severity, section: r.section, title: r.title, advice: r.advice })),
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
