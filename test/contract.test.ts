/**
 * The output contract others read (the evaluation scripts in ../shared/eval among them): these
 * fields keep their names and meaning, and every hit's entry is in the `entries` map.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const SEED_DIR = 'seeds/2025-03-riverside-shelter';

function framelens(...args: string[]): string {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`framelens ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

interface Out {
  id?: string;
  title?: string | null;
  text: string;
  hits: Record<string, unknown>[];
  attributions: Record<string, unknown>[];
  scareQuotes: Record<string, unknown>[];
}
type Entries = Record<string, Record<string, Record<string, unknown>>>;

/** Checks the pinned fields of one article and that each hit names an entry of the map. */
function checkArticle(a: Out, entries: Entries) {
  expect(a.hits.length).toBeGreaterThan(0);
  for (const h of a.hits) {
    expect(typeof h.lexicon).toBe('string');
    expect(a.text.slice(h.start as number, h.end as number)).toBe(h.text);
    expect(['quoted', 'reported', 'narration']).toContain(h.voice);
    const entry = entries[h.lexicon as string]?.[h.entry as string];
    expect(entry).toEqual(
      expect.objectContaining({
        category: expect.any(String),
        alternatives: expect.any(Array),
        note: expect.any(String),
        citation: expect.any(String),
      }),
    );
    // Referenced, not copied.
    expect(h).not.toHaveProperty('note');
    expect(h).not.toHaveProperty('citation');
  }
  expect(a.attributions.length).toBeGreaterThan(0);
  for (const t of a.attributions) {
    expect(['neutral', 'emphatic', 'endorsing', 'distancing', 'concessive', 'denial']).toContain(t.stance);
    expect(typeof t.speaker).toBe('string');
    for (const f of ['verbStart', 'verbEnd', 'speakerStart', 'speakerEnd'])
      expect(Number.isInteger(t[f])).toBe(true);
  }
  for (const q of a.scareQuotes) {
    expect(typeof q.attributed).toBe('boolean');
    expect(a.text.slice(q.start as number, q.end as number)).toBe(q.text);
  }
}

describe('the JSON output contract', () => {
  const inputs = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).length;

  it('analyze --format json: articles, lexicon versions and the entries they use', () => {
    const out = JSON.parse(framelens('analyze', SEED_DIR));
    expect(Object.keys(out)).toEqual(['articles', 'lexicons', 'entries']);
    expect(out.articles).toHaveLength(inputs);
    for (const a of out.articles) checkArticle(a, out.entries);
    // Each entry once: the map holds no entry no hit uses.
    const used = new Set(
      out.articles.flatMap((a: Out) => a.hits.map((h) => `${String(h.lexicon)}:${String(h.entry)}`)),
    );
    const listed = Object.entries(out.entries as Entries).flatMap(([kind, ids]) =>
      Object.keys(ids).map((id) => `${kind}:${id}`),
    );
    expect(new Set(listed)).toEqual(used);
  });

  it('analyze --format jsonl: one line per input article, in input order, each with its own entries', () => {
    const lines = framelens('analyze', SEED_DIR, '--format', 'jsonl', '--workers', '1').trimEnd().split('\n');
    expect(lines).toHaveLength(inputs);
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(
      readdirSync(SEED_DIR)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => path.basename(f, '.txt')),
    );
    for (const l of lines) {
      const a = JSON.parse(l) as Out & { entries: Entries };
      checkArticle(a, a.entries);
    }
  });

  it('compare --format json: the report with headlines, entries, comparison and dismissed flags', () => {
    const out = JSON.parse(framelens('compare', SEED_DIR));
    expect(Object.keys(out)).toEqual([
      'articles',
      'headlines',
      'lexicons',
      'entries',
      'comparison',
      'dismissed',
    ]);
    for (const a of out.articles) checkArticle(a, out.entries);
    // Each titled article's headline, analysed on its own: its text is the title, its offsets point into it.
    expect(out.headlines.map((h: Out) => [h.id, h.text])).toEqual(
      out.articles.filter((a: Out) => a.title).map((a: Out) => [a.id, a.title]),
    );
    for (const h of out.headlines as Out[])
      for (const hit of h.hits) expect(h.text.slice(hit.start as number, hit.end as number)).toBe(hit.text);
    expect((out.headlines as Out[]).some((h) => h.hits.length > 0)).toBe(true);
    expect(out.dismissed).toEqual([]);
  });
});
