import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzerFromCompiled, createAnalyzer } from '../../src/core/analyze';
import {
  cachedAnalyzer,
  loadCompiledLexicons,
  prepareSnapshot,
  snapshotKey,
} from '../../src/lexicon/compiled-cache';
import { buildLexiconSet } from '../../src/lexicon/parse';
import { lexiconSources, readLexiconSources } from '../../src/lexicon/sources';
import { article, hitString } from '../helpers/analyzer';

const FIXTURES = 'test/fixtures/lexicons';

/** Sentences with a loaded term and one of its exceptions, a hedge, actors and attributions. */
const TEXT =
  'Ryabkov said the coup in Kiev was perhaps a crime. The sanctions regime stays, the White House said. ' +
  'Protesters marched past the council offices on Tuesday.';

describe('compiled-lexicon cache', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'framelens-cache-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const freshDir = () => path.join(root, `cache-${n++}`);
  const snapshots = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.v8'));

  /** A copy of the fixture lexicons that a test may edit. */
  function lexiconCopy(): string {
    const dir = path.join(root, `lexicons-${n++}`);
    fs.cpSync(FIXTURES, dir, { recursive: true });
    return dir;
  }

  it('writes a snapshot once, then reads it, and analyses exactly as a fresh compile does', () => {
    const dir = freshDir();
    const sources = readLexiconSources(FIXTURES);
    const first = loadCompiledLexicons(sources, dir);
    const second = loadCompiledLexicons(sources, dir);
    expect([first.snapshot, second.snapshot]).toEqual(['written', 'read']);
    expect(snapshots(dir)).toEqual([`lexicons-${snapshotKey(sources)}.v8`]);

    const fresh = createAnalyzer(buildLexiconSet(sources)).analyze(article(TEXT));
    const cached = analyzerFromCompiled(second.compiled).analyze(article(TEXT));
    expect(cached.hits.map(hitString)).toEqual([
      '0-7 actors:sergei-ryabkov',
      '8-12 reporting-verbs:say',
      '17-21 loaded-terms:coup',
      '25-29 naming-variants:kiev',
      '34-41 hedges:perhaps',
      '79-94 actors:white-house',
      '95-99 reporting-verbs:say',
    ]);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(fresh));
  });

  it('gives byte-identical analyses of the seed articles with the shipped lexicons', () => {
    const dir = freshDir();
    const fresh = createAnalyzer(buildLexiconSet(lexiconSources()));
    cachedAnalyzer([], dir);
    expect(loadCompiledLexicons(lexiconSources(), dir).snapshot).toBe('read');
    const cached = cachedAnalyzer([], dir);
    const seeds = 'seeds/2021-04-ukraine-contacts';
    for (const name of fs.readdirSync(seeds).filter((f) => f.endsWith('.txt'))) {
      const input = article(fs.readFileSync(path.join(seeds, name), 'utf8'), name);
      expect(JSON.stringify(cached.analyze(input))).toBe(JSON.stringify(fresh.analyze(input)));
    }
    expect(cached.versions).toEqual(fresh.versions);
    expect(cached.matcher.patternCount).toBe(fresh.matcher.patternCount);
  });

  it('compiles again when a lexicon file changes, and finds the new pattern', () => {
    const dir = freshDir();
    const lexicons = lexiconCopy();
    const before = loadCompiledLexicons(readLexiconSources(lexicons), dir);
    const text = 'The junta closed the border on Monday.';
    expect(analyzerFromCompiled(before.compiled).analyze(article(text)).hits).toEqual([]);

    const file = path.join(lexicons, 'loaded-terms.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('patterns: [coup]', 'patterns: [coup, junta]'),
    );
    const after = loadCompiledLexicons(readLexiconSources(lexicons), dir);
    expect(after.snapshot).toBe('written');
    expect(after.compiled.lexicons.versions['loaded-terms']).not.toBe(
      before.compiled.lexicons.versions['loaded-terms'],
    );
    expect(analyzerFromCompiled(after.compiled).analyze(article(text)).hits.map(hitString)).toEqual([
      '4-9 loaded-terms:coup',
    ]);
    expect(snapshots(dir)).toHaveLength(2);
  });

  it('compiles again when a lexicon file is renamed, since messages and reports name the file', () => {
    const sources = readLexiconSources(FIXTURES);
    const renamed = sources.map((s) => ({ ...s, file: s.file.replace('fixtures', 'elsewhere') }));
    expect(snapshotKey(renamed)).not.toBe(snapshotKey(sources));
  });

  it('ignores a damaged or foreign snapshot and replaces it', () => {
    const dir = freshDir();
    const sources = readLexiconSources(FIXTURES);
    loadCompiledLexicons(sources, dir);
    const file = path.join(dir, snapshots(dir)[0]);
    const good = fs.readFileSync(file);

    fs.writeFileSync(file, good.subarray(0, good.length >> 1));
    expect(loadCompiledLexicons(sources, dir).snapshot).toBe('written');
    expect(fs.readFileSync(file).equals(good)).toBe(true);

    fs.writeFileSync(file, 'not a snapshot\n');
    expect(loadCompiledLexicons(sources, dir).snapshot).toBe('written');

    // A valid snapshot of other lexicons under this file's name (copied by hand) is not trusted.
    const otherDir = freshDir();
    const other = lexiconCopy();
    fs.appendFileSync(
      path.join(other, 'hedges.yaml'),
      '  - { id: arguably, patterns: [arguably], category: adverb, note: n, citation: test fixture }\n',
    );
    loadCompiledLexicons(readLexiconSources(other), otherDir);
    fs.copyFileSync(path.join(otherDir, snapshots(otherDir)[0]), file);
    const reread = loadCompiledLexicons(sources, dir);
    expect(reread.snapshot).toBe('written');
    expect(reread.compiled.lexicons.entries.hedges.map((h) => h.id)).not.toContain('arguably');
    expect(loadCompiledLexicons(sources, dir).snapshot).toBe('read');
  });

  it('still analyses when the cache folder cannot be written', () => {
    const blocked = path.join(root, 'a-file');
    fs.writeFileSync(blocked, 'in the way\n');
    const result = loadCompiledLexicons(readLexiconSources(FIXTURES), path.join(blocked, 'cache'));
    expect(result.snapshot).toBe('none');
    expect(analyzerFromCompiled(result.compiled).analyze(article(TEXT)).hits.length).toBeGreaterThan(0);
    expect(loadCompiledLexicons(readLexiconSources(FIXTURES), null).snapshot).toBe('none');
  });

  it('throws a broken lexicon’s error, naming file and entry, and writes nothing', () => {
    const dir = freshDir();
    const lexicons = lexiconCopy();
    fs.appendFileSync(
      path.join(lexicons, 'boosters.yaml'),
      '  - { id: clearly, patterns: [plainly], category: adverb, note: n, citation: test fixture }\n',
    );
    expect(() => loadCompiledLexicons(readLexiconSources(lexicons), dir)).toThrow(
      /boosters\.yaml: entry 'clearly': duplicate id/,
    );
    expect(() => prepareSnapshot(readLexiconSources(lexicons), null)).toThrow(/duplicate id/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('prepares a snapshot for workers without reading an existing one', () => {
    const dir = freshDir();
    const sources = readLexiconSources(FIXTURES);
    prepareSnapshot(sources, dir);
    const [name] = snapshots(dir);
    const file = path.join(dir, name);
    const written = fs.statSync(file).mtimeMs;
    prepareSnapshot(sources, dir);
    expect(fs.statSync(file).mtimeMs).toBe(written);
    expect(loadCompiledLexicons(sources, dir).snapshot).toBe('read');
  });

  it('keeps the eight most recently used snapshots and clears temporary files left by dead writers', () => {
    const dir = freshDir();
    fs.mkdirSync(dir);
    const old = new Date(Date.now() - 3600_000);
    const stale = path.join(dir, '.lexicons-0123.v8.99-0-abcd.tmp');
    const fresh = path.join(dir, '.lexicons-4567.v8.98-0-abcd.tmp');
    fs.writeFileSync(stale, '');
    fs.writeFileSync(fresh, '');
    fs.utimesSync(stale, old, old);
    const unused = Array.from({ length: 8 }, (_, i) => path.join(dir, `lexicons-${String(i).repeat(32)}.v8`));
    unused.forEach((file, i) => {
      fs.writeFileSync(file, '');
      const t = new Date(old.getTime() + i * 1000);
      fs.utimesSync(file, t, t);
    });
    loadCompiledLexicons(readLexiconSources(FIXTURES), dir);
    expect(snapshots(dir)).toHaveLength(8);
    expect(fs.existsSync(unused[0])).toBe(false);
    expect(fs.existsSync(unused[1])).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('lets two processes build the same snapshot at once; both succeed and one whole file remains', async () => {
    const dir = freshDir();
    const script = `
      const { loadCompiledLexicons } = require('./src/lexicon/compiled-cache');
      const { readLexiconSources } = require('./src/lexicon/sources');
      const r = loadCompiledLexicons(readLexiconSources(${JSON.stringify(FIXTURES)}), ${JSON.stringify(dir)});
      process.stdout.write(JSON.stringify({ snapshot: r.snapshot, versions: r.compiled.lexicons.versions }));`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script]);
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
      });
    const [a, b] = (await Promise.all([run(), run()])).map((o) => JSON.parse(o));
    expect(a.versions).toEqual(b.versions);
    expect([a.snapshot, b.snapshot]).toEqual(expect.arrayContaining(['written']));
    expect(fs.readdirSync(dir)).toEqual([`lexicons-${snapshotKey(readLexiconSources(FIXTURES))}.v8`]);
    expect(loadCompiledLexicons(readLexiconSources(FIXTURES), dir).snapshot).toBe('read');
  });
});
