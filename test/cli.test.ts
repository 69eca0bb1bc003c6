/**
 * The built command line, run as a user would run it (`npx framelens …` runs dist/cli.js).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SEED_DIR = 'seeds/2021-04-ukraine-contacts';
const SEED = `${SEED_DIR}/000_d8f5a990ccd71f66.txt`;

const tmp = mkdtempSync(path.join(tmpdir(), 'framelens-cli-'));
/** The tests' compiled-lexicon cache, not the user's. */
const CACHE = path.join(tmp, 'cache');

function framelens(...args: string[]) {
  return framelensWith({}, ...args);
}

/** Runs the CLI with more environment variables, and optionally a module preloaded with `--require`. */
function framelensWith(options: { env?: Record<string, string>; preload?: string }, ...args: string[]) {
  const preload = options.preload ? ['--require', options.preload] : [];
  const r = spawnSync(process.execPath, [...preload, 'dist/cli.js', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, FRAMELENS_CACHE: CACHE, ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('framelens CLI', () => {
  it('analyzes a file to JSON with the public fields, lexicon versions and entries', () => {
    const r = framelens('analyze', SEED);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['articles', 'lexicons', 'entries']);
    const [a] = out.articles;
    for (const key of [
      'id',
      'source',
      'title',
      'date',
      'wordCount',
      'hits',
      'attributions',
      'scareQuotes',
      'frames',
      'naming',
      'diagnostics',
    ])
      expect(a).toHaveProperty(key);
    expect(Object.keys(out.lexicons).sort()).toEqual([
      'actors',
      'anonymous-sources',
      'boosters',
      'frames',
      'given-names',
      'hedges',
      'loaded-terms',
      'naming-variants',
      'reporting-verbs',
    ]);
  });

  it('reads a folder in name order', () => {
    const out = JSON.parse(framelens('analyze', SEED_DIR).stdout);
    const ids = out.articles.map((a: { id: string }) => a.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids[0]).toBe('000_d8f5a990ccd71f66');
  });

  it('reports an unreadable file on stderr, exits non-zero and still reports the others', () => {
    const binary = path.join(tmp, 'broken.txt');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x00, 0x01, 0xff]));
    const r = framelens('analyze', SEED, path.join(tmp, 'missing.txt'), binary);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing.txt: no such file or directory');
    expect(r.stderr).toContain('broken.txt: binary content');
    expect(JSON.parse(r.stdout).articles).toHaveLength(1);
  });

  it('never reads its own output file back as input, in batch mode or not', () => {
    const dir = mkdtempSync(path.join(tmp, 'own-output-'));
    writeFileSync(path.join(dir, 'a.txt'), 'Officials said the talks in Kyiv failed on Tuesday.');
    writeFileSync(path.join(dir, 'b.txt'), 'The minister denied that the plan had failed.');
    const out = path.join(dir, 'out.jsonl');
    for (let run = 0; run < 2; run++) {
      const r = framelens('analyze', dir, '--format', 'jsonl', '--workers', '1', '-o', out);
      expect(r.code).toBe(0);
      const ids = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id);
      expect(ids).toEqual(['a', 'b']);
    }
    const json = framelens('analyze', dir, '-o', out);
    expect(json.code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { articles: unknown[] }).articles).toHaveLength(2);
  });

  it('reads HTML articles through the same ingest as uploads', () => {
    const html = path.join(tmp, 'page.html');
    writeFileSync(
      html,
      '<!doctype html><html><head><title>Talks stall</title><script>alert(1)</script></head><body><nav>Home | World</nav><article><h1>Talks stall</h1>' +
        '<p>Russian Deputy Foreign Minister Sergei Ryabkov said on Saturday that no talks had taken place in Kiev, and the ministry denied any contacts with Washington at the level of defence ministers.</p>' +
        '<p>"There is nothing more to add," Ryabkov stressed, according to the agency, which said the statement was issued after a week of speculation about the state of contacts between the two capitals.</p></article></body></html>',
    );
    const r = framelens('analyze', html);
    expect(r.code).toBe(0);
    const [a] = JSON.parse(r.stdout).articles;
    expect(a.text).not.toContain('alert(1)');
    expect(a.attributions.map((x: { speaker: string; verb: string }) => `${x.speaker} ${x.verb}`)).toContain(
      'Sergei Ryabkov stressed',
    );
  });

  it('prints Markdown with an attributions table', () => {
    const r = framelens('analyze', SEED, '--format', 'md');
    expect(r.stdout).toContain('### Attributions');
    expect(r.stdout).toMatch(/\| Sergei Ryabkov \| person \| russia \| stressed \| emphatic \|/);
  });

  it('refuses to compare fewer than two articles', () => {
    const r = framelens('compare', SEED);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('compare needs at least two articles, found 1');
  });

  it('names the file, entry and field of a broken extra lexicon', () => {
    const dir = mkdtempSync(path.join(tmp, 'lex-'));
    writeFileSync(
      path.join(dir, 'mine.yaml'),
      'kind: loaded-terms\nentries:\n  - id: bad entry\n    patterns: [x]\n',
    );
    const r = framelens('lexicons', '--lexicons', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mine\.yaml: entry 'bad entry', field 'id'/);
  });

  it('uses an extra lexicon folder and lets the user suppress an entry', () => {
    const dir = mkdtempSync(path.join(tmp, 'lex-'));
    writeFileSync(
      path.join(dir, 'newsroom.yaml'),
      'kind: loaded-terms\nentries:\n  - id: house-style-acquainted\n    patterns: [got acquainted]\n    category: euphemism\n    domain: conflict\n    note: House style test.\n    citation: our newsroom guide\n',
    );
    const hits = (extra: string[]) =>
      JSON.parse(framelens('analyze', SEED, '--lexicons', dir, ...extra).stdout).articles[0].hits.filter(
        (h: { entry: string }) => h.entry === 'house-style-acquainted',
      );
    expect(hits([]).map((h: { text: string }) => h.text)).toEqual(['got acquainted']);
    expect(hits(['--suppress', 'house-style-acquainted'])).toEqual([]);
  });

  it('writes a comparison as a PDF', () => {
    const out = path.join(tmp, 'report.pdf');
    const r = framelens('compare', SEED_DIR, '--format', 'pdf', '-o', out);
    expect(r.code).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
  });

  it('lists what --suppress removed as dismissed flags in a comparison', () => {
    const r = framelens('compare', SEED_DIR, '--suppress', 'loaded-terms:coup', '--format', 'md');
    expect(r.code).toBe(0);
    // By the words and the sentence they were in, not by character offsets.
    expect(r.stdout).toMatch(
      /## Dismissed flags\n\n- .+: loaded-terms `coup` — “coup” in “[^”]*\bcoup\b[^”]*”\n/,
    );
  });

  it('analyses the same with and without the compiled-lexicon cache, and writes the snapshot once', () => {
    const dir = path.join(tmp, 'own-cache');
    const without = framelensWith({ env: { FRAMELENS_CACHE: 'none' } }, 'analyze', SEED_DIR);
    const first = framelensWith({ env: { FRAMELENS_CACHE: dir } }, 'analyze', SEED_DIR);
    const snapshots = readdirSync(dir);
    expect(snapshots).toEqual([expect.stringMatching(/^lexicons-[0-9a-f]{32}\.v8$/)]);
    const second = framelensWith({ env: { FRAMELENS_CACHE: dir } }, 'analyze', SEED_DIR);
    expect(readdirSync(dir)).toEqual(snapshots);
    expect(without.code).toBe(0);
    expect(first.stdout).toBe(without.stdout);
    expect(second.stdout).toBe(without.stdout);
  });

  it('writes the same JSON lines with any worker count, with or without the cache', () => {
    const lines = (workers: string, cache: string) =>
      framelensWith(
        { env: { FRAMELENS_CACHE: cache } },
        'analyze',
        SEED_DIR,
        '--format',
        'jsonl',
        '--workers',
        workers,
      ).stdout;
    const reference = lines('1', 'none');
    expect(reference.trim().split('\n').length).toBeGreaterThan(3);
    expect(lines('2', CACHE)).toBe(reference);
    expect(lines('1', CACHE)).toBe(reference);
  });

  it('analyses one article without loading the store, the web app, jsdom, PDF code or the lexicon parser', () => {
    const loaded = path.join(tmp, 'loaded.json');
    const preload = path.join(tmp, 'list-modules.js');
    writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    framelens('analyze', SEED); // makes sure the snapshot exists
    const r = framelensWith({ preload }, 'analyze', SEED);
    expect(r.code).toBe(0);
    const modules: string[] = JSON.parse(readFileSync(loaded, 'utf8'));
    expect(modules.some((m) => m.includes('wink-nlp'))).toBe(true);
    const heavy =
      /node_modules\/(better-sqlite3|express|ejs|jsdom|pdf-parse|pdfkit|mammoth|yaml|zod|natural)\//;
    expect(modules.filter((m) => heavy.test(m))).toEqual([]);
    expect(
      modules.filter((m) => /dist\/(store|web|compare)\/|dist\/report\/(formats|html|pdf)\.js/.test(m)),
    ).toEqual([]);
  });
});
