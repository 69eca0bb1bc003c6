/**
 * The fields the comparison builds on: the canonical `speaker`, `speakerId` shared by every
 * mention of one person, and `cue` (speech, thought, evidence, refusal).
 */
import { article, shippedAnalyzer } from '../helpers/analyzer';

const attributions = (text: string) => shippedAnalyzer().analyze(article(text)).attributions;

describe('attribution fields', () => {
  it('gives every mention of one person the canonical name and one speakerId', () => {
    const text =
      'Senator Dana Whitley said on Tuesday that the bill was flawed. "It will fail," Ms. Whitley added. She believes the vote will be close.';
    const found = attributions(text).map(
      (a) => `${a.speaker} ${a.speakerId} ${text.slice(a.speakerStart, a.speakerEnd)} ${a.verb}`,
    );
    expect(found).toEqual([
      'Dana Whitley dana-whitley Dana Whitley said',
      'Dana Whitley dana-whitley Ms. Whitley added',
      'Dana Whitley dana-whitley She believes',
    ]);
  });

  it('never merges two unnamed sources into one speakerId', () => {
    const [a, b] = attributions('One aide said the talks were over. Another aide said they were not.');
    expect(a.speakerType).toBe('anonymous');
    expect(b.speakerType).toBe('anonymous');
    expect(a.speakerId).not.toBe(b.speakerId);
  });

  it('tells speech from thought and evidence', () => {
    const text =
      'Dana Whitley said the clinic would close. Whitley believes the board will relent. The county health department found that the clinic had lost money for years.';
    expect(attributions(text).map((a) => `${a.verb} ${a.cue}`)).toEqual([
      'said speech',
      'believes thought',
      'found evidence',
    ]);
  });

  it('keeps a refusal to comment as an attribution with no content', () => {
    const text = 'A spokeswoman for the hospital declined to comment.';
    const [a] = attributions(text);
    expect(`${a.speakerType} ${a.verb} ${a.cue}`).toBe('anonymous declined to comment refusal');
    expect(a.quote).toBe('');
    expect(a.quoteStart).toBe(a.quoteEnd);
  });
});
