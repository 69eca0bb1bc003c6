import { compareArticles } from '../../src/compare';
import { article, show } from './helpers';

const LEAD = 'Fighting resumed in the east of the country after a week of relative calm.';
const WIRE =
  'Rebel commanders claimed the humanitarian convoy carried weapons across the Luhansk border crossing on Tuesday.';
const WORDINGS = [
  'Local officials said the humanitarian convoy carried food across the Luhansk border crossing on Tuesday.',
  'Aid workers said the humanitarian convoy carried blankets across the Luhansk border crossing on Tuesday.',
];

/** Six outlets: four run the same wire sentence, two word the fact their own way. */
function wireHeavy() {
  const bodies = [WIRE, WIRE, WORDINGS[0], WIRE, WORDINGS[1], WIRE];
  return bodies.map((s, i) =>
    article(`0${i + 1}-outlet`, `Outlet ${i + 1}`, 'Convoy crosses border', `${LEAD}\n\n${s}`),
  );
}

describe('alignFacts', () => {
  const c = compareArticles(wireHeavy());
  const group = c.alignment.groups.find((g) => g.members.some((m) => m.text === WIRE))!;

  it('groups every copy and every wording of one fact', () => {
    expect(group.articles).toEqual([
      '01-outlet',
      '02-outlet',
      '03-outlet',
      '04-outlet',
      '05-outlet',
      '06-outlet',
    ]);
  });

  it('marks the same words in every copy of the same text', () => {
    const copies = group.members.filter((m) => m.text === WIRE).map((m) => JSON.stringify(m.segments));
    expect(new Set(copies).size).toBe(1);
  });

  it('marks each wording against the other wordings, not against its own copies', () => {
    expect(
      show
        .facts(c)
        .find((f) => f.includes('Rebel'))!
        .split(' || '),
    ).toEqual([
      '01-outlet#2 [Rebel] [commanders] [claimed] the humanitarian convoy carried [weapons] across the Luhansk border crossing on Tuesday.',
      '02-outlet#2 [Rebel] [commanders] [claimed] the humanitarian convoy carried [weapons] across the Luhansk border crossing on Tuesday.',
      '03-outlet#2 [Local] [officials] said the humanitarian convoy carried [food] across the Luhansk border crossing on Tuesday.',
      '04-outlet#2 [Rebel] [commanders] [claimed] the humanitarian convoy carried [weapons] across the Luhansk border crossing on Tuesday.',
      '05-outlet#2 [Aid] [workers] said the humanitarian convoy carried [blankets] across the Luhansk border crossing on Tuesday.',
      '06-outlet#2 [Rebel] [commanders] [claimed] the humanitarian convoy carried [weapons] across the Luhansk border crossing on Tuesday.',
    ]);
  });

  it('marks nothing in a group whose members are all one text', () => {
    const lead = c.alignment.groups.find((g) => g.members[0].text === LEAD)!;
    expect(lead.differs).toBe(false);
    expect(lead.members.every((m) => m.segments.length === 1 && !m.segments[0].differs)).toBe(true);
  });
});
