import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBatch } from '../../src/batch/run';
import { createAnalyzer } from '../../src/core/analyze';
import { articleLine } from '../../src/report/entries';
import { listArticleFiles } from '../../src/ingest/files';
import { readArticles } from '../../src/ingest/source';
import { loadLexicons } from '../../src/lexicon/load';

const SEEDS = path.resolve(__dirname, '..', '..', 'seeds');

/** What `framelens analyze --format json` prints for the same inputs, as parsed JSON. */
async function analyzeJson(paths: string[]): Promise<unknown[]> {
  const analyzer = createAnalyzer(loadLexicons());
  const articles = (await readArticles(listArticleFiles(paths))).flatMap((item) =>
    'article' in item ? [item.article] : [],
  );
  // Each line is one article as the json format writes it, with the entries it uses.
  return articles.map((a) => JSON.parse(JSON.stringify(articleLine(analyzer.analyze(a)))) as unknown);
}

describe('runBatch', () => {
  let dir: string;
  let stderr: string[];
  let spy: jest.SpyInstance;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-batch-'));
    stderr = [];
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each article as analyze --format json does, with its entries, in input order, and reports a failing file', async () => {
    const bad = path.join(dir, 'broken.txt');
    writeFileSync(bad, Buffer.from([0x66, 0x00, 0x6f]));
    const jsonl = path.join(dir, 'wire.jsonl');
    const riverside = readFileSync(
      path.join(SEEDS, '2025-03-riverside-shelter', '020_heartland-voice.txt'),
      'utf8',
    );
    writeFileSync(
      jsonl,
      `${JSON.stringify({ text: riverside, source: 'Wire', title: 'Shelter' })}\n\n${JSON.stringify({ id: 'short', text: 'Officials said the plan was "a disaster".' })}\n`,
    );
    const inputs = [
      path.join(SEEDS, '2021-04-ukraine-contacts'),
      bad,
      path.join(SEEDS, '2025-03-riverside-shelter'),
      jsonl,
    ];
    const output = path.join(dir, 'out.jsonl');

    const failures = await runBatch(inputs, { lexiconDirs: [], suppress: [], workers: 2, output });

    const expected = await analyzeJson(inputs);
    const lines = readFileSync(output, 'utf8').split('\n').filter(Boolean);
    expect(failures).toBe(1);
    expect(stderr.join('')).toMatch(
      new RegExp(
        `^framelens: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: binary content \\(a NUL byte at offset 1\\)[^\n]*\n$`,
      ),
    );
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(
      expected.map((a) => (a as { id: string }).id),
    );
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(expected);
    // Same key order as the json format, not only the same values.
    expect(lines).toEqual(expected.map((a) => JSON.stringify(a)));
  });

  it('reports a bad .jsonl line and still analyses the lines around it', async () => {
    const jsonl = path.join(dir, 'mixed.jsonl');
    writeFileSync(
      jsonl,
      [
        '{"text": "The regime said no."}',
        '{not json',
        '{"title": "no text"}',
        '{"text": "Rebels denied it."}',
      ].join('\n'),
    );
    const output = path.join(dir, 'out.jsonl');

    const failures = await runBatch([jsonl], { lexiconDirs: [], suppress: [], workers: 1, output });

    const ids = readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(failures).toBe(2);
    expect(ids).toEqual(['mixed-1', 'mixed-4']);
    expect(stderr.join('')).toMatch(
      /^framelens: .*mixed\.jsonl: line 2: not valid JSON .*\nframelens: .*mixed\.jsonl: line 3: expected an object with a string "text"\n$/,
    );
  });
});
