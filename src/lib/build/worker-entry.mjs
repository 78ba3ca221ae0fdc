// Parse processes (pool.ts) start without the build's TypeScript loader:
// register tsx, then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
