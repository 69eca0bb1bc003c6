import request from 'supertest';
import { formClient, KYIV_LEDGER, makeApp, MOSCOW_HERALD, type TestApp } from './helpers';

let t: TestApp;
let id: string;
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
});
afterEach(() => t.close());

interface ApiArticle {
  id: string;
  source: string;
  text: string;
  hits: { lexicon: string; entry: string; start: number; end: number }[];
}
const comparison = async () => (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body;
const upload = async (text: string) =>
  (await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text }).expect(201)).body;

describe('correcting an article’s text', () => {
  let herald: ApiArticle;
  beforeEach(async () => {
    await upload(KYIV_LEDGER);
    await upload(MOSCOW_HERALD);
    herald = (await comparison()).articles[1];
    for (const entry of ['regime', 'flagrant-provocation']) {
      const h = herald.hits.find((x) => x.entry === entry)!;
      await request(t.app)
        .post(`/api/comparisons/${id}/dismissals`)
        .send({ articleId: herald.id, kind: h.lexicon, entry, start: h.start, end: h.end })
        .expect(201);
    }
  });

  /** The herald's body with a paragraph added before it and its second sentence reworded. */
  const CORRECTED = `Officials met in Minsk on Monday.

The Kiev regime, which came to power in a coup, is shelling civilians in Donbass, the ministry said.

The people's militia said it would answer any flagrant provocation.
`;

  it('analyses the new text, keeps a dismissal whose flag is still in the same sentence and lists one whose sentence changed', async () => {
    const res = await request(t.app)
      .put(`/api/comparisons/${id}/articles/${herald.id}/text`)
      .send({ text: CORRECTED })
      .expect(200);
    expect(res.body.dismissals.kept).toHaveLength(1);
    expect(res.body.dismissals.dropped).toEqual([
      {
        id: expect.any(String),
        part: 'body',
        kind: 'loaded-terms',
        entry: 'flagrant-provocation',
        text: 'flagrant provocation',
        sentence:
          "The people's militia said it would respond to any flagrant provocation by Kiev, whose troops cost a billion.",
      },
    ]);
    const after = await comparison();
    const text: string = after.articles[1].text;
    expect(text.endsWith(CORRECTED)).toBe(true);
    expect(text).toMatch(/^source: Moscow Herald\n/);
    // The kept dismissal moved with its words, and still hides the flag; the dropped one's flag is back.
    // In the body, not the front matter's title.
    const regime = text.indexOf('Kiev regime,') + 'Kiev '.length;
    expect(
      after.dismissed.map((d: { entry: string; start: number; end: number }) => [d.entry, d.start, d.end]),
    ).toEqual([['regime', regime, regime + 'regime'.length]]);
    const entries = after.articles[1].hits.map((h: { entry: string }) => h.entry);
    expect(entries).not.toContain('regime');
    expect(entries).toContain('flagrant-provocation');
    expect(after.articles[1].hits.find((h: { entry: string }) => h.entry === 'coup').start).toBe(
      text.indexOf('coup'),
    );
  });

  it('drops a dismissal whose words changed, even in the same place', async () => {
    const res = await request(t.app)
      .put(`/api/comparisons/${id}/articles/${herald.id}/text`)
      .send({
        text: MOSCOW_HERALD.slice(MOSCOW_HERALD.indexOf('The Kiev')).replace(
          'Kiev regime',
          'Kiev government',
        ),
      })
      .expect(200);
    expect(res.body.dismissals.dropped.map((d: { entry: string }) => d.entry)).toEqual(['regime']);
    expect(res.body.dismissals.kept).toHaveLength(1);
  });

  it('from the form, redirects to the page that lists the dismissals that no longer apply, so a reload sends nothing', async () => {
    const form = await formClient(t.app);
    const posted = await form
      .post(`/comparisons/${id}/articles/${herald.id}/text`)
      .type('form')
      .send({ text: CORRECTED.replace(/\n/g, '\r\n') })
      .expect(303);
    const location = posted.headers.location;
    expect(location).toMatch(
      new RegExp(`^/comparisons/${id}/articles/${herald.id}\\?corrected=[\\w-]+#corrected$`),
    );
    const textBefore = (await comparison()).articles[1].text;
    // The page after the redirect, and the same page reloaded: the notice both times, the text stored once.
    for (let load = 0; load < 2; load++) {
      const page = await form.agent.get(location.replace(/#.*/, '')).expect(200);
      expect(page.text).toMatch(/id="corrected"[\s\S]*1 dismissal still applies/);
      expect(page.text).toMatch(
        /no longer apply[\s\S]*loaded-terms “<bdi>flagrant provocation<\/bdi>” in “<bdi>The people&#39;s militia said/,
      );
    }
    expect((await comparison()).articles[1].text).toBe(textBefore);
    // The notice belongs to its article: the other article's page with the same key shows none.
    const other = (await comparison()).articles[0].id;
    const otherPage = await form.agent
      .get(`/comparisons/${id}/articles/${other}${location.slice(location.indexOf('?')).replace(/#.*/, '')}`)
      .expect(200);
    expect(otherPage.text).not.toContain('id="corrected"');
    // Line ends as the browser sent them are stored as LF.
    expect((await comparison()).articles[1].text).not.toContain('\r');
  });

  it('refuses empty text and returns to the form with the message', async () => {
    const form = await formClient(t.app);
    const page = await form
      .post(`/comparisons/${id}/articles/${herald.id}/text`)
      .type('form')
      .send({ text: '  \r\n ' })
      .expect(400);
    expect(page.text).toMatch(
      /id="correct-text" open[\s\S]*role="alert">field &#39;text&#39; must not be empty/,
    );
    expect((await comparison()).dismissed).toHaveLength(2);
  });

  it('opens the form when the comparison page’s “Correct the text” link is followed', async () => {
    const columns = (await request(t.app).get(`/comparisons/${id}`).expect(200)).text;
    const href = new RegExp(
      `href="(/comparisons/${id}/articles/${herald.id}\\?edit=text)#correct-text">Correct the text<`,
    );
    const link = href.exec(columns)?.[1];
    expect(link).toBeDefined();
    expect((await request(t.app).get(link!).expect(200)).text).toContain('id="correct-text" open>');
    // Without it, the form stays folded.
    const plain = await request(t.app).get(`/comparisons/${id}/articles/${herald.id}`).expect(200);
    expect(plain.text).toContain('id="correct-text">');
  });
});

describe('renaming a comparison', () => {
  it('changes the title and the event date through the API', async () => {
    const res = await request(t.app)
      .patch(`/api/comparisons/${id}`)
      .send({ title: 'Donbas shelling, April 2021', eventDate: 'April 10, 2021' })
      .expect(200);
    expect(res.body).toMatchObject({ id, title: 'Donbas shelling, April 2021', eventDate: '2021-04-10' });
    const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(page.text).toContain('<h1><bdi>Donbas shelling, April 2021');
    expect(page.text).toContain('Event 2021-04-10');
  });

  it('from the form, and a refused date returns to the form with the values typed', async () => {
    const form = await formClient(t.app);
    await form
      .post(`/comparisons/${id}/edit`)
      .type('form')
      .send({ title: 'Helsinki', eventDate: '' })
      .expect(303);
    expect(await t.store.getComparison(id)).toMatchObject({ title: 'Helsinki', eventDate: null });
    const refused = await form
      .post(`/comparisons/${id}/edit`)
      .type('form')
      .send({ title: 'Helsinki summit', eventDate: 'the day after' })
      .expect(400);
    expect(refused.text).toMatch(/role="alert">field &#39;eventDate&#39; must be a date/);
    expect(refused.text).toContain('value="Helsinki summit"');
    expect(refused.text).toContain('value="the day after"');
    expect((await t.store.getComparison(id))!.title).toBe('Helsinki');
  });
});

describe('duplicate uploads', () => {
  it('reports an upload with the same text as a stored article, and the copy can be dropped', async () => {
    const first = await upload(KYIV_LEDGER);
    expect(first.duplicates).toEqual([]);
    // The same article pasted again, with other line breaks and no front matter.
    const body = KYIV_LEDGER.slice(KYIV_LEDGER.indexOf('Officials')).replace(/\n\n/g, '\n');
    const second = await upload(body);
    expect(second.duplicates).toEqual([{ id: second.articles[0].id, sameAs: first.articles[0].id }]);
    const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(page.text).toMatch(
      /id="duplicates"[\s\S]*<bdi>B · Pasted text<\/bdi> has the same text as <bdi>A · Kyiv Ledger<\/bdi>/,
    );
    const form = await formClient(t.app);
    await form.post(`/comparisons/${id}/articles/${second.articles[0].id}/delete`).expect(303);
    const after = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(after.text).not.toContain('id="duplicates"');
  });
});

describe('naming articles on the page', () => {
  it('tells two articles from one outlet apart by date, or by title when the dates match, never by id', async () => {
    await upload(KYIV_LEDGER);
    await upload(KYIV_LEDGER.replace('2021-04-10', '2021-04-12').replace('Officials', 'Ministers'));
    let page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(page.text).toContain('Kyiv Ledger, 2021-04-10');
    expect(page.text).toContain('Kyiv Ledger, 2021-04-12');
    await upload(
      KYIV_LEDGER.replace('Shelling continues', 'Ceasefire broken').replace('Officials', 'Monitors'),
    );
    page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    // The first now shares its date with the third and its title with the second: both tell it apart.
    expect(page.text).toContain(
      'class="source"><bdi>Kyiv Ledger, 2021-04-10, “Shelling continues in Donbas”</bdi><',
    );
    expect(page.text).toContain('class="source"><bdi>Kyiv Ledger, 2021-04-12</bdi><');
    expect(page.text).toContain('class="source"><bdi>Kyiv Ledger, “Ceasefire broken in Donbas”</bdi><');
    const ids = (await comparison()).articles.map((a: ApiArticle) => a.id);
    for (const articleId of ids) expect(page.text).not.toContain(`(${articleId})`);
  });

  it('shows an article whose file named no outlet as "unknown outlet" with the file name; its JSON source stays the file name', async () => {
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach(
        'files',
        Buffer.from(' date 2021-04-10 Russia has not decided to send troops, the Kremlin said on Saturday.'),
        '000_d8f5a990ccd71f66.txt',
      )
      .expect(201);
    await upload(KYIV_LEDGER);
    const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(page.text).toMatch(/class="source"><bdi>unknown outlet \(000_d8f5a990ccd71f66\.txt\)<\/bdi></);
    expect((await comparison()).articles[0].source).toBe('000_d8f5a990ccd71f66');
  });
});
