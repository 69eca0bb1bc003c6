/**
 * Compiled lexicons kept between runs. Compiling the lexicons (parsing ~700 KB of YAML,
 * validating it, tokenizing every pattern with wink-nlp) is most of what a one-article run costs;
 * the result is plain data, so it is written once as a `v8.serialize` snapshot and read back by
 * later processes and worker threads in a few milliseconds.
 *
 * A snapshot's file name is a hash of everything its contents depend on: the lexicon files
 * (names and contents), the code that compiles them, wink-nlp and its model, and V8's serialiser.
 * Editing a lexicon makes a new name, so a stale snapshot is never read. A snapshot is written
 * to a temporary file and renamed into place, so a reader never sees half a file and two
 * processes may build one at the same time. A file that cannot be read, or does not hold what
 * its name promises, is ignored and replaced; a folder that cannot be written only means
 * compiling at every start.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { types } from 'node:util';
import v8 from 'node:v8';
import { threadId } from 'node:worker_threads';
import { codeVersion } from '../code-version';
import { analyzerFromCompiled, compileLexicons, type Analyzer, type CompiledLexicons } from '../core/analyze';
import type { LexiconSource } from './parse';
import { lexiconSources } from './sources';

/** Names the layout of a snapshot; part of every key. */
const SNAPSHOT_FORMAT = 'framelens-compiled-lexicons-1';

/** Snapshots kept in the folder: the shipped set and a few sets with extra lexicons, ~3 MB each. */
const KEEP_SNAPSHOTS = 8;

/** A temporary file older than this was left by a process that died while writing it. */
const STALE_TEMP_MS = 10 * 60 * 1000;

const SNAPSHOT_NAME = /^lexicons-[0-9a-f]{32}\.v8$/;
const TEMP_NAME = /^\.lexicons-.*\.tmp$/;

interface Snapshot {
  format: string;
  key: string;
  compiled: CompiledLexicons;
}

/** How a call found its compiled lexicons. */
export type SnapshotUse = 'read' | 'written' | 'none';

let compilerKey: string | undefined;

/** A hash of what compiling depends on besides the lexicon files: the code, wink-nlp and V8. */
function compilerVersion(): string {
  /* eslint-disable @typescript-eslint/no-require-imports -- a package's version, read only here */
  compilerKey ??= createHash('sha256')
    .update(SNAPSHOT_FORMAT)
    .update(`\u0000${process.versions.v8}`)
    .update(`\u0000${codeVersion(__dirname)}`)
    .update(`\u0000${codeVersion(path.join(__dirname, '..', 'core'))}`)
    .update(`\u0000${(require('wink-nlp/package.json') as { version: string }).version}`)
    .update(`\u0000${(require('wink-eng-lite-web-model/package.json') as { version: string }).version}`)
    .digest('hex');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return compilerKey;
}

/**
 * The key of the snapshot of some lexicon sources: it changes when any file's name or content
 * does, and when the compiling code or its dependencies do.
 * @param sources - the lexicon files, as `lexiconSources` reads them
 */
export function snapshotKey(sources: LexiconSource[]): string {
  const hash = createHash('sha256').update(compilerVersion());
  for (const s of sources)
    hash.update(`\u0000${s.file}\u0000${s.shipped ? 'shipped' : 'extra'}\u0000`).update(s.content);
  return hash.digest('hex').slice(0, 32);
}

/** The parser (the YAML reader and the schema, ~100 ms to load), needed only to compile. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parser = () => require('./parse') as typeof import('./parse');

const snapshotFile = (dir: string, key: string) => path.join(dir, `lexicons-${key}.v8`);

function isSnapshot(value: unknown, key: string): value is Snapshot {
  const s = value as Partial<Snapshot> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.format === SNAPSHOT_FORMAT &&
    s.key === key &&
    typeof s.compiled?.lexicons?.versions === 'object' &&
    Array.isArray(s.compiled.matcher?.entries) &&
    // util.types, not instanceof: a test runner's sandbox has Map classes of its own.
    types.isMap(s.compiled.matcher.root?.children) &&
    types.isMap(s.compiled.givenNames)
  );
}

/** The snapshot's compiled lexicons, or null when it is missing, unreadable or not this key's. */
function readSnapshot(file: string, key: string): CompiledLexicons | null {
  let value: unknown;
  try {
    value = v8.deserialize(fs.readFileSync(file));
  } catch {
    return null;
  }
  if (!isSnapshot(value, key)) return null;
  try {
    // Recently used snapshots are the ones pruning keeps.
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // A read-only cache still serves.
  }
  return value.compiled;
}

/** Writes a snapshot through a temporary file; false when the folder cannot be written. */
function writeSnapshot(dir: string, file: string, snapshot: Snapshot): boolean {
  const temp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, v8.serialize(snapshot));
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The folder itself is missing or not a folder: nothing was left.
    }
    return false;
  }
  prune(dir);
  return true;
}

/** Removes all but the most recently used snapshots, and temporary files left by dead writers. */
function prune(dir: string) {
  try {
    const now = Date.now();
    const snapshots: { file: string; used: number }[] = [];
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (SNAPSHOT_NAME.test(name)) snapshots.push({ file, used: fs.statSync(file).mtimeMs });
      else if (TEMP_NAME.test(name) && now - fs.statSync(file).mtimeMs > STALE_TEMP_MS)
        fs.rmSync(file, { force: true });
    }
    snapshots.sort((a, b) => b.used - a.used);
    for (const { file } of snapshots.slice(KEEP_SNAPSHOTS)) fs.rmSync(file, { force: true });
  } catch {
    // Another process pruning at the same time; the next write prunes again.
  }
}

/**
 * Compiled lexicons for some sources: read from the snapshot in `dir` when there is a valid one,
 * else validated and compiled, and the snapshot written for the next run. A lexicon error is
 * thrown as when loading without a cache.
 * @param sources - the lexicon files, as `lexiconSources` reads them
 * @param dir - the snapshot folder (see `cacheDir` in config.ts); null to compile without one
 */
export function loadCompiledLexicons(
  sources: LexiconSource[],
  dir: string | null,
): { compiled: CompiledLexicons; snapshot: SnapshotUse } {
  const key = dir === null ? '' : snapshotKey(sources);
  const file = dir === null ? '' : snapshotFile(dir, key);
  if (dir !== null) {
    const cached = readSnapshot(file, key);
    if (cached) return { compiled: cached, snapshot: 'read' };
  }
  const compiled = compileLexicons(parser().buildLexiconSet(sources));
  if (dir === null) return { compiled, snapshot: 'none' };
  const written = writeSnapshot(dir, file, { format: SNAPSHOT_FORMAT, key, compiled });
  return { compiled, snapshot: written ? 'written' : 'none' };
}

/**
 * Makes sure a snapshot of some sources exists, compiling it when there is none, without
 * reading it: for a process that only hands the lexicons to its workers. A lexicon error is
 * thrown as when loading. Without a folder the lexicons are only validated.
 * @param sources - the lexicon files, as `lexiconSources` reads them
 * @param dir - the snapshot folder; null for none
 */
export function prepareSnapshot(sources: LexiconSource[], dir: string | null): void {
  if (dir !== null && fs.existsSync(snapshotFile(dir, snapshotKey(sources)))) return;
  if (dir !== null) {
    loadCompiledLexicons(sources, dir);
    return;
  }
  parser().buildLexiconSet(sources);
}

/**
 * An analyzer over the shipped lexicons and any extra ones, compiled through the snapshot cache.
 * @param extra - further lexicon folders or files, as for `--lexicons`
 * @param dir - the snapshot folder; null to compile without one
 */
export function cachedAnalyzer(extra: string[], dir: string | null): Analyzer {
  return analyzerFromCompiled(loadCompiledLexicons(lexiconSources(extra), dir).compiled);
}
