/**
 * Right-to-left overrides and embeddings in what users type (comparison
 * titles, sources, article titles, authors) are isolated wherever the pages
 * show them, so they cannot reverse the page's own words, counts or dates.
 */
import request from 'supertest';
import { makeApp, type TestApp } from './helpers';

const RLO = '\u202e';
const LRE = '\u202a';
const OVERRIDES = /[\u202a-\u202e]/g;

/**
 * What of a page's text is not isolated: the page without its <bdi> elements,
 * balanced FSI…PDI isolates, attribute values, the <title> (plain text, shown
 * by the browser on its own), form fields' contents (values, not display) and
 * the paragraphs of article and headline text (each paragraph a block: an
 * override in it ends with it, Unicode Standard Annex #9, rule P1).
 */
function unisolated(html: string): string {
  let rest = html
    .replace(/<div class="article-text[^"]*">(?:<p>(?:(?!<\/p>)[\s\S])*<\/p>\s*)*<\/div>/g, '')
    .replace(/<bdi>[^<]*<\/bdi>/g, '')
    .replace(/="[^"]*"/g, '=""')
    .replace(/<title>[^<]*<\/title>/g, '')
    .replace(/<textarea[^>]*>[^<]*<\/textarea>/g, '');
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/[\u2066-\u2068][^\u2066-\u2069]*\u2069/g, '');
  }
  return rest;
}

describe('bidi isolation on the pages', () => {
  let t: TestApp;
  let id: string;
  let articleId: string;
  beforeAll(async () => {
    t = await makeApp();
    id = (
      await request(t.app)
        .post('/api/comparisons')
        .send({ title: `${RLO}Talks in Kyiv` })
        .expect(201)
    ).body.id;
    const texts = [
      `source: ${RLO}Daily Ledger\ntitle: ${LRE}Talks fail\nauthor: ${RLO}Ann Lee\ndate: 2021-04-12\n\nOfficials said the talks in Kiev failed on Tuesday, and the minister denied it.\n`,
      `source: Evening Wire\ntitle: Talks collapse\ndate: 2021-04-12\n\nThe minister said the talks in Kyiv collapsed, officials claimed.\n`,
    ];
    for (const text of texts)
      await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text }).expect(201);
    articleId = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body.articles[0].id;
  });
  afterAll(() => t.close());

  it.each([
    ['the comparison page', () => `/comparisons/${id}`],
    ['an article page', () => `/comparisons/${id}/articles/${articleId}`],
    ['the list of comparisons', () => '/'],
    ['the lexicons page of the comparison', () => `/comparisons/${id}/lexicons`],
  ])('isolates every override on %s', async (_name, url) => {
    const res = await request(t.app).get(url()).expect(200);
    expect(res.text.match(OVERRIDES)?.length).toBeGreaterThan(0);
    expect(unisolated(res.text).match(OVERRIDES)).toBeNull();
  });

  it('shows the user strings themselves, escaped, inside <bdi>', async () => {
    const page = (await request(t.app).get(`/comparisons/${id}`).expect(200)).text;
    expect(page).toContain(`<h1><bdi>${RLO}Talks in Kyiv</bdi>`);
    expect(page).toContain(`<bdi>${LRE}Talks fail</bdi>`);
    expect(page).toContain(`<bdi>${RLO}Ann Lee</bdi>`);
  });
});
