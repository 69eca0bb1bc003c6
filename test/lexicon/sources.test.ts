import { article, shippedAnalyzer } from '../helpers/analyzer';

describe('sources of shipped entries', () => {
  const analyze = (text: string) => shippedAnalyzer().analyze(article(text));
  /** `'loaded-terms:regime <- Wikipedia contributors 2024, ...'` for the hits of one lexicon entry. */
  const sourceOf = (text: string, entry: string) =>
    analyze(text)
      .hits.filter((h) => h.entry === entry)
      .map((h) => `${h.lexicon}:${h.entry} <- ${h.citation}`);

  it('shows the reference and locator behind a flag, never a free-text rationale', () => {
    const text = 'The regime in Minsk gave an extremely evasive answer on Tuesday.';
    expect(sourceOf(text, 'regime')).toEqual([
      expect.stringMatching(
        /^loaded-terms:regime <- Wikipedia contributors 2024, .*Words to watch: section Contentious labels \(MOS:LABEL\)$/,
      ),
    ]);
    expect(sourceOf(text, 'extremely')).toEqual([
      "loaded-terms:extremely <- Wormer, T. 2025, weasels: a list of (possible) English weasel words (npm package, version 2.0.1, MIT licence): 'extremely', 'exceedingly'",
    ]);
  });

  it('credits a hedge taken from the hedges package to that package and version', () => {
    const hits = sourceOf('Officials said the talks would hopefully resume next week.', 'hopefully');
    expect(hits).toEqual([
      expect.stringContaining('hedges: a list of (possible) English hedge words (npm package, version 2.0.1'),
    ]);
  });

  it('credits a word from the opinion lexicon to Hu and Liu, naming the listed words', () => {
    const hits = sourceOf('Riot police beat a thug who had attacked a journalist.', 'thug');
    expect(hits).toEqual([
      expect.stringContaining('Hu, M.; Liu, B. 2004, Mining and Summarizing Customer Reviews'),
    ]);
    expect(hits[0]).toContain("negative opinion words: 'thug', 'goon'");
  });
});
