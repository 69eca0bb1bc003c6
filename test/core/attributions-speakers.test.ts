/**
 * Who a pronoun speaker is: salience in the sentence and the one before, gender from titles and
 * given names, and people who share a surname kept apart. Sentences written for these tests.
 */
import { article, shippedAnalyzer } from '../helpers/analyzer';

const speakers = (text: string) =>
  shippedAnalyzer()
    .analyze(article(text))
    .attributions.map((a) => `${text.slice(a.speakerStart, a.speakerEnd)} → ${a.speaker} | ${a.verb}`);

describe('pronoun speakers', () => {
  it('gives "she" to the person whose given name is female, not to the last speaker', () => {
    expect(
      speakers('Ann Ford said the levy was needed. Tom Baker said it was not. "We will fight it," she said.'),
    ).toEqual(['Ann Ford → Ann Ford | said', 'Tom Baker → Tom Baker | said', 'she → Ann Ford | said']);
  });

  it('prefers the subject of the sentence before to an older speaker', () => {
    expect(
      speakers(
        'Maria Lopez said the vote was close. Lena Ortiz chaired the meeting. "It is over," she said.',
      ),
    ).toEqual(['Maria Lopez → Maria Lopez | said', 'she → Lena Ortiz | said']);
  });

  it('prefers a person named earlier in the same sentence whose gender agrees', () => {
    expect(
      speakers('Ann Ford pressed Tom Baker for an hour, and he conceded that the accounts were wrong.'),
    ).toEqual(['he → Tom Baker | conceded']);
  });

  it('gives a coordinated verb the subject of its own clause', () => {
    expect(
      speakers(
        'Gov. Tom Baker described Ann Ford as a "disgrace" after she attacked the police and blamed them for the riot.',
      ),
    ).toEqual(['Gov. Tom Baker → Gov. Tom Baker | described', 'she → Ann Ford | blamed']);
  });

  it('does not take a name inside a quotation as the antecedent', () => {
    expect(
      speakers(
        'Ann Ford said the plan was sound. "My deputy, Tom Baker, will brief you in the morning," she said.',
      ),
    ).toEqual(['Ann Ford → Ann Ford | said', 'she → Ann Ford | said']);
  });
});

describe('names', () => {
  it('keeps two people who share a surname apart', () => {
    expect(
      speakers('Donald Marsh said the plan was sound. Ivy Marsh, his sister, said the plan would fail.'),
    ).toEqual(['Donald Marsh → Donald Marsh | said', 'Ivy Marsh → Ivy Marsh | said']);
  });

  it('still joins a later title and surname to the full name', () => {
    expect(speakers('Donald Marsh said the plan was sound. Mr. Marsh added that it was cheap.')).toEqual([
      'Donald Marsh → Donald Marsh | said',
      'Mr. Marsh → Donald Marsh | added',
    ]);
  });
});

describe('long names', () => {
  it('reads a name of five capitalised words and more as an organisation, whole', () => {
    const text = 'The Rocky Mountain High Intensity Drug Trafficking Area wrote that seizures rose.';
    const [a] = shippedAnalyzer().analyze(article(text)).attributions;
    expect([a.speaker, a.speakerType]).toEqual([
      'Rocky Mountain High Intensity Drug Trafficking Area',
      'organization',
    ]);
  });
});

describe('places after the head noun', () => {
  it('takes the head before a place for the speaker, not the place', () => {
    const speakerOf = (text: string) =>
      shippedAnalyzer()
        .analyze(article(text))
        .attributions.map((a) => a.speaker);
    expect(speakerOf('Attorneys general in Utah and New Mexico said they would not join the suit.')).toEqual([
      'Attorneys general in Utah and New Mexico',
    ]);
    expect(speakerOf('Sheriffs in western Nebraska said the drug was more potent.')).toEqual([
      'Sheriffs in western Nebraska',
    ]);
    expect(speakerOf('Sen. Ted Cruz of Texas said the bill would fail.')).toEqual(['Sen. Ted Cruz']);
  });
});

describe('capitalised phrases that are not names', () => {
  it('never resolves "he" to a phrase of plain English words the tagger took for a name', () => {
    const text =
      'Donald Trump spoke after the commission met. Presidential Debates said the stage was ready. "It was a big night," he said.';
    const found = speakers(text);
    expect(found).toContain('Presidential Debates → Presidential Debates | said');
    expect(found.find((s) => s.startsWith('he →'))).not.toContain('Presidential Debates');
  });
});
