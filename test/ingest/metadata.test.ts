import { cleanByline, documentTitle, pageMetadata, pdfMetadata } from '../../src/ingest/metadata';

const noSignals = { metas: [], jsonLd: [], timeDatePublished: [] };

describe('pageMetadata', () => {
  it('reads a NewsArticle in a JSON-LD @graph, following @id references to its author and publisher', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#org', name: 'Riverside Gazette' },
        { '@type': 'Person', '@id': '#roe', name: 'Jane Roe' },
        {
          '@type': ['NewsArticle', 'ReportageNewsArticle'],
          headline: 'Council approves shelter',
          datePublished: '2025-03-12T18:30:00-05:00',
          author: [{ '@id': '#roe' }, { '@type': 'Person', name: 'John Doe' }],
          publisher: { '@id': '#org' },
        },
      ],
    };
    expect(pageMetadata({ ...noSignals, jsonLd: [JSON.stringify(graph)] })).toEqual({
      source: 'Riverside Gazette',
      author: 'Jane Roe, John Doe',
      date: '2025-03-12T18:30:00-05:00',
    });
  });

  it('reads Open Graph and meta tags when there is no JSON-LD article', () => {
    expect(
      pageMetadata({
        metas: [
          { property: 'og:site_name', content: 'HuffPost' },
          { property: 'article:published_time', content: '2018-07-16T14:05:00Z' },
          { property: 'article:author', content: 'https://www.facebook.com/someone' },
          { name: 'byl', content: 'By  Jane Roe and John Doe' },
        ],
        jsonLd: ['{"@context":"https://schema.org","@type":"WebSite","name":"HuffPost"}'],
        timeDatePublished: [],
      }),
    ).toEqual({ source: 'HuffPost', author: 'Jane Roe and John Doe', date: '2018-07-16T14:05:00Z' });
  });

  it('prefers og:site_name to the JSON-LD publisher, which may be the parent company', () => {
    expect(
      pageMetadata({
        metas: [{ property: 'og:site_name', content: 'Fox News' }],
        jsonLd: [
          '{"@context":"http://schema.org","@type":"NewsArticle","author":"Jane Roe","publisher":{"@type":"Organization","name":"Fox News Network, LLC"}}',
        ],
        timeDatePublished: [],
      }).source,
    ).toBe('Fox News');
  });

  it('skips a broken JSON-LD block and falls back to a <time itemprop="datePublished">', () => {
    expect(
      pageMetadata({
        metas: [],
        jsonLd: ['{"@type": "NewsArticle",'],
        timeDatePublished: ['', '2021-04-10'],
      }),
    ).toEqual({ source: null, author: null, date: '2021-04-10' });
  });
});

describe('cleanByline', () => {
  it('drops a leading "By" and refuses addresses', () => {
    expect([cleanByline('BY JANE ROE'), cleanByline('https://example.com/jane'), cleanByline('  ')]).toEqual([
      'JANE ROE',
      null,
      null,
    ]);
  });
});

describe('documentTitle', () => {
  it('keeps a headline and refuses file names, "Untitled" and Word’s print title', () => {
    expect(
      ['Council approves shelter', 'draft3.docx', 'Untitled', 'Microsoft Word - shelter story', ''].map(
        documentTitle,
      ),
    ).toEqual(['Council approves shelter', null, null, null, null]);
  });
});

describe('pdfMetadata', () => {
  it('takes the outlet from a publisher field only, never from Author, Creator or Producer', () => {
    expect(
      pdfMetadata({
        info: {
          Title: 'Council approves shelter',
          Author: 'jroe',
          Creator: 'Chrome',
          Producer: 'Skia/PDF m120',
        },
        xmp: null,
      }),
    ).toEqual({ title: 'Council approves shelter', source: null });
    expect(
      pdfMetadata({ info: { Title: 'x.pdf', Custom: { Publisher: 'Riverside Gazette' } }, xmp: null }),
    ).toEqual({ title: null, source: 'Riverside Gazette' });
    expect(
      pdfMetadata({ info: {}, xmp: { 'dc:title': 'Shelter vote', 'dc:publisher': ['The Gazette'] } }),
    ).toEqual({ title: 'Shelter vote', source: 'The Gazette' });
  });
});
