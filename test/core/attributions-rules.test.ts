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

  it("gives a participle after a comma its own content, not the main verb's", () => {
    expect(
      found(
        '"We did not fight hard enough," Ortiz said, adding that the council had blocked two bills this year.',
      ),
    ).toEqual([
      'Ortiz | said | We did not fight hard enough',
      'Ortiz | adding | the council had blocked two bills this year',
    ]);
  });

  it("gives a participle after a clause with no reporting verb the clause's subject", () => {
    expect(found('Both parents stiffened their criticism of the mayor, saying he lacked empathy.')).toEqual([
      'Both parents | saying | he lacked empathy',
    ]);
  });

  it('reads the source after "according to" even when the tagger reads its first word as a verb', () => {
    expect(found('Turnout fell by a tenth, according to exit polls.')).toEqual([
      'exit polls | according to | Turnout fell by a tenth',
    ]);
  });

  it('does not read a participle before its noun as speech', () => {
    expect(found('Ortiz has more pledged delegates than her rival.')).toEqual([]);
    expect(found("The mayor's proposed levy would fund two clinics.")).toEqual([]);
  });

  it('does not read a credit line as an attribution', () => {
    expect(found('Reporting by Sam Lee in Denver; editing by Ann Ford.')).toEqual([]);
  });

  it('tells the naming sense of "called" from the telephoning sense', () => {
    expect(found('Senator Ruth Vance called the plan "a disgrace."')).toEqual([
      'Ruth Vance | called | a disgrace.',
    ]);
    expect(found('Later that day the governor called the widow.')).toEqual([]);
    expect(found('He called the company only to be told to wait.')).toEqual([]);
  });

  it('does not report negated speech, but keeps a refusal', () => {
    expect(found('Ortiz has not said whether she will run again.')).toEqual([]);
    expect(found('The council never claimed the levy was popular.')).toEqual([]);
    expect(found('Ortiz declined to comment on the levy.').map((s) => s.split(' | ')[1])).toEqual([
      'declined to comment',
    ]);
  });

  it('reads a present-tense reporting verb the tagger took for a noun', () => {
    expect(found('Recent polls show the levy losing support in the suburbs.')).toEqual([
      'Recent polls | show | the levy losing support in the suburbs',
    ]);
    expect(found('"The money is not there," Ortiz notes.')).toEqual([
      'Ortiz | notes | The money is not there',
    ]);
    expect(found('The United States remarks were not welcome.')).toEqual([]);
    expect(found('The Tax Institute estimates that the levy would raise $2 million.')).toEqual([
      'Tax Institute | estimates | the levy would raise $2 million',
    ]);
  });

  it('credits a quotation in doubled apostrophes to the name after it', () => {
    expect(found("''There is a guy who follows me everywhere,'' Mr. Biden said at one point.")).toEqual([
      'Mr. Biden | said | There is a guy who follows me everywhere',
    ]);
  });

  it('keeps a quotation for the verb when a participle follows it', () => {
    expect(
      found('"They have a global strategy," Ortiz said of the group, adding the city must respond.'),
    ).toEqual(['Ortiz | said | They have a global strategy', 'Ortiz | adding | the city must respond']);
  });

  it('reports a view once when it sits inside what someone said', () => {
    expect(found('Ortiz said she thinks the levy will pass.')).toEqual([
      'Ortiz | said | she thinks the levy will pass',
    ]);
    expect(found('Most council members think the levy will pass.')).toEqual([
      'Most council members | think | the levy will pass',
    ]);
  });

  it('does not read a participle describing a noun, or a view under a modal, as an attribution', () => {
    expect(found('A group supporting the levy spent heavily.')).toEqual([]);
    expect(found('Ortiz would support whoever wins the primary.')).toEqual([]);
  });

  it('attributes a result to a poll that found it', () => {
    expect(found('A survey of 900 voters found broad support for the levy.')).toEqual([
      'A survey of 900 voters | found | broad support for the levy',
    ]);
    expect(found('Searchers found the hikers on Tuesday.')).toEqual([]);
  });

  it('gives a gerund after a preposition the subject of its clause', () => {
    expect(found('Ortiz ended the meeting by saying the levy was dead.')).toEqual([
      'Ortiz | saying | the levy was dead',
    ]);
  });

  it('reads "add" as speech only when words follow, not an object', () => {
    expect(found('Ortiz added that the levy was fair.')).toEqual(['Ortiz | added | the levy was fair']);
    expect(
      found('Critics said the rules would add layers of paperwork.').map((x) => x.split(' | ')[1]),
    ).toEqual(['said']);
  });

  it('does not read a credit line in brackets as an attribution', () => {
    expect(
      found('The court will rule in June. (Reporting by Sam Lee; Additional reporting by Ann Ford.)'),
    ).toEqual([]);
  });
  it('carries a running quotation over into a paragraph that is only quotation', () => {
    const text =
      '“We will rebuild the levee before the spring floods,” said Mayor Ann Ford.\n\n' +
      '“Nobody in this town should spend another winter behind sandbags.”\n\n' +
      '“It is too late for that,” a resident shouted from the back of the hall.';
    const a = shippedAnalyzer().analyze(article(text)).attributions;
    const ford = a.find((x) => x.speaker === 'Ann Ford')!;
    expect(ford.quote).toMatch(/^We will rebuild the levee[\s\S]*behind sandbags\.$/);
    expect(text.slice(ford.quoteStart, ford.quoteEnd)).toBe(ford.quote);
    // The third paragraph has words of its own around its quotation: it is not the mayor's.
    expect(ford.quote).not.toContain('too late');
  });
  it('reads no speech into a reporting verb inside a question put to the source', () => {
    expect(
      found('Asked whether he was suggesting that the mayor had lied, Mr. Ortiz said he was not.'),
    ).toEqual(['Mr. Ortiz | said | he was not']);
  });

  it('takes the subject of an agentless passive for the one spoken of, not for words', () => {
    expect(found('She is careful about how she is portrayed in the local papers.')).toEqual([]);
    expect(found('The plan was criticized by the agency.')).toEqual(['the agency | criticized | The plan']);
  });
  it('credits the quotation before the speaker when the verb is followed by its circumstances', () => {
    expect(
      found('“We will rebuild the levee,” Ann Ford told the Courier in an interview published Sunday.'),
    ).toEqual(['Ann Ford | told | We will rebuild the levee']);
    expect(found('“We learned a lot,” Mr. Ortiz said to the crowd gathered in Eureka.')).toEqual([
      'Mr. Ortiz | said | We learned a lot',
    ]);
  });
  it('steps over two appositives to the name before the verb', () => {
    expect(
      found(
        '“The levee will hold,” Ann Ford, the director of the Valley Park Levee District, a county-run agency, said in a statement.',
      ),
    ).toEqual(['Ann Ford | said | The levee will hold']);
  });
  it('reads "posted" online as speech and takes the quotation a colon introduces', () => {
    expect(
      found('Ann Ford posted to her Facebook page on Sunday: “The levee will hold, and we will stay.”'),
    ).toEqual(['Ann Ford | posted | The levee will hold, and we will stay.']);
    expect(found('The company posted a loss of $3 million in the spring.')).toEqual([]);
  });
});
