// Build time: the first answers' files as the site lists them (public/data/answers.json), for the
// page layout to embed.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicDataDir } from '../db/manifest.ts';
import { ANSWERS_LISTING, type AnswerFiles } from './payload.ts';

/** The first answers' files (none when the site was prepared without them). */
export function readAnswerFiles(dir = publicDataDir()): AnswerFiles {
  const path = join(dir, ANSWERS_LISTING);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as AnswerFiles) : {};
}
