import { fixtureAnalyzer, article, hitString, shippedAnalyzer } from '../helpers/analyzer';

const hitsOf = (text: string, lexicon?: string) =>
  fixtureAnalyzer()
    .analyze(article(text))
    .hits.filter((h) => !lexicon || h.lexicon === lexicon);

describe('lexicon matcher', () => {
  it('flags inflected forms through lemmas', () => {
    const text = 'Artillery shelled the village at dawn. The shelling went on, and they shell it still.';
    expect(hitsOf(text, 'loaded-terms').map((h) => h.text)).toEqual(['shelled', 'shelling', 'shell']);
  });

  it('flags multi-word patterns and keeps offsets on the original text', () => {
    const text = 'Officials called the drill a “flagrant provocation” on Tuesday.';
    const hits = hitsOf(text, 'loaded-terms');
    expect(hits.map(hitString)).toEqual(['30-50 loaded-terms:flagrant-provocation quoted']);
    expect(text.slice(hits[0].start, hits[0].end)).toBe('flagrant provocation');
  });

  it('suppresses an entry where one of its exceptions matches', () => {
    const text = 'The mental health service reopened. Critics called the plan mental.';
    expect(hitsOf(text, 'loaded-terms').map((h) => `${h.start} ${h.text}`)).toEqual(['60 mental']);
  });

  it('honours exceptions made of several words', () => {
    const text = 'The EU extended its sanctions regime. The regime in Minsk answered.';
    expect(hitsOf(text, 'loaded-terms').map((h) => `${h.start} ${h.text}`)).toEqual(['42 regime']);
  });

  it('matches hyphenated patterns', () => {
    expect(hitsOf('The so-called referendum was held.', 'loaded-terms').map(hitString)).toEqual([
      '4-13 loaded-terms:so-called',
    ]);
  });

  it('marks negated hits', () => {
    const hits = hitsOf(
      'This was not a coup, the minister said. It was a coup, critics said.',
      'loaded-terms',
    );
    expect(hits.map((h) => `${h.text} ${h.negated}`)).toEqual(['coup true', 'coup false']);
  });

  it('flags a non-preferred naming variant with its concept, signal and the preferred form', () => {
    const hits = hitsOf('Troops left Kiev for Donbas.', 'naming-variants');
    expect(hits.map((h) => `${h.concept}/${h.entry} ${h.text}`)).toEqual(['kyiv/kiev Kiev']);
    expect(hits[0].alternatives).toEqual(['Kyiv']);
    expect(hits[0].signals).toMatch(/Russian/);
  });

  it('records every naming variant as a name, but flags only the ones that are not preferred', () => {
    const analysis = fixtureAnalyzer().analyze(
      article('Troops left Kiev for Donbas, then returned to Kyiv.'),
    );
    expect(analysis.names.map((n) => `${n.concept}/${n.variant} ${n.text} ${n.neutral}`)).toEqual([
      'kyiv/kiev Kiev false',
      'donbas/donbas Donbas true',
      'kyiv/kyiv Kyiv true',
    ]);
    for (const n of analysis.names) expect(analysis.text.slice(n.start, n.end)).toBe(n.text);
    expect(analysis.naming).toEqual([
      { concept: 'kyiv', variant: 'kiev', count: 1 },
      { concept: 'donbas', variant: 'donbas', count: 1 },
      { concept: 'kyiv', variant: 'kyiv', count: 1 },
    ]);
    expect(analysis.loaded.narration.kinds['naming-variants']).toBe(1);
  });

  it('takes an actor only where the text writes it as a name', () => {
    const text = 'The federal rule now trumps state law, said Donald Trump.';
    const actors = shippedAnalyzer()
      .analyze(article(text))
      .hits.filter((h) => h.lexicon === 'actors');
    expect(actors.map((h) => h.text)).toEqual(['Donald Trump']);
  });

  it('lets the user suppress an entry or a phrase for one run', () => {
    const analyzer = fixtureAnalyzer();
    const text = 'The regime staged a coup.';
    const kinds = (suppress: string[]) =>
      analyzer
        .analyze(article(text), { suppress })
        .hits.filter((h) => h.lexicon === 'loaded-terms')
        .map((h) => h.entry);
    expect(kinds([])).toEqual(['regime', 'coup']);
    expect(kinds(['loaded-terms:regime'])).toEqual(['coup']);
    expect(kinds(['Coup'])).toEqual(['regime']);
  });
});

describe('lexicon matcher: senses and names', () => {
  const loaded = (text: string) => hitsOf(text, 'loaded-terms').map((h) => h.text);

  it('keeps a part-of-speech restriction: the verb of criticism, not the explosion', () => {
    expect(loaded('Senators blasted the plan on Monday.')).toEqual(['blasted']);
    expect(loaded('A blast near the market killed two people.')).toEqual([]);
  });

  it('requires a neighbouring word for a sense', () => {
    expect(loaded('The governor wants to gut the law before the vote.')).toEqual(['gut']);
    expect(loaded('She had a gut feeling about the vote.')).toEqual([]);
  });

  it('drops a sense a forbidden neighbour rules out', () => {
    expect(loaded('The mayor slammed the door on the reporters.')).toEqual([]);
    expect(loaded('The mayor slammed the council over the budget.')).toEqual(['slammed']);
  });

  it('does not flag a loaded word inside a proper name', () => {
    expect(loaded('Members of the Radical Party met in Rome.')).toEqual([]);
    expect(loaded('Radical Party leaders met in Rome.')).toEqual([]);
    expect(loaded('The party took a radical turn.')).toEqual(['radical']);
  });
});
