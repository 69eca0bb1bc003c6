import request from 'supertest';
import { binaryParser, KYIV_LEDGER, makeApp, MOSCOW_HERALD, type TestApp } from './helpers';

let t: TestApp;
let id: string;
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas shelling — Київ' }).expect(201))
    .body.id;
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201);
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: MOSCOW_HERALD }).expect(201);
});
afterEach(() => t.close());

describe('GET /comparisons/:id/report.:format', () => {
  it.each([
    ['json', /application\/json/],
    ['csv', /text\/csv/],
    ['md', /text\/markdown/],
    ['html', /text\/html/],
    ['cues', /text\/csv/],
  ])('downloads the %s report as an attachment', async (format, type) => {
    const res = await request(t.app)
      .get(`/comparisons/${id}/report.${format}`)
      .expect(200)
      .expect('Content-Type', type);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename=framelens-donbas-shelling${format === 'cues' ? '-cues.csv' : `.${format}`}`,
    );
    expect(res.text).toContain('Moscow Herald');
  });

  it('gives the same JSON as the API', async () => {
    const report = await request(t.app).get(`/comparisons/${id}/report.json`).expect(200);
    const api = await request(t.app).get(`/api/comparisons/${id}`).expect(200);
    expect(JSON.parse(report.text)).toEqual(api.body);
  });

  it('downloads a PDF that is byte-identical on every request', async () => {
    const a = await request(t.app)
      .get(`/comparisons/${id}/report.pdf`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const b = await request(t.app)
      .get(`/comparisons/${id}/report.pdf`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect(a.headers['content-disposition']).toBe('attachment; filename=framelens-donbas-shelling.pdf');
    expect((a.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(a.body as Buffer, b.body as Buffer)).toBe(0);
    const letter = await request(t.app)
      .get(`/comparisons/${id}/report.pdf-letter`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    expect(letter.headers['content-disposition']).toBe(
      'attachment; filename=framelens-donbas-shelling-letter.pdf',
    );
    expect((letter.body as Buffer).toString('latin1')).toContain('/MediaBox [0 0 612 792]');
  });

  it('links every download from the comparison page', async () => {
    const page = (await request(t.app).get(`/comparisons/${id}`).expect(200)).text;
    const links = [...page.matchAll(/href="\/comparisons\/[^/]+\/report\.([\w-]+)" download>([^<]+)</g)].map(
      (m) => `${m[1]}=${m[2]}`,
    );
    expect(links).toEqual([
      'json=JSON',
      'csv=CSV',
      'cues=Cues CSV',
      'md=Markdown',
      'html=HTML',
      'pdf=PDF (A4)',
      'pdf-letter=PDF (US Letter)',
    ]);
  });

  it('reports a comparison with one article (comparison null)', async () => {
    const one = (await request(t.app).post('/api/comparisons').send({ title: 'Single' }).expect(201)).body.id;
    await request(t.app).post(`/api/comparisons/${one}/articles`).send({ text: KYIV_LEDGER }).expect(201);
    for (const format of ['json', 'csv', 'md', 'html', 'pdf'])
      await request(t.app).get(`/comparisons/${one}/report.${format}`).expect(200);
    const json = await request(t.app).get(`/comparisons/${one}/report.json`).expect(200);
    expect(JSON.parse(json.text).comparison).toBeNull();
  });

  it('answers 404 for an unknown format or comparison', async () => {
    await request(t.app).get(`/comparisons/${id}/report.docx`).expect(404);
    await request(t.app).get('/comparisons/nope/report.json').expect(404);
  });

  it('lists dismissed flags in every report by their words and sentence', async () => {
    const SENTENCE =
      'The Kiev regime, which came to power in a coup, is shelling civilians in Donbass, the ministry said.';
    const api = await request(t.app).get(`/api/comparisons/${id}`).expect(200);
    const article = api.body.articles[1];
    const coup = article.hits.find((h: { entry: string }) => h.entry === 'coup');
    await request(t.app)
      .post(`/api/comparisons/${id}/dismissals`)
      .send({ articleId: article.id, kind: 'loaded-terms', entry: 'coup', start: coup.start, end: coup.end })
      .expect(201);
    const json = JSON.parse((await request(t.app).get(`/comparisons/${id}/report.json`)).text);
    expect(json.dismissed).toEqual([
      {
        articleId: article.id,
        source: 'Moscow Herald',
        part: 'body',
        sentence: SENTENCE,
        kind: 'loaded-terms',
        entry: 'coup',
        text: 'coup',
        start: coup.start,
        end: coup.end,
      },
    ]);
    expect((await request(t.app).get(`/comparisons/${id}/report.md`)).text).toMatch(
      `## Dismissed flags\n\n- Moscow Herald: loaded-terms \`coup\` — “coup” in “${SENTENCE}”\n`,
    );
    expect((await request(t.app).get(`/comparisons/${id}/report.html`)).text).toMatch(
      `<section id="dismissed"><h2>Dismissed flags</h2><ul><li><bdi>Moscow Herald</bdi>: loaded-terms <code>coup</code> — “<bdi>coup</bdi>” in “<bdi>${SENTENCE}</bdi>”</li>`,
    );
    expect((await request(t.app).get(`/comparisons/${id}/report.csv`)).text).toContain(
      `,body,dismissed,coup,loaded-terms:coup,,,,"${SENTENCE}",${coup.start},${coup.end}`,
    );
    const pdf = await request(t.app)
      .get(`/comparisons/${id}/report.pdf`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect((pdf.body as Buffer).length).toBeGreaterThan(1000);
  });
});
