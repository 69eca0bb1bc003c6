import request from 'supertest';
import { closeExtractor } from '../../src/ingest/extract';
import { makeDocx, makePdf } from '../fixtures/files/make';
import { binaryParser, formClient, KYIV_LEDGER, makeApp, MOSCOW_HERALD, type TestApp } from './helpers';
import { countRows } from '../helpers/databases';

let t: TestApp;
let id: string;
beforeEach(async () => {
  t = await makeApp({ FRAMELENS_MAX_FILE_MB: '0.05', FRAMELENS_MAX_FILES: '3' });
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Donbas' }).expect(201)).body.id;
});
afterEach(() => t.close());
afterAll(() => closeExtractor());

const countArticles = () => countRows(t.store, 'articles');

describe('POST /api/comparisons/:id/articles', () => {
  it('stores several files of different types in one request (201)', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from(KYIV_LEDGER), 'kyiv-ledger.txt')
      .attach(
        'files',
        makeDocx(['Officials in Kiev said the militia had broken the ceasefire.']),
        'wire.docx',
      )
      .attach('files', await makePdf(['The separatists in Donbass said the talks had failed.']), 'herald.pdf')
      .expect(201);
    expect(
      res.body.articles.map((a: { source: string; fileName: string }) => [a.source, a.fileName]),
    ).toEqual([
      ['Kyiv Ledger', 'kyiv-ledger.txt'],
      ['wire', 'wire.docx'],
      ['herald', 'herald.pdf'],
    ]);
    expect(res.body.articles[0]).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      title: 'Shelling continues in Donbas',
      date: '2021-04-10',
      wordCount: expect.any(Number),
    });
    expect(await countArticles()).toBe(3);
  });

  it('applies source, title and date fields given with the files', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .field('source', 'Meridian Wire')
      .field('title', 'Ceasefire broken')
      .field('date', '2021-04-12')
      .attach('files', Buffer.from('Officials in Kyiv said the ceasefire was broken.'), 'wire.txt')
      .expect(201);
    expect(res.body.articles[0]).toMatchObject({
      source: 'Meridian Wire',
      title: 'Ceasefire broken',
      date: '2021-04-12',
    });
  });

  it("keeps each file's own metadata when text is pasted in the same upload", async () => {
    // The form's source, title and date fields sit under the paste box: they describe the paste only.
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from(KYIV_LEDGER), 'kyiv-ledger.txt')
      .attach('files', Buffer.from(MOSCOW_HERALD), 'moscow-herald.txt')
      .field('text', 'Officials in Kyiv said the talks had failed again on Tuesday.')
      .field('source', 'Evening Courier')
      .field('title', 'Talks fail again')
      .field('date', '2021-04-13')
      .expect(201);
    expect(
      res.body.articles.map((a: { source: string; title: string; date: string }) => [
        a.source,
        a.title,
        a.date,
      ]),
    ).toEqual([
      ['Kyiv Ledger', 'Shelling continues in Donbas', '2021-04-10'],
      ['Moscow Herald', 'Kiev regime escalates in Donbass', '2021-04-11'],
      ['Evening Courier', 'Talks fail again', '2021-04-13'],
    ]);
  });

  it('stores pasted text sent as JSON', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .send({
        text: 'Officials in Kyiv said the talks failed.',
        source: 'Pasted Post',
        title: 'Talks',
        date: '2021-04-13',
      })
      .expect(201);
    expect(res.body.articles[0]).toMatchObject({
      source: 'Pasted Post',
      title: 'Talks',
      date: '2021-04-13',
      fileName: null,
    });
  });

  it('is all-or-nothing: one bad file rejects the batch and lists every problem', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from(KYIV_LEDGER), 'good.txt')
      .attach('files', Buffer.from(''), 'empty.txt')
      .attach('files', Buffer.from([0x41, 0x00, 0x42]), 'binary.txt')
      .expect(422);
    expect(res.body.error.message).toMatch(
      /^2 of 3 files could not be read; nothing from this upload was stored/,
    );
    expect(res.body.error.details.map((d: { file: string; status: number }) => [d.file, d.status])).toEqual([
      ['empty.txt', 422],
      ['binary.txt', 422],
    ]);
    expect(await countArticles()).toBe(0);
  });

  it('answers 415 for an unsupported file type', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]), 'photo.png')
      .expect(415);
    expect(res.body.error.message).toMatch(/^photo\.png: a PNG image, not an article/);
  });

  it('answers 415 for a request that is neither multipart nor JSON', async () => {
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
  });

  it('answers 413 for a file over the size limit', async () => {
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.alloc(60 * 1024, 'a'), 'big.txt')
      .expect(413);
    expect(res.body.error.message).toBe('big.txt: larger than the limit of 51 KB per file');
    expect(res.body.error.details[0]).toMatchObject({ file: 'big.txt', status: 413 });
    expect(await countArticles()).toBe(0);
  });

  it('answers 413 for too many files', async () => {
    let req = request(t.app).post(`/api/comparisons/${id}/articles`);
    for (let i = 0; i < 4; i++)
      req = req.attach('files', Buffer.from(`Article ${i} said the talks failed.`), `a${i}.txt`);
    const res = await req.expect(413);
    expect(res.body.error.message).toBe('too many files: at most 3 per upload');
  });

  it('answers 413 for a JSON body over the limit', async () => {
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .send({ text: 'word '.repeat(30000) })
      .expect(413);
  });

  it('answers 400 for files in the wrong field and for an empty request', async () => {
    const wrong = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('file', Buffer.from('text'), 'a.txt')
      .expect(400);
    expect(wrong.body.error.message).toBe(
      "unexpected file field 'file'; send the articles in the field 'files'",
    );
    await request(t.app).post(`/api/comparisons/${id}/articles`).send({}).expect(400);
  });

  it('answers 422 for empty pasted text and text with no words', async () => {
    await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: '   ' }).expect(422);
    const res = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .send({ text: '… — !!! ???' })
      .expect(422);
    expect(res.body.error.message).toBe('pasted text: no words to analyse');
  });

  it('answers 400 for a bad date field', async () => {
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .send({ text: 'Officials said so.', date: 'yesterday' })
      .expect(400);
  });

  it('answers 404 for an unknown comparison', async () => {
    await request(t.app)
      .post('/api/comparisons/nope/articles')
      .send({ text: 'Officials said so.' })
      .expect(404);
  });
});

describe('PATCH and DELETE /api/comparisons/:id/articles/:articleId', () => {
  let articleId: string;
  beforeEach(async () => {
    articleId = (
      await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201)
    ).body.articles[0].id;
  });

  it('re-labels an article and the analysis follows', async () => {
    const res = await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${articleId}`)
      .send({ source: 'Kyiv Ledger (print)', date: '2021-04-09', title: null })
      .expect(200);
    expect(res.body.article).toMatchObject({
      source: 'Kyiv Ledger (print)',
      date: '2021-04-09',
      title: null,
    });
    const json = await request(t.app).get(`/api/comparisons/${id}`).expect(200);
    expect(json.body.articles[0]).toMatchObject({
      source: 'Kyiv Ledger (print)',
      date: '2021-04-09',
      title: null,
    });
  });

  it('answers 400 for an empty source or nothing to change', async () => {
    await request(t.app)
      .patch(`/api/comparisons/${id}/articles/${articleId}`)
      .send({ source: '  ' })
      .expect(400);
    await request(t.app).patch(`/api/comparisons/${id}/articles/${articleId}`).send({}).expect(400);
  });

  it('answers 404 for an unknown article or comparison', async () => {
    await request(t.app).patch(`/api/comparisons/${id}/articles/nope`).send({ source: 'x' }).expect(404);
    await request(t.app)
      .patch(`/api/comparisons/nope/articles/${articleId}`)
      .send({ source: 'x' })
      .expect(404);
  });

  it('gets one article', async () => {
    const res = await request(t.app).get(`/api/comparisons/${id}/articles/${articleId}`).expect(200);
    expect(res.body.article).toMatchObject({ id: articleId, source: 'Kyiv Ledger' });
  });

  it('removes an article (204), then 404', async () => {
    await request(t.app).delete(`/api/comparisons/${id}/articles/${articleId}`).expect(204);
    await request(t.app).delete(`/api/comparisons/${id}/articles/${articleId}`).expect(404);
    expect(await countArticles()).toBe(0);
  });
});

describe('article pages and forms', () => {
  it('uploads from the form without JavaScript and redirects back', async () => {
    await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/articles`)
      .attach('files', Buffer.from(KYIV_LEDGER), 'kyiv.txt')
      .expect(303)
      .expect('Location', `/comparisons/${id}`);
    await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/articles`)
      .field('text', MOSCOW_HERALD)
      .expect(303);
    expect(await countArticles()).toBe(2);
  });

  it('shows a rejected form upload as an error page naming the file', async () => {
    const res = await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/articles`)
      .attach('files', Buffer.from('x'), 'notes.xyz')
      .expect(415)
      .expect('Content-Type', /html/);
    expect(res.text).toContain('notes.xyz: unsupported file type &#39;.xyz&#39;');
  });

  it('edits and removes an article from the forms', async () => {
    const articleId = (
      await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201)
    ).body.articles[0].id;
    await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/articles/${articleId}`)
      .type('form')
      .send({ source: 'Renamed', title: 'New title', date: '' })
      .expect(303);
    expect(await t.store.getArticle(id, articleId)).toMatchObject({
      source: 'Renamed',
      title: 'New title',
      date: null,
    });
    await (await formClient(t.app)).post(`/comparisons/${id}/articles/${articleId}/delete`).expect(303);
    expect(await countArticles()).toBe(0);
  });

  it('returns a refused edit to the same form with its message and the values typed', async () => {
    const articleId = (
      await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201)
    ).body.articles[0].id;
    const page = await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/articles/${articleId}`)
      .type('form')
      .send({ source: 'Kyiv Ledger <b>', title: 'Shelling resumes', date: '13/07/2018' })
      .expect(400)
      .expect('Content-Type', /html/);
    expect(page.text).toMatch(
      /<p class="form-error" role="alert">field &#39;date&#39; must be a date such as/,
    );
    expect(page.text).toContain('value="13/07/2018"');
    expect(page.text).toContain('value="Shelling resumes"');
    expect(page.text).toContain('value="Kyiv Ledger &lt;b&gt;"');
    expect(await t.store.getArticle(id, articleId)).toMatchObject({
      source: 'Kyiv Ledger',
      date: '2021-04-10',
    });
    // Typed the way people write it, the same date is stored in ISO form.
    await (
      await formClient(t.app)
    )
      .post(`/comparisons/${id}/articles/${articleId}`)
      .type('form')
      .send({ source: 'Kyiv Ledger', date: 'July 13, 2018' })
      .expect(303);
    expect(await t.store.getArticle(id, articleId)).toMatchObject({ date: '2018-07-13' });
  });

  it('shows the single-article view', async () => {
    const articleId = (
      await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201)
    ).body.articles[0].id;
    const page = await request(t.app).get(`/comparisons/${id}/articles/${articleId}`).expect(200);
    expect(page.text).toContain('Kyiv Ledger');
    expect(page.text).toContain('class="hl hl-loaded" tabindex="0"');
    expect(page.text).toContain('Who is quoted, with which verb');
    await request(t.app).get(`/comparisons/${id}/articles/nope`).expect(404);
  });

  it('serves the original file as a download, and 404 for pasted text', async () => {
    const docx = makeDocx(['Officials in Kyiv said the talks failed.']);
    const uploaded = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', docx, 'wire.docx')
      .expect(201);
    const res = await request(t.app)
      .get(`/comparisons/${id}/articles/${uploaded.body.articles[0].id}/original`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=wire.docx');
    expect(Buffer.compare(res.body as Buffer, docx)).toBe(0);
    const pasted = await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .send({ text: 'Officials said so.' })
      .expect(201);
    await request(t.app)
      .get(`/comparisons/${id}/articles/${pasted.body.articles[0].id}/original`)
      .expect(404);
  });
});
