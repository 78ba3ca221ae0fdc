// The search boxes (SearchBox.astro): an ARIA combobox over the index of every
// place of the national list. Nothing but this file loads with the page; the
// index and the matching code come the first time a box gets focus.

import type { IndexedPlace, SearchPlace } from '../lib/place/search';
import { h } from '../lib/dom';

type Lib = typeof import('../lib/place/search') & typeof import('../lib/place/links');

let loading: Promise<{ lib: Lib; places: IndexedPlace[] }> | null = null;

function load() {
  loading ??= Promise.all([import('../lib/place/search'), import('../lib/place/links'), import('../lib/place/places-index')]).then(async ([search, links, index]) => ({
    lib: { ...search, ...links },
    places: await index.placeIndex(),
  }));
  loading.catch(() => (loading = null));
  return loading;
}

export interface PickEvent extends CustomEvent<SearchPlace> {}

const span = (className: string, text: string) => h(document, 'span', { class: className }, text);
const note = (text: string) => h(document, 'li', { class: 'none' }, text);

/** One result: 临清市 县级 [无本级报告 · 辖区内 1 份] / 聊城市 · 山东省. */
function option(lib: Lib, p: IndexedPlace, i: number, listId: string): HTMLLIElement {
  return h(
    document,
    'li',
    { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', 'data-i': i, 'data-code': p.code, 'data-target': lib.searchTarget(p).kind },
    span('nm', p.name),
    span('lv', lib.levelLabel(p.level)),
    span(p.reports > 0 ? 'rep' : 'rep none', lib.reportNote(p)),
    span('ctx', lib.placeContext(p)),
  ) as HTMLLIElement;
}

function attach(form: HTMLFormElement) {
  if (form.dataset.ready) return;
  form.dataset.ready = '1';
  const input = form.querySelector<HTMLInputElement>('input[role="combobox"]')!;
  const list = form.querySelector<HTMLUListElement>('[role="listbox"]')!;
  const status = form.querySelector<HTMLElement>('[data-status]')!;
  const mode = form.dataset.mode ?? 'go';
  const levels = (form.dataset.levels ?? '').split(',').filter(Boolean);
  let results: IndexedPlace[] = [];
  let lib: Lib | null = null;
  let active = -1;
  let ready = false;

  /** A line in place of results (loading, failure). */
  const showNote = (text: string) => {
    results = [];
    list.replaceChildren(note(text));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

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

  const pick = (p: IndexedPlace) => {
    close();
    if (mode === 'pick') {
      input.value = '';
      form.dispatchEvent(new CustomEvent<SearchPlace>('place-pick', { detail: p, bubbles: true }));
      return;
    }
    input.value = p.name;
    if (lib) location.href = lib.searchTarget(p).href;
  };

  const update = async () => {
    const query = input.value.trim();
    if (!query) {
      close();
      return;
    }
    let loaded;
    if (!ready) showNote('正在载入地名表…');
    try {
      loaded = await load();
      ready = true;
    } catch {
      showNote('地名表载入失败，请稍后再试。');
      status.textContent = '地名表载入失败。';
      return;
    }
    if (input.value.trim() !== query) return; // typed on meanwhile
    lib = loaded.lib;
    // Picking a town to compare: only towns with reports can be compared.
    results = lib.searchPlaces(loaded.places, query, { limit: 30, ...(levels.length ? { levels } : {}), reportedOnly: mode === 'pick' });
    list.replaceChildren(
      ...(results.length
        ? results.map((p, i) => option(lib!, p, i, list.id))
        : [note(mode === 'pick' ? `没有名称或拼音含“${query}”、有报告的乡镇街道` : `没有名称或拼音含“${query}”的地方`)]),
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
