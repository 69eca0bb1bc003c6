import request from 'supertest';
import { formClient, makeApp, MOSCOW_HERALD, type TestApp } from './helpers';

let t: TestApp;
let id: string;
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: MOSCOW_HERALD }).expect(201);
  // A comparison's own lexicon makes "Kiev" a loaded term too: one span, two reasons.
  const lexicon = {
    kind: 'loaded-terms',
    entries: [
      {
        id: 'kiev-spelling',
        patterns: ['Kiev'],
        category: 'delegitimising-label',
        domain: 'conflict',
        alternatives: ['Kyiv'],
        note: 'The Russian-derived spelling, read as a stance.',
        citation: 'Ukrainian government #KyivNotKiev campaign (2018)',
      },
    ],
  };
  const form = await formClient(t.app);
  await form
    .post(`/comparisons/${id}/lexicons`)
    .set('Accept', 'application/json')
    .attach('lexicon', Buffer.from(JSON.stringify(lexicon)), 'kiev.json')
    .expect(201);
});
afterEach(() => t.close());

/** The items of the body's flags list, each as its words, voice and reasons on one line. */
async function flagItems(): Promise<string[]> {
  const page = (await request(t.app).get(`/comparisons/${id}`).expect(200)).text;
  const list = /<details class="flags">[\s\S]*?<\/details>/.exec(page)![0];
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
    m[1]
      .replace(/<form[\s\S]*?<\/form>/g, '')
      // A flag's words are isolated in a <bdi>: its text reads as one word with them.
      .replace(/<\/?bdi>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('the flags list', () => {
  it('shows a span flagged twice once, with both reasons, and says whose words it is', async () => {
    const kiev = (await flagItems()).filter((f) => f.startsWith('“Kiev”'));
    // "The Kiev regime …, the ministry said" is reported; "… by Kiev" is in the militia's reported words.
    expect(kiev).toEqual([
      '“Kiev” reported: the outlet’s paraphrase of a speaker Loaded term delegitimising label Naming variant kyiv: Russian-derived spelling.',
      '“Kiev” reported: the outlet’s paraphrase of a speaker Loaded term delegitimising label Naming variant kyiv: Russian-derived spelling.',
    ]);
    const items = await flagItems();
    expect(items).toContainEqual(expect.stringMatching(/^“people&#39;s militia” the outlet’s own words /));
    // A reporting verb that carries an attribution: one item, the outlet's word choice, both reasons.
    expect(items).toContainEqual(
      '“said” the outlet’s own words Reporting verb neutral Attribution the ministry, neutral indirect speech',
    );
  });

  it('dismisses one reason of a span and keeps the other', async () => {
    const api = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body;
    const herald = api.articles[0];
    const kiev = herald.hits.find((h: { entry: string }) => h.entry === 'kiev-spelling');
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({
        articleId: herald.id,
        kind: 'loaded-terms',
        entry: 'kiev-spelling',
        start: kiev.start,
        end: kiev.end,
      })
      .expect(201);
    const items = (await flagItems()).filter((f) => f.startsWith('“Kiev”'));
    expect(items).toEqual([
      '“Kiev” reported: the outlet’s paraphrase of a speaker Naming variant kyiv: Russian-derived spelling.',
      '“Kiev” reported: the outlet’s paraphrase of a speaker Loaded term delegitimising label Naming variant kyiv: Russian-derived spelling.',
    ]);
  });
});
