// Numbers the Chinese way: zh-CN grouping, money in 元 / 万元 / 亿元, and a
// missing figure as 未披露, never as 0.

export const MISSING = '未披露';

const grouping = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

export function formatCount(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? MISSING : grouping.format(v);
}

/** 4837000 → '483.7万元'; 240000000 → '2.4亿元'; 3940 → '3,940元'. */
export function formatYuan(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return MISSING;
  const abs = Math.abs(v);
  if (abs >= 1e8) return `${twoDecimals.format(v / 1e8)}亿元`;
  if (abs >= 1e4) return `${oneDecimal.format(v / 1e4)}万元`;
  return `${grouping.format(v)}元`;
}

/** Axis ticks for money: the unit goes in the axis label, so ticks are bare numbers in 万元. */
export function wanTick(v: number): string {
  return oneDecimal.format(v / 1e4);
}

export function formatShare(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? MISSING : `${oneDecimal.format(v * 100)}%`;
}
