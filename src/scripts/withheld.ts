// A page's figures withheld: when the figures of a view cannot be computed
// (no query engine, a failed query) or the view cannot select any report
// (years without reports), the page hides its figures and says why in their
// place, with a way on. Showing a view's figures again clears the note.

import { EngineUnavailable } from '../lib/db/unavailable';
import { fill, h } from '../lib/dom';

const db = () => import('../lib/db/browser');

/** The query engine, started; any failure to load it is an EngineUnavailable. */
export async function loadEngine(): Promise<Awaited<ReturnType<typeof db>>> {
  try {
    const lib = await db();
    await lib.duckdb();
    return lib;
  } catch (error) {
    throw new EngineUnavailable(error);
  }
}

/**
 * Starts loading the engine as a visitor reaches for a filter, on a site without first answers of
 * `set`. With them, the first view of a choice needs no engine, and its 7.7 MB would only compete
 * with the answer for the link: the engine loads when a view needs it.
 */
export function warmEngine(set: string): void {
  void import('../lib/answers/read').then(({ hasAnswerSet }) => {
    if (!hasAnswerSet(set)) void db().then((m) => m.duckdb()).catch(() => undefined);
  });
}

export interface WayOn {
  href: string;
  label: string;
  /** Load the page afresh (the view it leads to must not need the engine that failed). */
  reload?: boolean;
}

/** Hides the figures (#figures) and shows why (#withheld); `reason` names the case for tests and styles. */
export function withhold(message: string, reason: 'engine' | 'query' | 'years', way?: WayOn): void {
  const box = document.getElementById('withheld')!;
  const [head, ...rest] = message.split('\n');
  fill(
    box,
    h(document, 'p', { class: 'why' }, head),
    rest.length > 0 && h(document, 'p', { class: 'reason' }, rest.join('\n')),
    way && h(document, 'p', { class: 'way' }, h(document, 'a', { href: way.href, 'data-reload': way.reload === true }, way.label)),
  );
  box.hidden = false;
  document.getElementById('figures')!.hidden = true;
  document.body.dataset.withheld = reason;
}

/** Shows the figures again (a view was drawn). */
export function release(): void {
  document.getElementById('withheld')!.hidden = true;
  document.getElementById('figures')!.hidden = false;
  delete document.body.dataset.withheld;
}
