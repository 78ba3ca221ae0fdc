// A town's reports as a sequence of years: what one year hands on to the next
// (figures.ts Carry), breaks of that continuity made on purpose, narratives
// copied from the year before or from a neighbour, and a second report of the
// same year. Which cross-report checks must then fail is not recorded here: the
// accuracy check works it out from the truth figures (verify-cross.ts).

import { APPLICANT_PARTS, runningCountItems, type TemplateId } from '../template/model.ts';
import type { Figures } from './figures.ts';
import type { Rng } from './prng.ts';

/** Where a report's words come from: the key its prose is drawn from, and whether it names the county. */
export interface ProseSource {
  key: string;
  nameParents: boolean;
}

export interface SequenceRates {
  /** Share of reports continuing a year whose carry-over or running count is broken on purpose. */
  broken: number;
  /** Share of reports published after the deadline. */
  late: number;
  /** Share of reports whose narrative is the year before's; as many again copy a neighbour's. */
  copied: number;
  /** Share of reports published a second time, in a version with other figures. */
  duplicated: number;
}

export const DEFAULT_SEQUENCE_RATES: SequenceRates = { broken: 0.03, late: 0.03, copied: 0.02, duplicated: 0.01 };

export type Break = { kind: 'carry_over'; column: string; delta: number } | { kind: 'running_count'; item: string; delta: number };

/**
 * Breaks the continuity with the year before in one place, keeping the report's own arithmetic:
 * more carried in than the year before carried out (and as many more carried out, so that the
 * 勾稽关系 still holds), or a running count that does not follow from last year's.
 */
export function breakContinuity(rng: Rng, figures: Figures, template: TemplateId): Break {
  const delta = rng.pick([1, 1, 2, 3, 5]);
  const items = runningCountItems(template);
  if (items.length > 0 && rng.chance(0.5)) {
    const item = rng.pick(items).code;
    figures.disclosure[item].prev_year_count += delta;
    return { kind: 'running_count', item, delta };
  }
  const c = rng.int(0, APPLICANT_PARTS.length - 1);
  const apps = figures.applications;
  for (const row of ['carried_over_in', 'carried_over_out']) {
    apps[row][c] += delta;
    apps[row][APPLICANT_PARTS.length] += delta;
  }
  return { kind: 'carry_over', column: APPLICANT_PARTS[c], delta };
}
