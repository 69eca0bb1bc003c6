import { Worker } from 'node:worker_threads';
import { createAnalyzer } from '../../src/core/analyze';
import { createJobPool, LEXICON_SOURCES_PER_WORKER, type JobMessage } from '../../src/batch/pool';
import { buildLexiconSet } from '../../src/lexicon/parse';
import { readLexiconSources } from '../../src/lexicon/sources';
import { article } from '../helpers/analyzer';

describe('the job pool’s lexicon files', () => {
  const sources = readLexiconSources('test/fixtures/lexicons');
  const text = 'The regime jailed two reporters on Monday, Jen Psaki said. Perhaps the coup was planned.';
  const expected = JSON.stringify(createAnalyzer(buildLexiconSet(sources)).analyze(article(text)));

  it('sends a lexicon set’s files to a worker once, and again once the worker has let them go', async () => {
    const sent: JobMessage[] = [];
    const realPost = Worker.prototype.postMessage;
    const post = jest.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (
      this: Worker,
      message: unknown,
      transfer?: Parameters<Worker['postMessage']>[1],
    ) {
      sent.push(message as JobMessage);
      realPost.call(this, message, transfer);
    });
    const pool = createJobPool({ workers: 1, budgetMs: 60_000, memoryMb: 256 });
    const analyze = (key: string) =>
      pool.run({ kind: 'analyze', article: article(text), lexicons: { key, sources } });
    /** The keys of the analysis messages that carried the lexicon files, in order. */
    const withFiles = () =>
      sent.flatMap((m) => (m.kind === 'analyze' && 'sources' in m.lexicons ? [m.lexicons.key] : []));
    try {
      expect(await analyze('first')).toBe(expected);
      expect(await analyze('first')).toBe(expected);
      expect(await analyze('first')).toBe(expected);
      expect(withFiles()).toEqual(['first']);
      // More sets than a worker keeps: the first is let go on both sides, and sent again.
      for (let i = 0; i < LEXICON_SOURCES_PER_WORKER; i++) await analyze(`other-${i}`);
      expect(await analyze('first')).toBe(expected);
      expect(withFiles()).toEqual([
        'first',
        ...Array.from({ length: LEXICON_SOURCES_PER_WORKER }, (_, i) => `other-${i}`),
        'first',
      ]);
    } finally {
      post.mockRestore();
      await pool.close();
    }
  });
});
