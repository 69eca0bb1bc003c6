/**
 * Hashes of framelens's own code, for caches whose contents that code made: the analyses stored
 * in the database and the compiled-lexicon snapshots.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A hash of the code in a folder (compiled JavaScript in production, its TypeScript sources under
 * the tests): what a cache kept of that code's output is stale once it changes, even when the
 * lexicons are the same.
 * @param dir - the folder of the modules, e.g. the core's
 */
export function codeVersion(dir: string): string {
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(dir).sort()) {
    if (!/\.(js|ts)$/.test(name) || name.endsWith('.d.ts')) continue;
    hash
      .update(name)
      .update('\u0000')
      .update(fs.readFileSync(path.join(dir, name)))
      .update('\u0000');
  }
  return hash.digest('hex').slice(0, 16);
}
