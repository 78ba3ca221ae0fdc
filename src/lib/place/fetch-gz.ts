// Fetching a gzipped JSON file the site serves (.json.gz). Hosts differ: most
// send the .gz bytes as they are and they are expanded here; some label .gz
// files Content-Encoding: gzip and the browser has expanded them already. The
// first two bytes tell.

export async function fetchJsonGz<T>(href: string, what: string): Promise<T> {
  const response = await fetch(href);
  if (!response.ok) throw new Error(`${what}无法下载（HTTP ${response.status}）`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const body = gzipped ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : new Blob([bytes]).stream();
  return JSON.parse(await new Response(body).text()) as T;
}
