/**
 * The constructions the clause-subject rule and its filters handle, on sentences written for
 * these tests (PolNeAR's real articles measure the rules; they are not copied here).
 */
import { article, shippedAnalyzer } from '../helpers/analyzer';

const found = (text: string) =>
  shippedAnalyzer()
    .analyze(article(text))
    .attributions.map((a) => `${text.slice(a.speakerStart, a.speakerEnd)} | ${a.verb} | ${a.quote}`);

describe('attribution rules', () => {
  it('gives a coordinated reporting verb the subject of its clause', () => {
    expect(found('Dana Whitley thanked the volunteers and said the shelter would stay open.')).toEqual([
      'Dana Whitley | said | the shelter would stay open',
    ]);
  });

  it('takes a common-noun or quantity subject as an unnamed source', () => {
    expect(found('Forty-seven percent of voters said they would back the measure.')).toEqual([
      'voters | said | they would back the measure',
    ]);
    expect(found('The advisory panel concluded that the levy must rise.')).toEqual([
      'The advisory panel | concluded | the levy must rise',
    ]);
  });

  it('reads a progressive as active speech, not a passive', () => {
    expect(found('The governor is declaring that the emergency is over.')).toEqual([
      'The governor | declaring | the emergency is over',
    ]);
  });

  it('steps over a party-state label in parentheses', () => {
    expect(found('Rep. Tom Baker (R-Ohio) said the vote would be close.')).toEqual([
      'Rep. Tom Baker | said | the vote would be close',
    ]);
  });

  it('does not read "called" after an indefinite noun as an attribution', () => {
    expect(found('A group called Citizens First filed the suit on Monday.')).toEqual([]);
  });

  it('takes "polls showed" as evidence', () => {
    const r = shippedAnalyzer().analyze(article('Two new polls showed that the race had tightened in Ohio.'));
    expect(r.attributions.map((a) => `${a.verb} ${a.cue} ${a.quote}`)).toEqual([
      'showed evidence the race had tightened in Ohio',
    ]);
  });
});
