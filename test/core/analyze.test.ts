import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { FRAME_IDS } from '../../src/lexicon/schema';
import { articleFromText } from '../../src/ingest/article';
import { article, fixtureAnalyzer, shippedAnalyzer } from '../helpers/analyzer';

const SEED = 'seeds/2021-04-ukraine-contacts/000_d8f5a990ccd71f66.txt';

describe('analyze on the seed article', () => {
  const text = readFileSync(SEED, 'utf8');
  const result = shippedAnalyzer().analyze(articleFromText(SEED, text));
  const attributions = result.attributions.map((a) => `${a.speaker} ${a.verb} ${a.stance}`);

  it('reads the seed date line as metadata', () => {
    expect([result.id, result.source, result.date, result.title]).toEqual([
      '000_d8f5a990ccd71f66',
      '000_d8f5a990ccd71f66',
      '2021-04-10',
      null,
    ]);
    expect(text.slice(result.body.start, result.body.start + 6)).toBe('Russia');
  });

  it('flags Kiev, Donbass and coup', () => {
    const texts = result.hits
      .filter((h) => h.lexicon === 'naming-variants' || h.lexicon === 'loaded-terms')
      .map((h) => h.text);
    expect(texts).toEqual(expect.arrayContaining(['Kiev', 'Donbass', 'coup']));
    expect(result.naming).toEqual(
      expect.arrayContaining([expect.objectContaining({ variant: expect.any(String), count: 2 })]),
    );
  });

  it('attributes the emphatic, endorsing and concluding verbs to Ryabkov', () => {
    expect(attributions).toEqual(
      expect.arrayContaining([
        'Sergei Ryabkov stressed emphatic',
        'Sergei Ryabkov concluded neutral',
        'Sergei Ryabkov noted endorsing',
        'Sergei Ryabkov pointed out endorsing',
        'Brittany Stewart noted endorsing',
      ]),
    );
    expect(attributions.filter((a) => a.startsWith('Jen Psaki pointed'))).toEqual([]);
  });

  it('keeps the direct quotation Ryabkov concluded with', () => {
    const concluded = result.attributions.find((a) => a.verb === 'concluded')!;
    expect(concluded.form).toBe('direct');
    expect(concluded.quote.startsWith('All that remains is to urge Washington')).toBe(true);
    expect(concluded.quote.endsWith('between our capitals')).toBe(true);
  });

  it('finds the media citation of RIA News', () => {
    const ria = result.attributions.find((a) => a.speaker === 'RIA News')!;
    expect([ria.speakerType, ria.verb, ria.affiliation]).toEqual(['media', 'reports', 'russia']);
  });

  it('finds "interacts" as a scare quote that is also a partial quote', () => {
    expect(result.scareQuotes.map((s) => `${s.text} ${s.attributed}`)).toEqual(['interacts true']);
  });

  it('scores all 15 framing dimensions', () => {
    expect(Object.keys(result.frames).sort()).toEqual([...FRAME_IDS].sort());
    const shares = FRAME_IDS.reduce((sum, id) => sum + result.frames[id].share, 0);
    expect(shares).toBeCloseTo(1, 2);
    expect(result.frames['security-defense'].hits).toBeGreaterThan(0);
  });

  it('reports every span exactly as the text at its offsets', () => {
    for (const h of result.hits) expect(text.slice(h.start, h.end)).toBe(h.text);
    for (const a of result.attributions) expect(text.slice(a.quoteStart, a.quoteEnd)).toBe(a.quote);
  });
});

describe('analyze', () => {
  it('counts words without punctuation and splits them by voice', () => {
    const r = fixtureAnalyzer().analyze(article('“We stay,” she said. The town is quiet.'));
    expect(r.wordCount).toBe(8);
    expect(r.words).toEqual({ quoted: 2, reported: 0, narration: 6 });
  });

  it('credits indirect speech to the outlet as reported, not quoted', () => {
    const r = fixtureAnalyzer().analyze(
      article('Ryabkov said the coup in Kiev was a crime. Observers called it a coup too.'),
    );
    expect(
      r.hits
        .filter((h) => h.lexicon !== 'actors' && h.lexicon !== 'reporting-verbs')
        .map((h) => `${h.text} ${h.voice}`),
    ).toEqual(['coup reported', 'Kiev reported', 'coup narration']);
    expect(r.loaded.quoted.count).toBe(0);
    expect(r.loaded.reported.kinds['loaded-terms']).toBe(1);
    expect(r.loaded.reported.kinds['naming-variants']).toBe(1);
    expect(r.loaded.narration.kinds['loaded-terms']).toBe(1);
  });

  it('keeps the quoted voice for words inside quotation marks only', () => {
    const r = fixtureAnalyzer().analyze(
      article('“The coup in Kiev was a crime,” Ryabkov said. Observers called it a coup too.'),
    );
    expect(
      r.hits
        .filter((h) => h.lexicon === 'loaded-terms' || h.lexicon === 'naming-variants')
        .map((h) => `${h.text} ${h.voice}`),
    ).toEqual(['coup quoted', 'Kiev quoted', 'coup narration']);
    expect(r.words.quoted).toBe(7);
  });

  it('counts the words of an "according to" sentence as reported, the outlet\'s own paraphrase', () => {
    const r = fixtureAnalyzer().analyze(
      article('The regime jailed two reporters on Monday, according to Jen Psaki.'),
    );
    const regime = r.hits.find((h) => h.entry === 'regime');
    expect(regime?.voice).toBe('reported');
    expect(r.loaded.reported.count + r.loaded.narration.count).toBeGreaterThan(0);
  });
  it('warns when the text is mostly not English', () => {
    const r = fixtureAnalyzer().analyze(
      article('Россия не проводила контактов с США по украинской проблематике на уровне министров обороны.'),
    );
    expect(r.diagnostics.map((d) => d.code)).toEqual(['not-english']);
    expect(r.language.english).toBe(false);
  });

  it('gives an empty analysis for an empty text', () => {
    const r = fixtureAnalyzer().analyze(article('   '));
    expect([r.wordCount, r.hits.length, r.diagnostics.map((d) => d.code).join()]).toEqual([
      0,
      0,
      'empty-text',
    ]);
  });

  it('gives the same result for the same input', () => {
    const text = readFileSync(SEED, 'utf8');
    const a = JSON.stringify(shippedAnalyzer().analyze(articleFromText(SEED, text)));
    const b = JSON.stringify(shippedAnalyzer().analyze(articleFromText(SEED, text)));
    expect(a).toBe(b);
  });

  it('never throws and keeps every offset inside the text and equal to its slice', () => {
    const analyzer = shippedAnalyzer();
    const pieces = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '“',
        '”',
        '"',
        '«',
        '»',
        '‘',
        '’',
        "'",
        '\n\n',
        '\u0000',
        '🙂',
        'Кремль',
        'said',
        ' Ryabkov said, "',
        'according to',
        'Kiev',
        ' coup ',
        'He pointed out that',
        '—',
        '...',
      ),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const r = analyzer.analyze(article(text));
        const spans: [number, number, string][] = [
          ...r.hits.map((h) => [h.start, h.end, h.text] as [number, number, string]),
          ...r.scareQuotes.map((s) => [s.start, s.end, s.text] as [number, number, string]),
          ...r.attributions.map((a) => [a.quoteStart, a.quoteEnd, a.quote] as [number, number, string]),
        ];
        for (const [start, end, slice] of spans) {
          if (!(start >= 0 && end <= text.length && start <= end && text.slice(start, end) === slice))
            return false;
        }
        return r.attributions.every(
          (a) =>
            a.start >= 0 && a.end <= text.length && a.speakerStart < a.speakerEnd && a.verbStart < a.verbEnd,
        );
      }),
      { numRuns: 300, seed: 20210410 },
    );
  });
});

describe('scare quotes and partial quotes', () => {
  const quotes = (text: string) =>
    fixtureAnalyzer()
      .analyze(article(text))
      .scareQuotes.map((q) => `${q.text} ${q.attributed ? 'partial' : 'scare'}`);

  it('calls a fragment in a sentence with a speaker a partial quote', () => {
    expect(quotes('Ryabkov said the talks were “a dead end” for both capitals.')).toEqual([
      'a dead end partial',
    ]);
  });

  it('calls quoted words no one is credited with a scare quote', () => {
    expect(quotes('The ministry opened a “dialogue” with the families after the raid.')).toEqual([
      'dialogue scare',
    ]);
  });

  it('treats a quotation-marked title as neither', () => {
    expect(quotes('The ministry published “Minsk Format Review” on Monday.')).toEqual([]);
  });

  it("counts only the unattributed scare quote in the outlet's loaded language", () => {
    const r = fixtureAnalyzer().analyze(
      article(
        'The ministry opened a “dialogue” with the families. Ryabkov said the talks were “a dead end” today.',
      ),
    );
    expect(r.loaded.narration.kinds['scare-quotes']).toBe(1);
  });
});

describe('negation', () => {
  const negated = (text: string) =>
    fixtureAnalyzer()
      .analyze(article(text))
      .hits.filter((h) => h.lexicon === 'loaded-terms')
      .map((h) => `${h.text}${h.negated ? ' negated' : ''}`);

  it('marks a hit with a negator a few words before it', () => {
    expect(negated('The army did not call it a coup.')).toEqual(['coup negated']);
    expect(negated('It was no coup, the minister wrote.')).toEqual(['coup negated']);
  });

  it('does not let a negator far back in the clause negate the hit', () => {
    expect(negated('The general never said anything in public about the coup in the capital.')).toEqual([
      'coup',
    ]);
  });

  it('stops at a clause boundary', () => {
    expect(negated('Nobody was hurt, but the coup went on for days.')).toEqual(['coup']);
  });

  it('does not take "without", "hardly", "prevent" or "no question" as negators', () => {
    expect(negated('The colonels took power without a coup.')).toEqual(['coup']);
    expect(negated('It was hardly a coup.')).toEqual(['coup']);
    expect(negated('The guards prevented a coup.')).toEqual(['coup']);
    expect(negated('There is no question the regime fell.')).toEqual(['regime']);
  });
});
