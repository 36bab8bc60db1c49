// Every file of a built site with its bytes, by path relative to the site's folder: for comparing
// two builds byte for byte.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

export function distFiles(base: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (folder: string): void => {
    for (const e of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, e.name);
      if (e.isDirectory()) walk(path);
      else out.set(relative(base, path), readFileSync(path));
    }
  };
  walk(base);
  return out;
}

/** The site in `site` is the one in `full`: the same files, byte for byte. */
export function expectSameSite(site: string, full: string): void {
  const a = distFiles(full);
  const b = distFiles(site);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  expect([...a].filter(([path, bytes]) => !bytes.equals(b.get(path)!)).map(([path]) => path)).toEqual([]);
}
