/**
 * Hostile input: the analyzer never throws, stays fast on pathological text, and every
 * reported span is the exact slice of the text at its offsets.
 */
import fc from 'fast-check';
import { spanProblems } from '../../src/bench/fuzz';
import { article, shippedAnalyzer } from '../helpers/analyzer';

const ADVERSARIAL: Record<string, string> = {
  'a huge token': 'x'.repeat(300_000),
  'only punctuation': '!?.,;:—…'.repeat(20_000),
  'unbalanced quotes': '“«"„'.repeat(10_000) + ' he said',
  'mixed scripts': 'Кремль said 北京 “coup” in Київ, مسؤول claimed '.repeat(2_000),
  'emoji and joiners': '👩‍👩‍👧 said “🙂 coup 🙂” 🇺🇦 '.repeat(5_000),
  'NUL bytes': 'Ryabkov\u0000 said\u0000 “coup\u0000”.'.repeat(1_000),
  'a 1 MB single line': 'Officials said the coup in Kiev was a “provocation”, critics claimed '.repeat(
    15_000,
  ),
  'lone surrogates': '\ud800 said \udc00 “\ud83d” coup '.repeat(2_000),
};

describe('analysis of hostile input', () => {
  const analyzer = shippedAnalyzer();

  it.each(Object.entries(ADVERSARIAL))('survives %s with every offset exact', (_name, text) => {
    const r = analyzer.analyze(article(text));
    expect(spanProblems(text, r)).toEqual([]);
  });

  it('never throws on random strings and keeps offsets exact', () => {
    const pieces = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(
        '“',
        '”',
        '"',
        '«',
        '»',
        '\n\n',
        '\u0000',
        '\ud800',
        '🙂',
        'Київ',
        ' said, "',
        'according to',
        'He pointed out that',
        'coup',
        'x'.repeat(600),
      ),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        return spanProblems(text, analyzer.analyze(article(text))).length === 0;
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

describe('attribution regressions on odd input', () => {
  const analyzer = shippedAnalyzer();

  it('does not throw when an adverb is the only word before the verb', () => {
    const text = 'Reportedly told reporters that the plan is sound.';
    expect(spanProblems(text, analyzer.analyze(article(text)))).toEqual([]);
  });

  it('survives 500 KB of straight quote marks, a quarter of a million stray-quote diagnostics', () => {
    const text = '"'.repeat(500_000);
    const r = analyzer.analyze(article(text));
    expect(r.diagnostics.filter((d) => d.code === 'stray-quote').length).toBeGreaterThan(200_000);
    expect(spanProblems(text, r)).toEqual([]);
  });

  it('never reports a speaker span that ends before it starts', () => {
    const texts = ['Reportedly said', ', reportedly said, "x"', 'Sources said.', '"" said ,, according to .'];
    for (const text of texts) {
      for (const a of analyzer.analyze(article(text)).attributions)
        expect(a.speakerEnd).toBeGreaterThan(a.speakerStart);
    }
  });
});
