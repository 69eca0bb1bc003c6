import { compareArticles } from '../../src/compare';
import { sidesNotCompared } from '../../src/compare/attributions';
import { COURIER_LEAD, COURIER_LEVEE, floodStory } from './flood';
import { article, show } from './helpers';
import { article as input, shippedAnalyzer } from '../helpers/analyzer';

describe('comparison claims on one domestic event', () => {
  const articles = floodStory();
  const c = compareArticles(articles);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const facts = c.omissions.items.filter((o) => o.kind === 'fact');
  const missing = (label: string) =>
    facts
      .filter((o) => o.label === label)
      .map((o) => `${o.presentIn.join(',')} -> ${o.missingFrom.join(',')}`);

  it('does not call a fact omitted when another outlet reports it in other words across two sentences', () => {
    // The Wire reports the declaration as "Fourteen Missouri counties ... will receive federal disaster money" and
    // the repairs in its next sentence, so it carries the lead; the Ledger, a story about shop owners, does not.
    expect(missing(COURIER_LEAD)).toEqual(['courier,wire -> ledger']);
    const lead = facts.find((o) => o.label === COURIER_LEAD)!;
    expect(lead.evidence.present.find((p) => p.articleId === 'wire')!.text).toMatch(
      /^Fourteen Missouri counties .* The money will pay for repairs to damaged homes and roads\.$/,
    );
  });

  it('calls a fact omitted when no passage of the other outlet carries its names and numbers', () => {
    expect(missing(COURIER_LEVEE)).toEqual(['courier -> wire,ledger']);
    const levee = facts.find((o) => o.label === COURIER_LEVEE)!;
    expect(levee.evidence.present.map((p) => `${p.articleId}: ${p.text}`)).toEqual([
      `courier: ${COURIER_LEVEE}`,
    ]);
    for (const closest of levee.evidence.closest) {
      expect(closest.missing).toEqual(expect.arrayContaining(['Corps', '48']));
      expect(closest.reason).toContain('never mentions');
    }
  });

  it('never lists a fragment or a mostly quoted sentence as an omitted fact', () => {
    for (const o of facts) {
      expect(o.label).toMatch(/^["\u201c]?[A-Z0-9]/);
      expect(o.label).toMatch(/[.!?]["\u201d]?$/);
    }
    expect(facts.map((o) => o.label)).not.toContain(
      '"No one should have to wait months for a check," Psaki said.',
    );
  });

  it('lists no correction note or quotation piece as a fact, and mends a sentence cut at a title', () => {
    const courier = article(
      'courier',
      'Riverbend Courier',
      'Levee repairs',
      `The Army Corps of Engineers will rebuild the Valley Park levee by 2027 at a cost of $48 million.

Parson wrote on Twitter: "Crews from Jefferson City and St. Louis will stay until the work is done.

Parson will face the winner of the primary on August 4 - either former Cong. Rob Simmons or Linda McMahon of Greenwich.

CORRECTION: An earlier version of this article gave the wrong county for the Valley Park levee.`,
    );
    const wire = article(
      'wire',
      'Heartland Wire',
      'Flood cleanup',
      `Shop owners in Eureka began hauling ruined stock to the curb on Tuesday as the river fell.`,
    );
    const labels = compareArticles([courier, wire])
      .omissions.items.filter((o) => o.kind === 'fact')
      .map((o) => o.label);
    expect(labels).toEqual([
      'The Army Corps of Engineers will rebuild the Valley Park levee by 2027 at a cost of $48 million.',
      'Parson will face the winner of the primary on August 4 - either former Cong. Rob Simmons or Linda McMahon of Greenwich.',
      'Shop owners in Eureka began hauling ruined stock to the curb on Tuesday as the river fell.',
    ]);
  });

  it('does not take two quotations that share a phrase for the same quotation', () => {
    // "help is on the way" opens the Wire's quotation of Parson and sits inside the Courier's quotation of Psaki.
    expect(show.quotes(c)).toEqual([]);
  });

  it('merges the name variants of one person into one speaker across articles', () => {
    const parson = c.attributions.byArticle.map((a) =>
      a.speakers.filter((s) => /parson/i.test(s.speaker)).map((s) => `${s.key} ${s.attributions.length}`),
    );
    expect(parson).toEqual([['person:parson 1'], ['person:parson 3'], []]);
    expect(c.omissions.items.filter((o) => o.kind === 'speaker' && /parson/.test(o.key))).toEqual([
      expect.objectContaining({
        key: 'person:parson',
        presentIn: ['courier', 'wire'],
        missingFrom: ['ledger'],
      }),
    ]);
  });

  it('does not claim a speaker missing from an outlet that names them without a found quotation', () => {
    // The Ledger's variant names the governor; whether it reports his words behind a pronoun or a
    // construction the extractor misses cannot be told, so no omission of his voice is claimed.
    const ledger = article(
      'ledger',
      'Valley Ledger',
      'Eureka businesses count losses as the water recedes',
      `Shop owners along Eureka's main street spent Tuesday hauling ruined stock to the curb.

Governor Parson walked the length of Central Avenue on Monday afternoon.

"We will reopen, but not this month," said Diane Holt, who runs a hardware store there.`,
    );
    const withMention = compareArticles([byId.get('courier')!, byId.get('wire')!, ledger]);
    expect(withMention.omissions.items.filter((o) => o.kind === 'speaker' && /parson/.test(o.key))).toEqual(
      [],
    );
  });

  it('claims no omission of a speaker whose name is one word the lexicon does not know', () => {
    // "Holt" alone, as a misread name would be, is too weak a name to claim its absence elsewhere.
    const speakers = c.omissions.items.filter((o) => o.kind === 'speaker').map((o) => o.label);
    expect(speakers).toContain('Diane Holt');
    for (const label of speakers) expect(label.split(/\s+/).length).toBeGreaterThan(1);
  });

  it('credits a shared quotation split around its tag and compares verbs only where both were found', () => {
    const courier = article(
      'courier',
      'Riverbend Courier',
      'Governor tours flooded towns',
      `Gov. Michael L. Parson toured Eureka on Tuesday.

"We are not waiting on Washington to start cleaning up the streets," Parson said, "of this town."`,
    );
    const wire = article(
      'wire',
      'Heartland Wire',
      'Parson promises cleanup',
      `Gov. Michael L. Parson spoke in Eureka on Tuesday.

"We are not waiting on Washington to start cleaning up the streets of this town," Parson said.`,
    );
    const q = compareArticles([courier, wire]).quotes.shared;
    expect(q.map((s) => s.uses.map((u) => `${u.articleId} ${u.speaker} ${u.verb}`))).toEqual([
      ['courier Michael L. Parson said', 'wire Michael L. Parson said'],
    ]);
    expect(q[0].differences).not.toContain('verb');
  });

  it('credits a quotation that runs on after its tag to that speaker, not to a later verb', () => {
    const courier = article(
      'courier',
      'Riverbend Courier',
      'Governor tours flooded towns',
      `"We will rebuild every road in this county," Gov. Michael L. Parson told the Courier on Tuesday. "Every family that lost a home will be back in one by the spring." He even joked about the weather.`,
    );
    const wire = article(
      'wire',
      'Heartland Wire',
      'Parson promises homes',
      `"Every family that lost a home will be back in one by the spring," Gov. Michael L. Parson said.`,
    );
    const q = compareArticles([courier, wire]).quotes.shared;
    expect(q.map((x) => x.uses.map((u) => `${u.articleId} ${u.verb}`))).toEqual([
      ['courier told', 'wire said'],
    ]);
  });

  it('never lists an outlet of the comparison as a speaker the others left out', () => {
    const courier = article(
      'courier',
      'Riverbend Courier',
      'Damage counted in Eureka',
      `The Heartland News Service said 300 homes in Eureka were damaged by the flood.

Crews began clearing debris from Central Avenue on Tuesday.`,
    );
    const wire = article(
      'wire',
      'Heartland News Service',
      'Eureka damage',
      `About 300 homes in Eureka were damaged by the flood, county records show.

Crews were clearing debris on Tuesday.`,
    );
    expect(courier.attributions.map((a) => a.speaker)).toContain('Heartland News Service');
    const c = compareArticles([courier, wire]);
    expect(c.omissions.items.filter((o) => o.kind === 'speaker').map((o) => o.label)).toEqual([]);
  });

  it('does not say how an outlet introduces a person from a pronoun it resolved', () => {
    const courier = article(
      'courier',
      'Riverbend Courier',
      'Aid promised',
      `Gov. Michael L. Parson spoke in Eureka on Tuesday. He claimed that aid would arrive within days.`,
    );
    const wire = article(
      'wire',
      'Heartland Wire',
      'Aid promised',
      `Gov. Michael L. Parson said in Eureka on Tuesday that aid would arrive within days.`,
    );
    expect(courier.attributions.map((a) => `${a.speaker} ${a.verb} ${a.resolved}`)).toEqual([
      'Gov. Michael L. Parson claimed true',
    ]);
    expect(compareArticles([courier, wire]).attributions.asymmetries).toEqual([]);
  });

  it('reads an acronym with stops as the same name: "F.B.I." mentions the FBI', () => {
    const shipped = shippedAnalyzer();
    const fox = {
      ...shipped.analyze(
        input('The FBI opened an inquiry into the levee contract on Monday, county officials said.', 'fox'),
      ),
      source: 'Fox News',
    };
    const nyt = {
      ...shipped.analyze(input('The F.B.I. began looking into the levee contract on Monday.', 'nyt')),
      source: 'New York Times',
    };
    expect(fox.hits.some((h) => h.lexicon === 'actors' && h.text === 'FBI')).toBe(true);
    const actors = compareArticles([fox, nyt]).omissions.items.filter((o) => o.kind === 'actor');
    expect(actors.map((o) => o.label)).not.toContain('FBI');
  });

  it("does not take a verb inside another source's reported words for the outlet's choice", () => {
    const courier = article(
      'courier',
      'Riverbend Courier',
      'Aid dispute',
      `County Democrats said that Gov. Michael L. Parson had claimed the aid was already paid out.`,
    );
    const wire = article(
      'wire',
      'Heartland Wire',
      'Aid dispute',
      `Gov. Michael L. Parson said on Tuesday that the aid was already paid out.`,
    );
    expect(courier.attributions.map((a) => `${a.speaker} ${a.verb}`)).toContain(
      'Gov. Michael L. Parson claimed',
    );
    expect(compareArticles([courier, wire]).attributions.asymmetries).toEqual([]);
  });

  it('makes no share-of-voice claim by nationality in a domestic story', () => {
    // Every speaker with a known side is on the "us" side: a side share would compare Americans with Americans.
    const sides = new Set(c.attributions.byArticle.flatMap((a) => a.sides.map((s) => s.side)));
    expect(sides.has('us')).toBe(true);
    expect(c.summary.claims.filter((cl) => / side /.test(cl.text))).toEqual([]);
    expect([c.attributions.sides, c.attributions.sidesCompared]).toEqual([['us'], false]);
    expect(c.attributions.asymmetries.filter((a) => a.kind === 'side')).toEqual([]);
    expect(sidesNotCompared(c.attributions)).toBe(
      'Sides are not compared: every speaker with a known side is on the same one (us).',
    );
  });

  it('gives every summary line its evidence: passages of the articles, as written', () => {
    expect(c.summary.claims.length).toBeGreaterThan(0);
    for (const claim of c.summary.claims) {
      expect(claim.passages.length).toBeGreaterThan(0);
      for (const p of claim.passages) expect(byId.get(p.articleId)!.text.slice(p.start, p.end)).toBe(p.text);
    }
  });

  it('finds the pair that shares wire sentences inside otherwise different copy', () => {
    expect(c.syndication.pairs.map((p) => `${p.a}~${p.b} ${p.kind} ${p.sharedCount}`)).toEqual([
      'courier~ledger partial 2',
    ]);
    for (const s of c.syndication.pairs[0].shared) expect(s.a.text).toBe(s.b.text);
  });
});

describe('summary when nothing strong differs', () => {
  it('says so plainly instead of filling lines', () => {
    const [courier] = floodStory();
    const twin = { ...courier, id: 'courier-2', source: 'Second Courier' };
    const c = compareArticles([courier, twin]);
    expect(c.summary.claims.map((cl) => cl.evidence.part)).toEqual(['syndication']);
  });
});
