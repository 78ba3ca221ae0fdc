// Output folders that readers see whole: the data build's link switch
// (src/lib/build/output.ts) and the site's folder swap (scripts/site-output.mjs).
//
//   1 data output     switching from nothing, an empty folder, an old-layout folder, a link;
//                     leftovers of dead builds removed, live builds' kept; a missing link repaired
//   2 site output     swap; a build killed between the renames repaired; leftovers removed
//   3 npm run build   not tripped by looping links; killed while Astro writes the new site,
//                     dist/ is the old site, whole

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { cleanLeftovers, currentBuild, newVersion, switchOutput } from '../src/lib/build/output.ts';
import { dataIsOutdated, dataIsStale } from '../scripts/build-site.mjs';
import { nextSite, recoverSite, swapInSite } from '../scripts/site-output.mjs';
import { removeTempDirs, ROOT, tempDir } from './helpers/build.ts';
import { RAW, TODAY } from './helpers/build-data.ts';

afterAll(() => removeTempDirs());

/** A pid no process has: one that has just exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

/** A folder with a manifest: what a complete build looks like to output.ts. */
function fakeBuild(dir: string, label: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ label }));
  return dir;
}

const labelOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).label;

describe('1. the data output is a link switched in one rename', () => {
  it('switches from nothing, then from a link, returning the folder to retire', () => {
    const out = join(tempDir('switch'), 'build');
    const first = fakeBuild(newVersion(out), 'first');
    expect(switchOutput(out, first)).toBeNull();
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readlinkSync(out)).not.toContain('/'); // relative: the data folder can move
    expect(labelOf(out)).toBe('first');
    const second = fakeBuild(newVersion(out), 'second');
    expect(switchOutput(out, second)).toBe(first);
    expect(labelOf(out)).toBe('second');
    expect(currentBuild(out)).toBe(second);
  });

  it('replaces an empty folder, and moves a folder of the old layout aside', () => {
    const empty = tempDir('switch-empty');
    expect(switchOutput(empty, fakeBuild(newVersion(empty), 'new'))).toBeNull();
    expect(labelOf(empty)).toBe('new');

    const legacy = fakeBuild(join(tempDir('switch-legacy'), 'build'), 'legacy');
    writeFileSync(join(legacy, 'reports.csv'), 'x');
    const previous = switchOutput(legacy, fakeBuild(newVersion(legacy), 'new'))!;
    expect(labelOf(legacy)).toBe('new');
    expect(readdirSync(previous).sort()).toEqual(['manifest.json', 'reports.csv']);
  });

  it('removes the folders of dead builds and its own leftovers, keeps the current build and live builds’', () => {
    const parent = tempDir('clean');
    const out = join(parent, 'build');
    switchOutput(out, fakeBuild(newVersion(out), 'current'));
    const sleeper = spawn('sleep', ['60']);
    try {
      const dead = fakeBuild(join(parent, `.build.${deadPid()}.abc`), 'complete but never switched');
      const deadLink = join(parent, `.build.${deadPid()}.link`);
      writeFileSync(deadLink, '');
      const own = join(parent, `.build.${process.pid}.old`);
      mkdirSync(own);
      const live = join(parent, `.build.${sleeper.pid}.xyz`);
      mkdirSync(live);
      const unrelated = join(parent, '.buildings.1.a');
      mkdirSync(unrelated);
      expect(cleanLeftovers(out).sort()).toEqual([dead, deadLink, own].sort());
      expect(labelOf(out)).toBe('current');
      expect([live, unrelated].every(existsSync)).toBe(true);
    } finally {
      sleeper.kill();
    }
  });

  it('puts the newest complete build back when the link is missing, and removes the incomplete ones', () => {
    const parent = tempDir('recover');
    const out = join(parent, 'build');
    const pid = deadPid();
    const older = fakeBuild(join(parent, `.build.${pid}.a`), 'older');
    const newer = fakeBuild(join(parent, `.build.${pid}.b`), 'newer');
    const incomplete = join(parent, `.build.${pid}.c`);
    mkdirSync(incomplete);
    const past = new Date(Date.now() - 60_000);
    spawnSync('touch', ['-d', past.toISOString(), join(older, 'manifest.json')]);
    cleanLeftovers(out);
    expect(labelOf(out)).toBe('newer');
    expect(realpathSync(out)).toBe(newer);
    expect(existsSync(older) || existsSync(incomplete)).toBe(false);
  });

  it('removes what builds of the old layout left inside the output folder', () => {
    const out = fakeBuild(tempDir('legacy-leftovers'), 'legacy');
    for (const d of ['.staging-123', '.next-123']) mkdirSync(join(out, d));
    writeFileSync(join(out, 'tmp_reports.csv'), 'x');
    cleanLeftovers(out);
    expect(readdirSync(out)).toEqual(['manifest.json']);
  });
});

describe('2. the site folder is swapped in whole', () => {
  const site = (dir: string, label: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), label);
    return dir;
  };
  const labelOfSite = (dir: string) => readFileSync(join(dir, 'index.html'), 'utf8');

  it('swaps a complete build in and removes the old one', () => {
    const dist = site(join(tempDir('swap'), 'dist'), 'old');
    const next = site(nextSite(dist), 'new');
    swapInSite(next, dist);
    expect(labelOfSite(dist)).toBe('new');
    expect(readdirSync(join(dist, '..'))).toEqual(['dist']);
  });

  it('puts the old site back after a build died between the two renames; removes dead builds’ folders', () => {
    const parent = tempDir('site-recover');
    const pid = deadPid();
    site(join(parent, `.dist.old-${pid}`), 'old');
    site(join(parent, `.dist.next-${pid}`), 'half');
    const dist = join(parent, 'dist');
    expect(recoverSite(dist)).toEqual([join(parent, `.dist.next-${pid}`)]);
    expect(labelOfSite(dist)).toBe('old');
    expect(readdirSync(parent)).toEqual(['dist']);
  });
});

describe('3. npm run build', () => {
  it('decides whether the data is stale without tripping on looping or dangling links in the raw folder', () => {
    const raw = tempDir('stale-raw');
    writeFileSync(join(raw, 'report.txt'), 'x');
    symlinkSync('loop-b.txt', join(raw, 'loop-a.txt'));
    symlinkSync('loop-a.txt', join(raw, 'loop-b.txt'));
    symlinkSync('missing.txt', join(raw, 'dangling.txt'));
    symlinkSync('.', join(raw, 'self'));
    const out = fakeBuild(tempDir('stale-out'), 'x');
    expect(dataIsStale(raw, out)).toBe(false);
    writeFileSync(join(raw, 'new.txt'), 'y');
    spawnSync('touch', ['-d', new Date(Date.now() + 60_000).toISOString(), join(raw, 'new.txt')]);
    expect(dataIsStale(raw, out)).toBe(true);
  });

  it('takes a data build written by other parser or schema versions as outdated', () => {
    const current = JSON.parse(spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/data-versions.ts'], { cwd: ROOT, encoding: 'utf8' }).stdout);
    const out = tempDir('outdated-out');
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(current));
    expect(dataIsOutdated(out)).toBe(false);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...current, schema_version: 'old' }));
    expect(dataIsOutdated(out)).toBe(true);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...current, parser_version: 'old' }));
    expect(dataIsOutdated(out)).toBe(true);
  });


  it('killed while Astro writes the site, leaves a whole dist/ (the previous one, or the new one if it was swapped in first); the next start removes the half-written one', async () => {
    const work = tempDir('site-kill');
    const data = join(work, 'data');
    await buildData({ raw: RAW, out: data, today: TODAY, workers: 2 });
    const dist = join(work, 'dist');
    mkdirSync(join(dist, 'about'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), 'previous site');
    writeFileSync(join(dist, 'about', 'index.html'), 'previous about');
    const before = snapshot(dist);
    // Vitest's own Vite environment (BASE_URL, MODE, NODE_ENV=test …) must not reach Astro.
    const env: NodeJS.ProcessEnv = { ...process.env, SITE_OUT: dist, DATA_DIR: data, SITE_PUBLIC: join(work, 'public') };
    for (const k of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'VITEST', 'VITEST_MODE', 'TEST']) delete env[k];
    // Its own process group, so that Astro dies with it, as with Ctrl-C or a killed CI job.
    const child = spawn(process.execPath, ['scripts/build-site.mjs'], { cwd: ROOT, env, detached: true, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const next = join(work, `.dist.next-${child.pid}`);
    // Astro writes its output folder at the end of its run: wait for it, then kill at a random moment while it writes.
    const deadline = Date.now() + 280_000;
    while (!(existsSync(next) && readdirSync(next).length > 0) && Date.now() < deadline && child.exitCode === null) await sleep(100);
    expect(child.exitCode, 'the build ended before Astro wrote its output').toBeNull();
    expect(existsSync(next)).toBe(true);
    await sleep(Math.random() * 300);
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    // On a fast machine Astro may finish writing, and the site be swapped in, before the kill lands:
    // then dist/ is the whole new site (its stamp is written last, before the swap). Never a mix.
    const after = snapshot(dist);
    if (after['index.html'] === before['index.html']) expect(after).toEqual(before);
    else {
      expect(after['.site-stamp'], 'a new site in dist/ is a complete one').toBeDefined();
      expect(Object.keys(after)).toEqual(expect.arrayContaining(['about/index.html', 'place/index.html', 'data/files.json']));
    }
    const halfWritten = existsSync(next) ? [next] : [];
    expect(recoverSite(dist)).toEqual(halfWritten);
    expect(readdirSync(work).filter((f) => f.startsWith('.dist.'))).toEqual([]);
  }, 300_000);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every file under `dir` with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[prefix + e.name] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}
