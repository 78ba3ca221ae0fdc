// The reports' source texts, one gzipped JSON file per county (see src/lib/place/sources.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { bundleFile } from '../../../lib/place/sources';
import { bundleBytes, sourceBundles } from '../../../lib/place/sources-build';

export const getStaticPaths: GetStaticPaths = async () => [...(await sourceBundles()).keys()].map((key) => ({ params: { bundle: bundleFile(key) }, props: { key } }));

export const GET: APIRoute = async ({ props }) => new Response((await bundleBytes(String(props.key))) as Uint8Array<ArrayBuffer>);
