// Deliberate inconsistencies: one printed figure changed so that one of the
// validator's checks fails. The change is made to the figures before the
// tables are printed; which checks then fail is worked out from the truth
// (expected-checks.ts) and recorded. In section 三 every figure takes part in
// two or three checks (a row's total and a column's balance or outcome
// total), so one changed figure there fails two or three checks; in section 四
// and for the plausibility checks of section 二 it fails exactly one.

import { APPLICANT_CODES, OUTCOME_CODES, PROCEEDING_CODES, applicationRows } from '../template/model.ts';
import type { Figures } from './figures.ts';
import type { Rng } from './prng.ts';
import type { TruthRecord } from './truth.ts';

export type ChangeKind = NonNullable<TruthRecord['changed']>['kind'];

export type Change = NonNullable<TruthRecord['changed']>;

/** Is this row printed with all its figures (not lost, not the unprinted form of （六））? */
export type Usable = (table: Change['table'], row: string) => boolean;

const KIND_WEIGHTS_2019: Partial<Record<ChangeKind, number>> = { review_total: 25, applicant_total: 20, balance: 15, outcome_total: 15, published_exceeds_total: 10, amount_per_project: 15 };
const KIND_WEIGHTS_2021: Partial<Record<ChangeKind, number>> = { review_total: 30, applicant_total: 25, balance: 20, outcome_total: 25 };

/** Changes one figure of `figures` in place and says which; null when the kind has no usable target. */
export function perturb(rng: Rng, figures: Figures, usable: Usable): Change | null {
  const kind = rng.weighted((figures.template === '2019' ? KIND_WEIGHTS_2019 : KIND_WEIGHTS_2021) as Record<ChangeKind, number>);
  const change = pick(rng, kind, figures, usable);
  return change && { kind, ...change };
}

function pick(rng: Rng, kind: ChangeKind, figures: Figures, usable: Usable): Omit<Change, 'kind'> | null {
  const delta = rng.pick([1, 1, 1, 2, 3, 10]);
  const apps = figures.applications;
  const rows = applicationRows(figures.template).filter((r) => usable('applications', r.code));
  const app = (row: string, c: number): Omit<Change, 'kind'> => {
    const from = apps[row][c];
    apps[row][c] = from + delta;
    return { table: 'applications', row, column: APPLICANT_CODES[c], from, to: from + delta };
  };
  switch (kind) {
    case 'review_total': {
      const p = rng.pick(PROCEEDING_CODES);
      if (!usable('reviews', 'reviews')) return null;
      const i = rng.int(0, 4);
      const from = figures.reviews[p][i];
      figures.reviews[p][i] = from + delta;
      return { table: 'reviews', row: p, column: OUTCOME_CODES[i], from, to: from + delta };
    }
    case 'applicant_total':
      return rows.length ? app(rng.pick(rows).code, 6) : null;
    case 'balance': {
      const list = rows.filter((r) => ['new_received', 'carried_over_in', 'carried_over_out'].includes(r.code));
      return list.length ? app(rng.pick(list).code, rng.int(0, 5)) : null;
    }
    case 'outcome_total': {
      const list = rows.filter((r) => r.outcome);
      return list.length ? app(rng.pick(list).code, rng.int(0, 5)) : null;
    }
    case 'published_exceeds_total': {
      const item = rng.pick(['regulations', 'normative_docs']);
      if (!usable('disclosure', item)) return null;
      const cells = figures.disclosure[item];
      const from = cells.new_published;
      cells.new_published = cells.total_published + delta;
      return { table: 'disclosure', row: item, column: 'new_published', from, to: cells.new_published };
    }
    case 'amount_per_project': {
      if (!usable('disclosure', 'procurement')) return null;
      const cells = figures.disclosure.procurement;
      if (cells.projects > 0) {
        const from = cells.amount_yuan;
        cells.amount_yuan = 0;
        return { table: 'disclosure', row: 'procurement', column: 'amount_yuan', from, to: 0 };
      }
      cells.projects = rng.int(1, 5);
      return { table: 'disclosure', row: 'procurement', column: 'projects', from: 0, to: cells.projects };
    }
    default:
      return null;
  }
}

/** Undoes a change made by perturb(). */
export function revert(figures: Figures, change: Change): void {
  if (change.table === 'applications') figures.applications[change.row][APPLICANT_CODES.indexOf(change.column)] = change.from;
  else if (change.table === 'reviews') figures.reviews[change.row][OUTCOME_CODES.indexOf(change.column)] = change.from;
  else figures.disclosure[change.row][change.column] = change.from;
}
