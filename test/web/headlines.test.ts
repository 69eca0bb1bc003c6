import request from 'supertest';
import { KYIV_LEDGER, makeApp, MOSCOW_HERALD, type TestApp } from './helpers';

let t: TestApp;
let id: string;
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
  for (const text of [KYIV_LEDGER, MOSCOW_HERALD])
    await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text }).expect(201);
});
afterEach(() => t.close());

/** The headlines section of the comparison page. */
async function headlines(): Promise<string> {
  const page = await request(t.app).get(`/comparisons/${id}`).expect(200);
  const m = /<section aria-labelledby="headlines-heading"[\s\S]*?<\/section>/.exec(page.text);
  if (!m) throw new Error('no headlines section on the page');
  return m[0];
}

describe('headlines on the comparison page', () => {
  it('shows every headline side by side with its own flags', async () => {
    const section = await headlines();
    expect(section).toContain('A</span> <bdi>Kyiv Ledger</bdi>');
    expect(section).toContain('B</span> <bdi>Moscow Herald</bdi>');
    // "Kiev regime escalates in Donbass": a loaded term and two naming variants, highlighted in the headline.
    expect(section).toMatch(/<span class="hl hl-loaded"[^>]*>regime</);
    // Each flagged span once, saying whose words it is, with its reasons.
    expect(section).toMatch(
      /<li>“<bdi>regime<\/bdi>” <span class="flag-voice">the outlet’s own words<\/span> <span class="flag-reason"><span class="flag-kind">Loaded term</,
    );
    expect(section).toMatch(
      /<li>“<bdi>Kiev<\/bdi>” <span class="flag-voice">[^<]+<\/span> <span class="flag-reason"><span class="flag-kind">Naming variant</,
    );
  });

  it('keeps the headline out of the body’s counts', async () => {
    const api = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body;
    const herald = api.articles[1];
    // "regime" is in the headline and once in the body; only the body's counts.
    expect(herald.hits.filter((h: { entry: string }) => h.entry === 'regime')).toHaveLength(1);
    expect(herald.hits.every((h: { start: number }) => h.start >= herald.text.indexOf('The Kiev'))).toBe(
      true,
    );
  });

  it('analyses the headline as edited', async () => {
    const herald = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body.articles[1];
    await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${herald.id}`)
      .send({ title: 'Shelling reported in Donbas' })
      .expect(200);
    const section = await headlines();
    expect(section).not.toContain('“<bdi>regime</bdi>”');
    expect(section).toMatch(
      /B<\/span> <bdi>Moscow Herald<\/bdi>[\s\S]*> reported in Donbas<[\s\S]*“<bdi>Shelling<\/bdi>” <span class="flag-voice">[^<]+<\/span> <span class="flag-reason"><span class="flag-kind">Loaded term</,
    );
  });
});
