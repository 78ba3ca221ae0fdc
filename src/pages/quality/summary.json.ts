// The build-time summary of findings and reports by province and year, read by
// the quality page for the whole country when the data is too large to read
// row by row (see src/lib/quality/view.ts).
import type { APIRoute } from 'astro';
import { qualitySummary } from '../../lib/quality/server';

export const GET: APIRoute = async () => new Response(JSON.stringify(await qualitySummary()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
