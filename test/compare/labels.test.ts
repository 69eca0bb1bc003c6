import { distinguishingLabels } from '../../src/compare/text';

const article = (id: string, source: string, date: string | null, title: string | null) => ({
  id,
  source,
  date,
  title,
});

describe('distinguishingLabels', () => {
  it('names an outlet alone when it has one article, and by date, title, both or place when it has more', () => {
    const labels = distinguishingLabels([
      article('a', 'Fox News', '2018-07-16', 'Trump meets Putin'),
      article('b', 'New York Times', '2018-07-16', 'Trump and Putin meet in Helsinki'),
      article('c', 'New York Times', '2018-07-17', 'Trump and Putin meet in Helsinki'),
      article(
        'd',
        'HuffPost',
        '2018-07-16',
        'Trump sides with Putin over his own intelligence agencies at summit',
      ),
      article('e', 'HuffPost', '2018-07-16', 'What the summit means'),
      article('f', 'HuffPost', null, null),
    ]);
    expect([...labels.values()]).toEqual([
      'Fox News',
      'New York Times, 2018-07-16',
      'New York Times, 2018-07-17',
      'HuffPost, “Trump sides with Putin over his own intelligence…”',
      'HuffPost, “What the summit means”',
      'HuffPost, article 3 of 3',
    ]);
  });
});
