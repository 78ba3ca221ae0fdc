// A page's status line (an element with role=status): what the page is doing,
// including the query engine's download while it arrives.

export type StatusState = 'busy' | 'idle' | 'error';

export interface StatusLine {
  set(text: string, state?: StatusState): void;
  /** Reports the engine's download and start-up on the line (once per page). */
  watchEngine(): Promise<void>;
}

export function statusLine(selector: string): StatusLine {
  const set = (text: string, state: StatusState = 'busy') => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) return;
    el.textContent = text;
    el.dataset.state = state;
  };
  let watching = false;
  return {
    set,
    async watchEngine() {
      if (watching) return;
      watching = true;
      (await import('../lib/db/browser')).onLoadProgress((p) => {
        if (p.stage === 'download') set(`正在载入查询引擎… ${p.total ? `${Math.min(100, Math.round((p.loaded / p.total) * 100))}%` : `${(p.loaded / 1e6).toFixed(1)} MB`}`);
        else if (p.stage === 'start') set('正在启动查询引擎…');
      });
    },
  };
}
