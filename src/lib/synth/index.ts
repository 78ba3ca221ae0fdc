// A synthetic national corpus of township reports with a truth file, and the
// accuracy check of the parser against it.
//
//   corpus.ts           writes DIR/<province>/<town>_<year>.txt and DIR/truth.jsonl
//   report.ts           one report: figures, damage, text, truth
//   figures.ts          figures consistent by construction
//   inconsistency.ts    one figure changed on purpose
//   expected-checks.ts  which checks must then fail
//   tables.ts           the three tables as rows of cells
//   layouts.ts          rows as tab rows, cell lines, markdown or PDF columns
//   damage.ts           lost cells, shifted rows, misspelt labels, placeholders
//   stream.ts           tables in PDF reading order (pdftotext, pdf.js)
//   convert.ts          a report through a PDF-to-Markdown converter
//   prose.ts, compose.ts  the words and the whole text
//   verify.ts           parse every report and compare with the truth

export { generateCorpus, pickTowns, reportPath, uniqueTownNames, DEFAULT_INCONSISTENT, DEFAULT_SEED, type CorpusOptions, type CorpusStats } from './corpus.ts';
export { generateReport, type GeneratedReport, type ReportInput } from './report.ts';
export { verifyCorpus, verifyOne, type CheckMiss, type Mismatch, type VerifyOptions, type VerifyResult } from './verify.ts';
export { ALL_LAYOUT_TAGS, BASE_LAYOUTS, DAMAGE_CLASSES, LAYOUT_MODIFIERS, OTHER_HANDLING_FORMS, type LayoutTag, type TruthRecord } from './truth.ts';
