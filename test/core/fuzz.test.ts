/**
 * The analyzer never throws and every span it reports is well-formed and
 * exact, on generated articles (`npm run fuzz` runs the same property
 * 100,000 times) and on the inputs an attack on the server found.
 */
import fc from 'fast-check';
import { articleText, fuzzProblems } from '../../src/bench/fuzz';
import { shippedAnalyzer } from '../helpers/analyzer';

describe('the analyzer on generated articles', () => {
  const analyzer = shippedAnalyzer();

  it('never throws and keeps every span exact over 3,000 generated articles', () => {
    fc.assert(
      fc.property(articleText(), (text) => {
        expect(fuzzProblems(analyzer, text)).toEqual([]);
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });

  it.each([
    [
      'a sentence opening with an adverb before the verb',
      'Reportedly told reporters that the plan is sound.',
    ],
    ['an adverb, a denial and a dash', 'Reportedly denied a senior official —'],
    ['closing marks after the verb', 'Reportedly  said”» claimed'],
    ['half a megabyte of straight quotes', '"'.repeat(500_000)],
  ])('survives %s', (_what, text) => {
    expect(fuzzProblems(analyzer, text)).toEqual([]);
  });
});
