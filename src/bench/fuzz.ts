/**
 * `npm run fuzz`: feeds generated articles to the analyzer and checks that it
 * never throws and that every span it reports is well-formed and exact
 * (`text.slice(start, end)` is the text it names). The test suite runs the
 * same property a few thousand times (test/core/fuzz.test.ts); this script
 * runs 100,000 by default.
 *
 *   node dist/bench/fuzz.js [runs] [seed]
 */
import fc from 'fast-check';
import { createAnalyzer, type Analyzer } from '../core/analyze';
import type { ArticleAnalysis } from '../core/types';
import { loadLexicons } from '../lexicon/load';

/** Pieces that exercise the analyzer's constructions: reporting verbs, speakers, pronouns, quotation marks of every kind, negation, breaks. */
const PIECES = [
  'Reportedly',
  'told reporters',
  'said',
  'claimed',
  'according to',
  'the minister',
  'Sergei Ryabkov',
  'a senior official',
  'officials who spoke on condition of anonymity',
  'He',
  'She',
  'they',
  'that',
  'the plan is sound',
  'denied',
  'did not say',
  'coup',
  'regime',
  'Kiev',
  'Kyiv',
  '“',
  '”',
  '"',
  "'",
  '‘',
  '’',
  '«',
  '»',
  '„',
  ',',
  '.',
  ':',
  '—',
  '(',
  ')',
  ' ',
  '\n',
  '\n\n',
  '\u00a0',
  '\u202e',
  '\ud800',
  '🙂',
  'Київ',
];

/** Article texts: sequences of the pieces above mixed with arbitrary strings. */
export function articleText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  );
  return fc
    .array(piece, { maxLength: 60 })
    .map((parts) => parts.map((p, i) => (i && /^\w/.test(p) ? ` ${p}` : p)).join(''));
}

/**
 * The problems of an analysis's spans: each outside the text, inverted, or
 * not the exact slice it names. Empty when all is well.
 * @param text - the analysed text
 * @param r - its analysis
 */
export function spanProblems(text: string, r: ArticleAnalysis): string[] {
  const bad: string[] = [];
  const check = (what: string, start: number, end: number, slice?: string) => {
    if (!(
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      start >= 0 &&
      start <= end &&
      end <= text.length
    ))
      bad.push(`${what} ${start}-${end} is not a span of the text (length ${text.length})`);
    else if (slice !== undefined && text.slice(start, end) !== slice)
      bad.push(
        `${what} ${start}-${end} is ${JSON.stringify(text.slice(start, end))}, not ${JSON.stringify(slice)}`,
      );
  };
  for (const h of r.hits) check(`hit ${h.lexicon}:${h.entry}`, h.start, h.end, h.text);
  for (const s of r.scareQuotes) check('scare quote', s.start, s.end, s.text);
  for (const q of r.quotations) {
    check('quotation', q.start, q.end, q.text);
    check('quotation with its marks', q.outerStart, q.outerEnd);
  }
  for (const a of r.attributions) {
    check('attribution', a.start, a.end);
    check('attribution quote', a.quoteStart, a.quoteEnd, a.quote);
    check('attribution verb', a.verbStart, a.verbEnd, a.verb);
    check('attribution speaker', a.speakerStart, a.speakerEnd);
  }
  for (const p of r.paragraphs) check('paragraph', p.start, p.end);
  check('body', r.body.start, r.body.end);
  for (const d of r.diagnostics)
    if (d.start !== undefined) check(`diagnostic ${d.code}`, d.start, d.end ?? d.start);
  return bad;
}

/**
 * Analyses one text and says what went wrong: the error it threw or its bad spans.
 * @param analyzer - the analyzer under test
 * @param text - the article text
 */
export function fuzzProblems(analyzer: Analyzer, text: string): string[] {
  let r: ArticleAnalysis;
  try {
    r = analyzer.analyze({ id: 'fuzz', source: 'fuzz', title: null, date: null, text });
  } catch (err) {
    return [`threw ${(err as Error).stack ?? String(err)}`];
  }
  return spanProblems(text, r);
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 20261128);
  const analyzer = createAnalyzer(loadLexicons());
  let throws = 0;
  let malformed = 0;
  const examples: string[] = [];
  const started = Date.now();
  fc.assert(
    fc.property(articleText(), (text) => {
      const problems = fuzzProblems(analyzer, text);
      if (problems.some((p) => p.startsWith('threw'))) throws++;
      else if (problems.length) malformed++;
      if (problems.length && examples.length < 5)
        examples.push(`${JSON.stringify(text)}\n    ${problems[0]}`);
    }),
    { numRuns: runs, seed },
  );
  process.stdout.write(
    `framelens fuzz: ${runs.toLocaleString('en')} inputs (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${throws} threw, ${malformed} with malformed or inexact spans\n`,
  );
  for (const e of examples) process.stdout.write(`  ${e}\n`);
  process.exitCode = throws + malformed ? 1 : 0;
}
