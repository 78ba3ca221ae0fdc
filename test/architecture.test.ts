// The import rules (scripts/architecture.cjs, explained in docs/architecture.md) and the size of
// files, checked on the repository itself. A failure lists every import or file that breaks them.

import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruise, type IConfiguration, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

interface KnownException {
  from: string;
  to: string;
  cycle?: boolean;
  module?: string;
  why: string;
}

const architecture = createRequire(import.meta.url)('../scripts/architecture.cjs') as {
  AREAS: [string, string][];
  KNOWN_EXCEPTIONS: KnownException[];
  layersConfig: IConfiguration;
  browserConfig: IConfiguration;
};

const tsConfig = extractTSConfig('tsconfig.json');

async function cruiseWith(config: IConfiguration, baseDir?: string): Promise<ICruiseResult> {
  const { output } = await cruise(
    ['src'],
    { ...config.options, ...(baseDir ? { baseDir, tsConfig: undefined } : {}), ruleSet: { forbidden: config.forbidden }, validate: true },
    {},
    baseDir ? {} : { tsConfig },
  );
  return output as ICruiseResult;
}

function describeViolation(v: IViolation): string {
  const path = v.cycle ?? v.via;
  const through = path?.length ? `\n      through ${path.map((step) => step.name).join(' → ')}` : '';
  return `${v.rule.name}: ${v.from} → ${v.to}${through}`;
}

const violations = (result: ICruiseResult) => result.summary.violations.filter((v) => v.rule.severity === 'error').map(describeViolation);

/** The area of a module: the first whose path it matches, as the rules assign them. */
const areaOf = (source: string) => architecture.AREAS.find(([, path]) => new RegExp(path).test(source))?.[0];

describe('import rules', () => {
  it('hold for src/: layers, no cycles', async () => {
    const result = await cruiseWith(architecture.layersConfig);
    expect(result.summary.totalCruised).toBeGreaterThan(200);
    expect(violations(result), 'imports that break the table in docs/architecture.md').toEqual([]);
    const unplaced = result.modules.map((m) => m.source).filter((source) => source.startsWith('src/') && !areaOf(source));
    expect(unplaced, 'modules of no area: give their folder a row in AREAS and MAY_IMPORT (scripts/architecture.cjs)').toEqual([]);

    // Each known exception is still needed: else it goes, and the rule is whole again.
    const imports = result.modules.flatMap((m) => m.dependencies.map((d) => ({ from: m.source, to: d.resolved })));
    const there = (from: string, to: string, module?: string) => imports.some((i) => areaOf(i.from) === from && areaOf(i.to) === to && (!module || new RegExp(module).test(i.to)));
    const stale = architecture.KNOWN_EXCEPTIONS.flatMap((e) => [
      ...(there(e.from, e.to, e.module) ? [] : [`${e.from} → ${e.to}${e.module ? ` (${e.module})` : ''}: ${e.why}`]),
      ...(e.cycle && !there(e.to, e.from) ? [`the cycle: ${e.to} no longer imports ${e.from} (set cycle: false)`] : []),
    ]);
    expect(stale, 'known exceptions no longer needed: remove them from scripts/architecture.cjs').toEqual([]);
  });

  it('hold for what the browser loads', async () => {
    const result = await cruiseWith(architecture.browserConfig);
    expect(result.modules.some((m) => m.source.startsWith('src/scripts/'))).toBe(true);
    expect(violations(result), 'build-time code a page script reaches').toEqual([]);
  });

  it('catch a query reaching into a page module and a page script reaching Node', async () => {
    const base = 'test/fixtures/architecture';
    const layers = violations(await cruiseWith(architecture.layersConfig, base));
    expect(layers).toContain('layer-queries: src/lib/db/queries/peers.ts → src/lib/place/levels.ts');
    expect(layers.some((v) => v.startsWith('no-folder-cycle: src/lib/db/queries → src/lib/place'))).toBe(true);
    const browser = violations(await cruiseWith(architecture.browserConfig, base));
    expect(browser.some((v) => v.startsWith('browser-reaches-no-build-code: src/scripts/page.ts → fs'))).toBe(true);
  });
});

const MAX_LINES = 400;
const CODE = /\.(ts|mts|cts|js|mjs|cjs|astro)$/;

/** Test fixtures are data (reports, a rule-breaking tree), not code we keep. */
const NOT_CODE = new Set(['test/fixtures', 'node_modules']);

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return NOT_CODE.has(path) || entry.name === 'node_modules' ? [] : codeFiles(path);
    return CODE.test(entry.name) ? [path] : [];
  });
}

describe('file size', () => {
  it(`keeps every source, test and script file within ${MAX_LINES} lines`, () => {
    const files = ['src', 'test', 'scripts'].flatMap(codeFiles);
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long, `split these files by topic (at most ${MAX_LINES} lines)`).toEqual([]);
  });
});
