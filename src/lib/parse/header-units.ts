// Money units printed in section 二's header ('采购总金额（万元）', '本年收费金额（单位：万元）'),
// wherever the header stands: in a cell of its own, or run together with other
// header words in one line copied with single spaces, or cut in pieces.

import { MEASURES, type MoneyUnit } from '../template/model.ts';
import { compactText } from './text.ts';

const HEADER_UNIT = /^[(（]\s*(?:单位\s*[:：]?\s*)?(万元|亿元|元)\s*[)）]/;

/** Money measures by the name they are printed with, without the bracketed unit. */
const MONEY_NAMES = MEASURES.filter((m) => m.kind === 'money').map((m) => ({ code: m.code, name: compactText(m.label).replace(/[（(].*$/, '') }));

/** The units `text` prints after a money measure's name, by measure code. */
export function moneyUnitsIn(text: string, into = new Map<string, MoneyUnit>()): Map<string, MoneyUnit> {
  if (!text.includes('金额')) return into;
  const words = compactText(text);
  for (const { code, name } of MONEY_NAMES) {
    for (let at = words.indexOf(name); at >= 0; at = words.indexOf(name, at + 1)) {
      const unit = HEADER_UNIT.exec(words.slice(at + name.length, at + name.length + 12));
      if (unit) into.set(code, unit[1] as MoneyUnit);
    }
  }
  return into;
}
