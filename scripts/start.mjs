// npm start: build the data and the site (when needed) and serve dist/ locally.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = spawnSync(process.execPath, ['scripts/build-site.mjs'], { cwd: root, stdio: 'inherit', env: process.env });
if (built.status !== 0) process.exit(built.status ?? 1);

const port = Number(process.env.PORT ?? 4321);
const base = process.env.SITE_BASE ?? '/';
const { url } = await serve({ base: `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/'), port, host: process.env.HOST ?? '127.0.0.1' });
console.log(`\n网站已启动：${url}\n（按 Ctrl+C 停止）`);
