// What a page says when it cannot compute the figures of what a visitor
// selected: the query engine did not load, or a query failed. The page then
// shows no figures at all, since those it carries from the build are the
// whole country's, not the selection's.

/** The query engine (DuckDB-WASM, or the code that starts it) could not be loaded. */
export class EngineUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'EngineUnavailable';
  }
}

/** The message shown in place of the figures of `where` (a view's title: 江苏省, 全国·乡镇街道 …). */
export function withheldMessage(where: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  const head =
    error instanceof EngineUnavailable
      ? `查询引擎没能载入，无法算出“${where}”的数字，所以这里不显示任何数字（页面自带的是全国的数字，不是所选范围的）。请检查网络连接后刷新页面再试。`
      : `查询出错，无法算出“${where}”的数字，所以这里不显示任何数字。`;
  return `${head}\n原因：${reason}`;
}
