/**
 * Issue 13, items 8 and 9: a flag of a headline can be dismissed like a
 * body flag. The dismissal says it belongs to the headline; the headline's
 * analysis loses the flag, the body's keeps its own, and the reports list it
 * as a headline flag.
 */
import request from 'supertest';
import { formClient, KYIV_LEDGER, makeApp, MOSCOW_HERALD, type TestApp } from './helpers';

interface Hit {
  lexicon: string;
  entry: string;
  start: number;
  end: number;
}

let t: TestApp;
let id: string;
let heraldId: string;
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
  for (const text of [KYIV_LEDGER, MOSCOW_HERALD])
    await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text }).expect(201);
  heraldId = (await t.store.listArticles(id))[1].id;
});
afterEach(() => t.close());

/** The comparison as the API shows it. */
async function comparison(): Promise<{
  articles: { hits: Hit[] }[];
  headlines: { id: string; text: string; hits: Hit[] }[];
  dismissed: { part: string; text: string; sentence: string }[];
}> {
  return (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body;
}

/** The Moscow Herald's headline flag of an entry ("Kiev regime escalates in Donbass"), as a dismissal names it. */
async function headlineFlag(entry: string, nth = 0) {
  const headline = (await comparison()).headlines.find((h) => h.id === heraldId)!;
  const h = headline.hits.filter((x) => x.entry === entry)[nth];
  if (!h) throw new Error(`no headline flag '${entry}' in ${JSON.stringify(headline.text)}`);
  return { articleId: heraldId, part: 'headline', kind: h.lexicon, entry, start: h.start, end: h.end };
}

const entries = (hits: Hit[]) => hits.map((h) => `${h.start}-${h.end} ${h.entry}`);

/** The headlines section of the comparison page. */
async function headlinesSection(): Promise<string> {
  const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
  return /<section aria-labelledby="headlines-heading"[\s\S]*?<\/section>/.exec(page.text)![0];
}

describe('dismissing a headline flag', () => {
  it('removes it from the headline, keeps the body’s flag of the same entry, and lists it as a headline flag', async () => {
    const regime = await headlineFlag('regime');
    expect(regime).toMatchObject({ start: 5, end: 11 });
    const res = await request(t.app).post(`/api/comparisons/${id}/dismissals`).send(regime).expect(201);
    expect(res.body.dismissal).toMatchObject({ ...regime, text: 'regime' });

    const after = await comparison();
    expect(entries(after.headlines[1].hits)).toEqual(['0-4 kiev', '25-32 donbass']);
    expect(after.articles[1].hits.map((h) => h.entry)).toContain('regime');
    expect(after.dismissed).toMatchObject([
      { part: 'headline', text: 'regime', sentence: 'Kiev regime escalates in Donbass' },
    ]);
    const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
    expect(page.text).toMatch(
      /id="dismissed"[\s\S]*<bdi>Moscow Herald<\/bdi>: loaded-terms “<bdi>regime<\/bdi>” in the headline/,
    );
  });

  it('dismisses from the form under the headline flags and restores from the dismissed list', async () => {
    const section = await headlinesSection();
    // One form per reason under the headline's flags, each naming the headline part.
    const forms = section.match(
      /<form method="post" action="\/comparisons\/[^"]+\/dismissals"[\s\S]*?<\/form>/g,
    )!;
    // "Shelling" in the Ledger's; "Kiev", "regime" and "Donbass" in the Herald's.
    expect(forms).toHaveLength(4);
    expect(forms.every((f) => f.includes('name="part" value="headline"'))).toBe(true);
    const regimeForm = forms.find((f) => f.includes('value="regime"') && f.includes(`value="${heraldId}"`))!;
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(regimeForm)![1];
    const client = await formClient(t.app);
    await client
      .post(`/comparisons/${id}/dismissals`)
      .type('form')
      .send(
        Object.fromEntries(['articleId', 'part', 'kind', 'entry', 'start', 'end'].map((n) => [n, field(n)])),
      )
      .expect(303)
      .expect('Location', `/comparisons/${id}#headlines`);
    expect(await headlinesSection()).not.toContain('“<bdi>regime</bdi>”');
    const [d] = await t.store.listDismissals(id);
    expect(d).toMatchObject({ part: 'headline', entry: 'regime', text: 'regime' });
    await client.post(`/comparisons/${id}/dismissals/${d.id}/delete`).expect(303);
    expect(await headlinesSection()).toContain('“<bdi>regime</bdi>”');
  });

  it('keeps a headline dismissal and a body dismissal at the same offsets apart', async () => {
    // Pasted with no front matter, then titled: "regime" lies at 5-11 of both the body and the title.
    const wire = (
      await request(t.app)
        .post(`/api/comparisons/${id}/articles`)
        .send({ text: 'Kiev regime troops shelled Donbass, the ministry said.' })
        .expect(201)
    ).body.articles[0].id;
    await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${wire}`)
      .send({ title: 'Kiev regime escalates in Donbass' })
      .expect(200);
    const regime = { articleId: wire, kind: 'loaded-terms', entry: 'regime', start: 5, end: 11 };
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ ...regime, part: 'headline' })
      .expect(201);
    let after = await comparison();
    expect(after.headlines[2].hits.map((h) => h.entry)).not.toContain('regime');
    expect(entries(after.articles[2].hits)).toContain('5-11 regime');
    // Without a part, a dismissal is of the body's flag.
    await request(t.app).post(`/api/comparisons/${id}/dismissals`).send(regime).expect(201);
    expect((await t.store.listDismissals(id)).map((d) => `${d.part} ${d.start}-${d.end} ${d.text}`)).toEqual([
      'headline 5-11 regime',
      'body 5-11 regime',
    ]);
    after = await comparison();
    expect(after.articles[2].hits.map((h) => h.entry)).not.toContain('regime');
  });

  it('refuses a part it does not know and a flag the headline does not have, naming them', async () => {
    const regime = await headlineFlag('regime');
    const bad = await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ ...regime, part: 'title' })
      .expect(400);
    expect(bad.body.error.message).toBe("field 'part' must be 'body' or 'headline'");
    // The body's "regime" is not at the headline's offsets.
    const missing = await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ ...regime, start: 40, end: 46 })
      .expect(422);
    expect(missing.body.error.message).toBe(
      "No loaded-terms flag 'regime' at 40-46 in this article's headline",
    );
    // An article with no title has no headline flags.
    await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${heraldId}`)
      .send({ title: null })
      .expect(200);
    await request(t.app).post(`/api/comparisons/${id}/dismissals`).send(regime).expect(422);
    expect(await t.store.listDismissals(id)).toEqual([]);
  });

  it('lists the headline dismissal in every report by its words and the headline', async () => {
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send(await headlineFlag('regime'))
      .expect(201);
    const md = (await request(t.app).get(`/comparisons/${id}/report.md`).expect(200)).text;
    expect(md).toContain('“regime” in the headline “Kiev regime escalates in Donbass”');
    const html = (await request(t.app).get(`/comparisons/${id}/report.html`).expect(200)).text;
    expect(html).toContain(
      '“<bdi>regime</bdi>” in the headline “<bdi>Kiev regime escalates in Donbass</bdi>”',
    );
    const csv = (await request(t.app).get(`/comparisons/${id}/report.csv`).expect(200)).text;
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    const columns = header.split(',');
    const dismissed = rows
      .map((r) => r.split(','))
      .find((r) => r[columns.indexOf('finding')] === 'dismissed')!;
    expect(dismissed[columns.indexOf('part')]).toBe('headline');
    expect(dismissed[columns.indexOf('text')]).toBe('regime');
  });
});

describe('editing a title', () => {
  it('keeps the headline dismissals whose flag is still in the same sentence and drops the rest', async () => {
    await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${heraldId}`)
      .send({ title: 'Kiev regime escalates in Donbass. Kiev talks stall' })
      .expect(200);
    const regime = await headlineFlag('regime');
    const talks = await headlineFlag('kiev', 1);
    expect(talks).toMatchObject({ start: 34, end: 38 });
    for (const flag of [regime, talks])
      await request(t.app).post(`/api/comparisons/${id}/dismissals`).send(flag).expect(201);

    const res = await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${heraldId}`)
      .send({ title: 'Shelling resumes. Kiev regime escalates in Donbass. Kiev talks collapse' })
      .expect(200);
    const [kept] = await t.store.listDismissals(id);
    expect(res.body.dismissals).toEqual({
      kept: [{ id: kept.id, start: 23, end: 29 }],
      dropped: [
        {
          id: expect.any(String),
          part: 'headline',
          kind: 'naming-variants',
          entry: 'kiev',
          text: 'Kiev',
          sentence: 'Kiev talks stall',
        },
      ],
    });
    expect(await t.store.listDismissals(id)).toMatchObject([
      { part: 'headline', entry: 'regime', start: 23, end: 29, text: 'regime' },
    ]);
    const headline = (await comparison()).headlines[1];
    expect(headline.hits.map((h) => h.entry)).not.toContain('regime');
    expect(entries(headline.hits)).toContain('52-56 kiev');
  });

  it('drops every headline dismissal when the title is removed, and keeps them on other edits', async () => {
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send(await headlineFlag('regime'))
      .expect(201);
    // A new source, or a corrected body, leaves the headline as it was.
    await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${heraldId}`)
      .send({ source: 'Herald' })
      .expect(200);
    await request(t.app)
      .put(`/api/comparisons/${id}/articles/${heraldId}/text`)
      .send({ text: 'The ministry said civilians were shelled in Donbass.' })
      .expect(200);
    expect(await t.store.listDismissals(id)).toMatchObject([{ part: 'headline', entry: 'regime' }]);

    const client = await formClient(t.app);
    await client
      .post(`/comparisons/${id}/articles/${heraldId}`)
      .type('form')
      .send({ source: 'Herald', title: '', date: '2021-04-11' })
      .expect(303);
    expect(await t.store.listDismissals(id)).toEqual([]);
  });
});
