// npm run docs:dictionary: writes docs/data-dictionary.md from the template model and table specs.

import { writeFileSync } from 'node:fs';
import { dictionaryMarkdown } from '../src/lib/build/dictionary.ts';

writeFileSync(new URL('../docs/data-dictionary.md', import.meta.url), dictionaryMarkdown());
console.log('docs/data-dictionary.md written');
