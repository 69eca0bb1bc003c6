import { article, attributionString, fixtureAnalyzer } from '../helpers/analyzer';

const attributions = (text: string) => fixtureAnalyzer().analyze(article(text)).attributions;
const strings = (text: string) => attributions(text).map(attributionString);

describe('attribution extraction', () => {
  it('finds a direct quotation followed by its speaker', () => {
    const text = '"We will not negotiate under pressure," Sergei Ryabkov said on Saturday.';
    const [a] = attributions(text);
    expect(attributionString(a)).toBe('Sergei Ryabkov said neutral direct');
    expect(a.quote).toBe('We will not negotiate under pressure');
    expect(text.slice(a.quoteStart, a.quoteEnd)).toBe(a.quote);
    expect(text.slice(a.speakerStart, a.speakerEnd)).toBe('Sergei Ryabkov');
    expect(text.slice(a.verbStart, a.verbEnd)).toBe('said');
  });

  it('finds a speaker followed by a colon and a quotation', () => {
    expect(strings('Mayor Dana Whitfield told reporters: “The shelter opens in June.”')).toEqual([
      'Dana Whitfield told neutral direct',
    ]);
  });

  it('finds indirect speech after "that" and skips the listener of "told"', () => {
    const [a] = attributions('Elena Petrova told reporters that the talks would resume next week.');
    expect(attributionString(a)).toBe('Elena Petrova told neutral indirect');
    expect(a.quote).toBe('the talks would resume next week');
  });

  it('finds unquoted speech before a trailing speaker', () => {
    const [a] = attributions('The contacts took place at other levels, Ryabkov stressed.');
    expect(attributionString(a)).toBe('Sergei Ryabkov stressed emphatic indirect');
    expect(a.quote).toBe('The contacts took place at other levels');
  });

  it('reads "according to" as an attribution cue', () => {
    const [a] = attributions('According to the Kremlin, the exercises are routine.');
    expect(`${attributionString(a)} ${a.speakerType} ${a.affiliation}`).toBe(
      'Kremlin According to neutral according-to organization russia',
    );
    expect(a.quote).toBe('the exercises are routine');
  });

  it('finds the agent of a passive attribution and takes the sentence before as its content', () => {
    const text =
      'The talks will not take place. This was announced on Friday by the Deputy Foreign Minister Sergei Ryabkov.';
    const [a] = attributions(text);
    expect(attributionString(a)).toBe('Sergei Ryabkov announced neutral indirect');
    expect(a.role).toBe('Deputy Foreign Minister');
    expect(a.quote).toBe('The talks will not take place');
  });

  it('takes the speaker of "In a statement by X, it was reported that"', () => {
    const [a] = attributions(
      'In a statement by the Ukrainian Defense Ministry, it was reported that “the army is ready” to respond.',
    );
    expect(`${attributionString(a)} ${a.speakerType} ${a.affiliation}`).toBe(
      'Ukrainian Defense Ministry reported neutral partial organization ukraine',
    );
  });

  it('reads an inverted media citation', () => {
    const [, b] = attributions('He said there is nothing to add, reports “RIA News“.');
    expect(`${b.speaker} ${b.speakerType} ${b.verb}`).toBe('RIA News media reports');
  });

  it('resolves a pronoun to the last speaker of an attribution with the same gender', () => {
    const text =
      'Sergei Ryabkov said the contacts had ended. The diplomat rejected the account of press secretary Jen Psaki, who spoke on Friday. Psaki claimed that talks continue. He pointed out that nothing had changed.';
    const found = attributions(text).map((a) => `${a.speaker} ${a.verb}${a.resolved ? ' (resolved)' : ''}`);
    expect(found).toEqual([
      'Sergei Ryabkov said',
      'Jen Psaki claimed',
      'Sergei Ryabkov pointed out (resolved)',
    ]);
  });

  it('resolves a role noun to the last person quoted', () => {
    const found = attributions(
      'Ryabkov said the talks had ended. The diplomat noted that no date was set.',
    ).map((a) => `${a.speaker} ${a.verb} ${a.resolved}`);
    expect(found).toEqual(['Sergei Ryabkov said false', 'Sergei Ryabkov noted true']);
  });

  it('resolves a surname to the full name first introduced', () => {
    const text =
      'The delegation was led by the attaché Brittany Stewart. Stewart noted that the situation was tense.';
    expect(attributions(text).map((a) => a.speaker)).toEqual(['Brittany Stewart']);
  });

  it('marks unnamed speakers as anonymous', () => {
    const text =
      'A senior military official, who spoke on condition of anonymity, said the convoy carried weapons.';
    const [a] = attributions(text);
    expect(`${a.speaker} ${a.speakerType}`).toBe('A senior military official anonymous');
    expect(a.quote).toBe('the convoy carried weapons');
  });

  it('keeps an unclosed quotation as a diagnostic, not an attribution', () => {
    const result = fixtureAnalyzer().analyze(
      article('Ryabkov said: "We will never accept this.\n\nThe meeting ended early.'),
    );
    expect(result.diagnostics.map((d) => d.code)).toContain('unclosed-quote');
    expect(result.attributions.every((a) => a.form !== 'direct')).toBe(true);
  });

  it('leaves a pronoun with no earlier speaker unresolved, with a diagnostic', () => {
    const result = fixtureAnalyzer().analyze(article('She denied that the plan had failed.'));
    expect(result.attributions.map((a) => `${a.speaker} ${a.speakerType} ${a.stance}`)).toEqual([
      'She unresolved denial',
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unresolved-speaker']);
  });

  it('does not treat a reporting verb inside a quotation as an attribution', () => {
    const found = strings('“They claimed victory too early,” Whitfield said.');
    expect(found).toEqual(['Whitfield said neutral direct']);
  });
});
