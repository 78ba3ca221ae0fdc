// Gazetteer: the national list of administrative divisions (province, city,
// county, town) and the resolution of reporting bodies to it. See load.ts for
// the data source and the municipality convention, evidence.ts for how
// same-named places are told apart.

export type { PlaceLevel, ResolvedPlace, Resolution } from './types.ts';
export { LEVELS, LEVEL_NOUN } from './types.ts';
export { lookup, isPlaceName, allPlaces, allTowns, placeByCode, longestPlaceSuffix, placeSuffixes } from './lookup.ts';
export { resolvePlace } from './resolve.ts';
export { resolutionFindings, describeParents } from './messages.ts';
export { shortForms } from './names.ts';
export { gazetteerInfo } from './info.ts';
