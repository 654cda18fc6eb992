/**
 * Reads a file that ships beside the library's code, named by a URL made
 * from `import.meta.url`: through `node:fs` for file: URLs (Node's fetch
 * does not read them) and through fetch everywhere else (browsers, bundlers'
 * asset URLs).
 */
export async function readAsset(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    const fs = await import(/* @vite-ignore */ 'node:' + 'fs/promises');
    return new Uint8Array(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url.href}: HTTP ${response.status} ${response.statusText}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}
