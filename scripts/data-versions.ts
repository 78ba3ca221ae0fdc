// Prints the parser and schema versions the current code would write into a
// data build's manifest.json (one JSON line). scripts/build-site.mjs compares
// them with the build on disk: after an update of the code, `npm start`
// builds the data again rather than serve a site over data it no longer reads.

import { SCHEMA_VERSION } from '../src/lib/build/dictionary.ts';
import { parserVersion } from '../src/lib/build/version.ts';

console.log(JSON.stringify({ parser_version: parserVersion(), schema_version: SCHEMA_VERSION }));
