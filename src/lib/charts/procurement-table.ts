import type { TableColumn } from './table.ts';

export const PROCUREMENT_COLUMNS: TableColumn[] = [
  { key: 'place', label: '地区', kind: 'text' },
  { key: 'year', label: '年度', kind: 'year' },
  { key: 'projects', label: '采购项目数', kind: 'count' },
  { key: 'amount', label: '采购总金额', kind: 'yuan' },
];
