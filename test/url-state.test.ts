// The one module for pages whose view lives in the URL (src/scripts/url-state.ts): a page's state
// read from its URL, its own links, history entries only for a change, and the back button; and the
// place page's parameters, which go through it like every other page's.
import { afterEach, describe, expect, it } from 'vitest';
import { urlView } from '../src/scripts/url-state.ts';
import { placePageFromParams, placePageToParams, placeUrl } from '../src/lib/place/links.ts';
import { compareFromParams, compareToParams } from '../src/lib/place/compare.ts';

/** A stand-in for the browser's location, history and popstate: enough for urlView. */
function fakeBrowser(start: string) {
  const entries = [new URL(start)];
  let at = 0;
  const listeners: (() => void)[] = [];
  const g = globalThis as unknown as Record<string, unknown>;
  g.location = new Proxy({}, { get: (_, k) => (entries[at] as unknown as Record<string | symbol, unknown>)[k] });
  g.history = {
    pushState: (_: unknown, __: string, href: string) => {
      entries.splice(at + 1, Infinity, new URL(href, entries[at]));
      at = entries.length - 1;
    },
    replaceState: (_: unknown, __: string, href: string) => (entries[at] = new URL(href, entries[at])),
  };
  g.addEventListener = (type: string, f: () => void) => type === 'popstate' && listeners.push(f);
  return {
    entries,
    back() {
      at -= 1;
      for (const f of listeners) f();
    },
  };
}

const codec = { path: 'compare/', parse: compareFromParams, params: compareToParams };

describe('urlView', () => {
  const saved = { location: globalThis.location, history: globalThis.history, addEventListener: globalThis.addEventListener };
  afterEach(() => Object.assign(globalThis, saved));

  it('reads the state from the URL, links to a state, and adds a history entry only for a change', () => {
    const b = fakeBrowser('https://x.test/compare/?code=110101001&peers=city');
    const view = urlView(codec);
    const s = view.current();
    expect(s).toMatchObject({ code: '110101001', scope: 'city' });
    expect(view.href(s)).toBe(`/compare/?${compareToParams(s)}`);
    view.record(s, 'push');
    expect(b.entries).toHaveLength(1);
    view.record({ ...s, scope: 'province' }, 'push');
    expect(b.entries).toHaveLength(2);
    expect(b.entries[1].searchParams.get('peers')).toBe('province');
    const shown: unknown[] = [];
    view.onPop((state) => shown.push(state));
    b.back();
    expect(shown).toEqual([s]);
  });

  it('rewrites the entry in place for a state put right, keeping a fragment when asked', () => {
    const b = fakeBrowser('https://x.test/compare/?peers=nonsense&code=110101001#cmp-out');
    const view = urlView(codec);
    view.record(view.current(), 'replace', { keepHash: true });
    expect(b.entries).toHaveLength(1);
    expect(b.entries[0].hash).toBe('#cmp-out');
    expect(b.entries[0].searchParams.get('peers')).not.toBe('nonsense');
    expect(view.isDefault(compareFromParams(new URLSearchParams()))).toBe(true);
  });
});

describe('the place page in its URL', () => {
  it('reads a place, its level, a name search or a province, and writes them back', () => {
    expect(placePageFromParams(new URLSearchParams('code=11&level=province'))).toEqual({ code: '11', level: 'province', q: null, p: null });
    expect(placePageFromParams(new URLSearchParams('code=11&level=nonsense')).level).toBeNull();
    expect(placePageFromParams(new URLSearchParams(`q=${'镇'.repeat(50)}`)).q).toHaveLength(40);
    expect(placePageFromParams(new URLSearchParams('p=3x')).p).toBeNull();
    for (const s of ['code=110101001', 'code=11&level=city', 'q=%E9%95%87', 'p=37']) {
      expect(placePageToParams(placePageFromParams(new URLSearchParams(s))).toString()).toBe(s);
    }
    expect(placeUrl('11', 'city')).toBe('/place/?code=11&level=city');
    expect(placeUrl('110101', 'county')).toBe('/place/?code=110101');
  });
});
