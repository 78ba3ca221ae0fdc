// The search boxes (SearchBox.astro): an ARIA combobox over the `places`
// table. Nothing but this file loads with the page; the list of places and the
// matching code come the first time a box gets focus.

import type { SearchPlace } from '../lib/place/search';
import { url } from '../lib/site';

type Lib = typeof import('../lib/place/search');

let loading: Promise<{ lib: Lib; places: SearchPlace[] }> | null = null;

function load() {
  loading ??= Promise.all([import('../lib/place/search'), import('../lib/place/places-index')]).then(async ([lib, index]) => ({ lib, places: await index.placeIndex() }));
  loading.catch(() => (loading = null));
  return loading;
}

/** The page of a place; a 2-digit code can be a municipality or its province, so the level goes along when needed. */
export function placeHref(p: Pick<SearchPlace, 'code' | 'level'>): string {
  const implied = p.code.length === 9 ? 'town' : p.code.length === 6 ? 'county' : p.code.length === 4 ? 'city' : 'city';
  return url(`place/?code=${p.code}${p.level === implied ? '' : `&level=${p.level}`}`);
}

export interface PickEvent extends CustomEvent<SearchPlace> {}

function attach(form: HTMLFormElement) {
  if (form.dataset.ready) return;
  form.dataset.ready = '1';
  const input = form.querySelector<HTMLInputElement>('input[role="combobox"]')!;
  const list = form.querySelector<HTMLUListElement>('[role="listbox"]')!;
  const status = form.querySelector<HTMLElement>('[data-status]')!;
  const mode = form.dataset.mode ?? 'go';
  const levels = (form.dataset.levels ?? '').split(',').filter(Boolean);
  let results: SearchPlace[] = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const setActive = (i: number) => {
    active = i;
    list.querySelectorAll('li[role="option"]').forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    const li = list.querySelector<HTMLElement>(`li[data-i="${i}"]`);
    if (li) {
      input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    }
  };

  const pick = (p: SearchPlace) => {
    close();
    if (mode === 'pick') {
      input.value = '';
      form.dispatchEvent(new CustomEvent('place-pick', { detail: p, bubbles: true }));
      return;
    }
    input.value = p.name;
    location.href = placeHref(p);
  };

  const update = async () => {
    const query = input.value.trim();
    if (!query) {
      close();
      return;
    }
    let loaded;
    try {
      loaded = await load();
    } catch {
      status.textContent = '地名表载入失败。';
      return;
    }
    if (input.value.trim() !== query) return; // typed on meanwhile
    const { lib, places } = loaded;
    results = lib.searchPlaces(places, query, { limit: 30, ...(levels.length ? { levels } : {}) });
    list.replaceChildren(
      ...(results.length
        ? results.map((p, i) => {
            const li = document.createElement('li');
            li.id = `${list.id}-${i}`;
            li.setAttribute('role', 'option');
            li.setAttribute('aria-selected', 'false');
            li.dataset.i = String(i);
            li.dataset.code = p.code;
            const nm = Object.assign(document.createElement('span'), { className: 'nm', textContent: p.name });
            const lv = Object.assign(document.createElement('span'), { className: 'lv', textContent: lib.levelLabel(p.level) });
            const ctx = Object.assign(document.createElement('span'), { className: 'ctx', textContent: lib.placeContext(p) });
            li.append(nm, lv, ctx);
            return li;
          })
        : [Object.assign(document.createElement('li'), { className: 'none', textContent: `没有名称含“${query}”的地方` })]),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    status.textContent = results.length ? `找到 ${results.length} 个地方，用上下键选择` : '没有找到';
  };

  input.addEventListener('focus', () => {
    void load().catch(() => undefined);
    if (input.value.trim()) void update();
  });
  input.addEventListener('input', () => void update());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (list.hidden) return;
      e.preventDefault();
      const n = results.length;
      if (n) setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
    } else if (e.key === 'Enter') {
      const p = results[active] ?? (results.length && !list.hidden ? results[0] : undefined);
      if (p) {
        e.preventDefault();
        pick(p);
      } else if (mode === 'pick') e.preventDefault();
    } else if (e.key === 'Escape') close();
  });
  // mousedown, not click: the input keeps focus, so the list is not closed by blur first.
  list.addEventListener('mousedown', (e) => {
    const li = (e.target as Element).closest<HTMLElement>('li[role="option"]');
    if (!li) return;
    e.preventDefault();
    pick(results[Number(li.dataset.i)]);
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  form.addEventListener('submit', (e) => {
    if (mode === 'pick') e.preventDefault();
  });
}

export function initSearchBoxes(): void {
  document.querySelectorAll<HTMLFormElement>('form.search-box').forEach(attach);
}
