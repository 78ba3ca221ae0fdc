// The figures of one report, consistent by construction (勾稽关系): per
// applicant column 本年新收 + 上年结转 = 办理结果总计 + 结转下年度; the total
// column is the sum of the six applicant columns; （七）总计 is the sum of the
// outcome rows (（六） the sum of its three sub-rows under 2021); each review
// total is the sum of its four outcomes. Most towns have nothing to report;
// a tail of busy towns has tens or hundreds of applications.

import {
  APPLICANT_PARTS,
  OUTCOME_PARTS,
  PROCEEDING_CODES,
  applicationRows,
  type TemplateId,
} from '../template/model.ts';
import type { Rng } from './prng.ts';

export type Activity = 'quiet' | 'some' | 'busy';

/** How the 2019 procurement amount is written: unit in the cell (元 or 万元), 万元 in the header, or no unit. */
export type AmountForm = 'cell_yuan' | 'cell_wan' | 'header_wan' | 'none';

export interface Figures {
  template: TemplateId;
  /** item → measure → value (money in yuan). */
  disclosure: Record<string, Record<string, number>>;
  amountForm: AmountForm | null;
  /** row → seven values (six applicants, then the total); every row of the template. */
  applications: Record<string, number[]>;
  /** proceeding → five values (four outcomes, then the total). */
  reviews: Record<string, number[]>;
  proactive: number;
  proactiveApprox: boolean;
}

/** How busy a town is: fixed per town, so its reports look alike across years. */
export function townActivity(rng: Rng): Activity {
  return rng.weighted({ quiet: 70, some: 25, busy: 5 });
}

/**
 * What a town's report hands on to the next year's: per applicant column (six parts) the
 * applications carried over, and per item with a running count (2019 template) the count at the
 * year's end (上一年项目数量 + 本年增/减).
 */
export interface Carry {
  carriedOut: number[];
  running: Record<string, number>;
}

/** The carry of a report's figures to the next year's. */
export function carryOf(figures: Figures): Carry {
  const running: Record<string, number> = {};
  for (const [item, cells] of Object.entries(figures.disclosure)) {
    if ('prev_year_count' in cells && 'change' in cells) running[item] = cells.prev_year_count + cells.change;
  }
  return { carriedOut: figures.applications.carried_over_out.slice(0, APPLICANT_PARTS.length), running };
}

/** `carry`: the previous year's report's, for a year that continues it (consistent carry-over and running counts). */
export function makeFigures(rng: Rng, template: TemplateId, activity: Activity, carry: Carry | null = null): Figures {
  const amountForm = template === '2019' ? rng.weighted<AmountForm>({ cell_yuan: 30, cell_wan: 25, header_wan: 20, none: 25 }) : null;
  const proactiveApprox = rng.chance(0.2);
  let proactive = activity === 'busy' ? rng.int(200, 3000) : activity === 'some' ? rng.int(30, 400) : rng.int(5, 150);
  if (proactiveApprox) proactive = Math.max(10, Math.round(proactive / 10) * 10);
  return {
    template,
    disclosure: template === '2019' ? disclosure2019(rng, activity, amountForm!, carry?.running ?? {}) : disclosure2021(rng, activity),
    amountForm,
    applications: applications(rng, template, activity, carry?.carriedOut ?? null),
    reviews: reviews(rng, activity),
    proactive,
    proactiveApprox,
  };
}

// ---------------------------------------------------------------------------
// Section 二

function docs(rng: Rng, pZero: number, max: number): { made: number; published: number; total: number } {
  if (rng.chance(pZero)) return { made: 0, published: 0, total: rng.chance(0.8) ? 0 : rng.int(1, 10) };
  const made = rng.int(1, max);
  const published = rng.int(0, made);
  return { made, published, total: published + rng.int(0, 30) };
}

/** `given`: the count carried from the year before, when the report continues one. */
function items(rng: Rng, activity: Activity, maxDecisions: number, given: number | undefined): { prev_year_count: number; change: number; decisions: number } {
  if (activity === 'quiet' && rng.chance(0.6)) return { prev_year_count: given ?? 0, change: 0, decisions: 0 };
  const prev = given ?? (rng.chance(0.4) ? 0 : rng.int(1, 40));
  const change = rng.chance(0.75) ? 0 : rng.int(prev > 0 ? -Math.min(prev, 3) : 0, 4);
  const decisions = rng.chance(0.4) ? 0 : rng.tail(activity === 'busy' ? maxDecisions * 10 : maxDecisions);
  return { prev_year_count: prev, change, decisions };
}

/** Hundredths of 万元 → yuan (exact: 1 hundredth of 万元 is 100 yuan). */
const wanHundredthsToYuan = (h: number) => h * 100;

function procurementAmount(rng: Rng, projects: number, form: AmountForm): number {
  if (projects === 0) return 0;
  // Per project from a small purchase (a few thousand yuan) to a works contract (millions).
  const perProject = Math.exp(Math.log(2_000) + rng.next() * Math.log(2_000_000 / 2_000));
  const yuan = Math.max(2_000 * projects, Math.round(perProject * projects));
  if (form === 'cell_wan' || form === 'header_wan') {
    // 万元 with at most two decimals, as reports write them.
    const decimals = rng.pick([0, 1, 1, 2]);
    const step = 10 ** (2 - decimals);
    return wanHundredthsToYuan(Math.max(step, Math.round(yuan / 100 / step) * step));
  }
  return yuan;
}

function fees(rng: Rng, given: number | undefined): { prev_year_count: number; change: number } {
  if (given === undefined) return rng.chance(0.85) ? { prev_year_count: 0, change: 0 } : { prev_year_count: rng.int(1, 6), change: rng.pick([0, 0, 0, -1, 1]) };
  return { prev_year_count: given, change: given > 0 ? rng.pick([0, 0, 0, -1, 1]) : rng.pick([0, 0, 0, 0, 1]) };
}

function disclosure2019(rng: Rng, activity: Activity, form: AmountForm, running: Record<string, number>): Record<string, Record<string, number>> {
  const reg = docs(rng, 0.95, 2);
  const norm = docs(rng, activity === 'quiet' ? 0.7 : 0.4, activity === 'busy' ? 30 : 6);
  const projects = activity === 'quiet' ? (rng.chance(0.7) ? 0 : rng.int(1, 5)) : rng.chance(0.3) ? 0 : rng.tail(activity === 'busy' ? 400 : 40);
  return {
    regulations: { new_made: reg.made, new_published: reg.published, total_published: reg.total },
    normative_docs: { new_made: norm.made, new_published: norm.published, total_published: norm.total },
    licensing: items(rng, activity, 300, running.licensing),
    other_services: items(rng, activity, 200, running.other_services),
    penalty: items(rng, activity, 60, running.penalty),
    coercion: items(rng, activity, 10, running.coercion),
    fees: fees(rng, running.fees),
    procurement: { projects, amount_yuan: procurementAmount(rng, projects, form) },
  };
}

function disclosure2021(rng: Rng, activity: Activity): Record<string, Record<string, number>> {
  const reg = docs(rng, 0.95, 2);
  const norm = docs(rng, activity === 'quiet' ? 0.7 : 0.4, activity === 'busy' ? 30 : 6);
  const repealed = (n: number) => (rng.chance(0.8) ? 0 : rng.int(0, n));
  const decisions = (max: number, pZero: number) => (rng.chance(pZero) ? 0 : rng.tail(activity === 'busy' ? max * 20 : max));
  const fee = rng.chance(activity === 'busy' ? 0.5 : 0.9) ? 0 : wanHundredthsToYuan(rng.tail(100_000));
  return {
    regulations: { issued: reg.made, repealed: repealed(1), in_force: reg.total },
    normative_docs: { issued: norm.made, repealed: repealed(3), in_force: norm.total },
    licensing: { decisions: decisions(500, 0.5) },
    penalty: { decisions: decisions(200, 0.5) },
    coercion: { decisions: decisions(20, 0.85) },
    fees: { fee_amount_yuan: fee },
  };
}

// ---------------------------------------------------------------------------
// Section 三

/** Weights of the outcome rows: most requests are granted or the information is not held. */
const OUTCOME_WEIGHTS: Record<string, number> = {
  granted: 40,
  partly_granted: 8,
  denied_state_secret: 0.3,
  denied_law_prohibited: 0.5,
  denied_security_stability: 0.3,
  denied_third_party: 1.5,
  denied_internal_affairs: 1,
  denied_process_info: 1.5,
  denied_enforcement_file: 0.7,
  denied_admin_query: 1.5,
  unavailable_not_held: 18,
  unavailable_needs_creation: 4,
  unavailable_unclear: 1.5,
  not_processed_petition: 4,
  not_processed_repeat: 2,
  not_processed_publication: 0.5,
  not_processed_excessive: 0.5,
  not_processed_confirm: 0.5,
  other_handling_no_correction: 3,
  other_handling_no_fee: 0.3,
  other_handling_other: 3,
};

function newReceived(rng: Rng, activity: Activity): number[] {
  if (activity === 'quiet') return [rng.chance(0.12) ? rng.int(1, 3) : 0, rng.chance(0.02) ? 1 : 0, 0, 0, 0, 0];
  if (activity === 'some') {
    return [rng.chance(0.6) ? rng.int(1, 12) : 0, rng.chance(0.15) ? rng.int(1, 3) : 0, 0, rng.chance(0.03) ? 1 : 0, rng.chance(0.05) ? 1 : 0, rng.chance(0.05) ? rng.int(1, 2) : 0];
  }
  return [rng.int(5, 20) + rng.tail(300), rng.tail(40), rng.chance(0.1) ? rng.int(1, 3) : 0, rng.chance(0.1) ? rng.int(1, 4) : 0, rng.tail(15), rng.tail(8)];
}

function applications(rng: Rng, template: TemplateId, activity: Activity, carriedIn: number[] | null): Record<string, number[]> {
  const rows = applicationRows(template);
  // Outcome rows that take applications directly: under 2021, （六） through its three sub-rows.
  const leaves = rows.filter((r) => r.outcome && (template === '2019' ? !r.parent : !rows.some((s) => s.parent === r.code)));
  const weights = leaves.map((r) => OUTCOME_WEIGHTS[r.code === 'other_handling' ? 'other_handling_other' : r.code] ?? 1);
  const grid: Record<string, number[]> = {};
  for (const r of rows) grid[r.code] = new Array(7).fill(0);
  const received = newReceived(rng, activity);
  APPLICANT_PARTS.forEach((_, c) => {
    const fresh = received[c];
    const carried = carriedIn ? carriedIn[c] : fresh > 0 && rng.chance(0.15) ? rng.int(1, Math.max(1, Math.ceil(fresh / 5))) : 0;
    const available = fresh + carried;
    const carriedOut = available > 0 && rng.chance(0.2) ? rng.int(0, Math.ceil(available / 6)) : 0;
    const handled = available - carriedOut;
    grid.new_received[c] = fresh;
    grid.carried_over_in[c] = carried;
    grid.carried_over_out[c] = carriedOut;
    grid.total_handled[c] = handled;
    for (let k = 0; k < handled; k++) grid[leaves[rng.index(weights)].code][c]++;
  });
  if (template === '2021') {
    const subs = rows.filter((r) => r.parent === 'other_handling');
    for (let c = 0; c < 6; c++) grid.other_handling[c] = subs.reduce((s, r) => s + grid[r.code][c], 0);
  }
  for (const r of rows) grid[r.code][6] = grid[r.code].slice(0, 6).reduce((a, b) => a + b, 0);
  return grid;
}

// ---------------------------------------------------------------------------
// Section 四

function reviews(rng: Rng, activity: Activity): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const p = activity === 'busy' ? 0.5 : activity === 'some' ? 0.08 : 0.01;
  for (const proceeding of PROCEEDING_CODES) {
    const parts = new Array(OUTCOME_PARTS.length).fill(0);
    if (rng.chance(proceeding === 'review' ? p : p / 2)) {
      const n = activity === 'busy' ? rng.int(1, 12) : rng.int(1, 2);
      for (let k = 0; k < n; k++) parts[rng.index([5, 1, 2, 2])]++;
    }
    out[proceeding] = [...parts, parts.reduce((a, b) => a + b, 0)];
  }
  return out;
}
