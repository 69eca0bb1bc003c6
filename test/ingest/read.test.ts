import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { closeExtractor } from '../../src/ingest/extract';
import { articleFromPaste, decodeUpload, IngestError, readArticleFile } from '../../src/ingest/read';
import { makeDocx, makePdf, makePrintedPdf, makeZip } from '../fixtures/files/make';

const up = (originalname: string, content: string | Buffer, mimetype?: string) => ({
  originalname,
  buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
  mimetype,
});

/** The IngestError a promise rejects with, as "status file: problem". */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof IngestError) return `${err.status} ${err.message}`;
    throw err;
  }
  throw new Error('expected an IngestError');
}

afterAll(() => closeExtractor());

const STORY = 'The council voted on Tuesday to open the shelter. Residents said the plan was rushed.';

describe('decodeUpload', () => {
  it('reads a .txt article with front matter', async () => {
    const a = await decodeUpload(
      up('gazette.txt', `source: Riverside Gazette\ntitle: Council vote\ndate: 2025-03-12\n\n${STORY}`),
    );
    expect([a.id, a.source, a.title, a.date]).toEqual([
      'gazette',
      'Riverside Gazette',
      'Council vote',
      '2025-03-12',
    ]);
    expect(a.text.slice(a.bodyStart)).toBe(STORY);
  });

  it('reads a .md article and falls back to the file name for the source', async () => {
    const a = await decodeUpload(up('heartland-voice.md', `# Shelter\n\n${STORY}`));
    expect(a.source).toBe('heartland-voice');
    expect(a.text).toContain('Residents said');
  });

  it('reduces HTML to its main text, paragraphs separated by blank lines, scripts dropped', async () => {
    const html = `<!doctype html><html><head><title>Shelter vote | Gazette</title><meta property="og:site_name" content="Riverside Gazette">
      <script>alert("x")</script></head><body><nav>Home · World · Sport</nav>
      <article><h1>Council approves shelter</h1><p>The council voted on Tuesday to open the shelter in the former hotel on Route 9, ending months of debate.</p>
      <p>Residents said the plan was rushed and that the town had not consulted the neighbours who live closest to the hotel.</p>
      <p>The mayor said the shelter would open in May and would house up to 120 people while their asylum claims are processed.</p>
      <script>document.write("<b>injected</b>")</script></article><footer>© Gazette</footer></body></html>`;
    const a = await decodeUpload(up('page.html', html));
    expect(a.source).toBe('Riverside Gazette');
    expect(a.title).toMatch(/Shelter vote|Council approves shelter/);
    expect(a.text).toMatch(/ending months of debate\.\n\nResidents said/);
    expect(a.text).not.toMatch(/alert|injected|document\.write/);
  });

  it('detects HTML by content when the file is called .txt', async () => {
    const a = await decodeUpload(
      up(
        'saved.txt',
        `<!DOCTYPE html><html><body><p>${STORY} It was a long meeting that ran past midnight and drew a large crowd.</p></body></html>`,
      ),
    );
    expect(a.text).not.toContain('<p>');
    expect(a.text).toContain('Residents said');
  });

  it('refuses HTML with no main text (422)', async () => {
    expect(
      await failure(
        decodeUpload(
          up('empty.html', '<html><head><script>var a=1</script></head><body><nav></nav></body></html>'),
        ),
      ),
    ).toBe('422 empty.html: the HTML page has no main text to analyse');
  });

  it('reads a .docx with mammoth, one paragraph per blank-line-separated block', async () => {
    const a = await decodeUpload(
      up('report.docx', makeDocx(['The council voted on Tuesday.', 'Residents said the plan was rushed.'])),
    );
    expect(a.text).toBe('The council voted on Tuesday.\n\nResidents said the plan was rushed.');
  });

  it('takes a .docx title from its document properties, not from a placeholder', async () => {
    const story = ['Council approves shelter', 'The council voted on Tuesday.'];
    const named = await decodeUpload(
      up('report.docx', makeDocx(story, { title: 'Council approves shelter' })),
    );
    const placeholder = await decodeUpload(up('draft.docx', makeDocx(story, { title: 'draft.docx' })));
    const none = await decodeUpload(up('plain.docx', makeDocx(story)));
    expect([named.title, placeholder.title, none.title]).toEqual(['Council approves shelter', null, null]);
  });

  it('reads the date, outlet and byline of an HTML page from its metadata', async () => {
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Trump and Putin meet in Helsinki',
      datePublished: '2018-07-16T10:00:00-04:00',
      author: [{ '@type': 'Person', name: 'Jane Roe' }],
      publisher: { '@type': 'Organization', name: 'Fox News Network' },
    };
    const html = `<!doctype html><html><head><title>Trump and Putin meet in Helsinki | Fox News</title>
      <meta property="og:site_name" content="Fox News"><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
      <body><article><h1>Trump and Putin meet in Helsinki</h1><p class="byline">By Someone Else</p>
      <p>President Trump met Russian President Vladimir Putin in Helsinki on Monday for talks that lasted more than two hours.</p>
      <p>The two leaders spoke to reporters afterwards and took questions about the investigation into election interference.</p>
      </article></body></html>`;
    const a = await decodeUpload(up('fox.html', html));
    expect([a.source, a.author, a.date]).toEqual(['Fox News', 'Jane Roe', '2018-07-16']);
  });

  it('reads a typed-out publication date in a page’s meta tags', async () => {
    const html = `<html><head><meta property="og:site_name" content="HuffPost"><meta name="pubdate" content="July 16, 2018">
      <meta name="author" content="By Jane Roe"></head><body><article>
      <p>President Trump met Russian President Vladimir Putin in Helsinki on Monday for talks that lasted more than two hours.</p>
      <p>The two leaders spoke to reporters afterwards and took questions about the investigation into election interference.</p>
      </article></body></html>`;
    const a = await decodeUpload(up('huffpost.html', html));
    expect([a.source, a.author, a.date]).toEqual(['HuffPost', 'Jane Roe', '2018-07-16']);
  });

  it('refuses a zip that is not a Word document (415)', async () => {
    expect(await failure(decodeUpload(up('notes.docx', makeZip({ 'notes.txt': STORY }))))).toMatch(
      /^415 notes\.docx: a zip archive but not a Word document/,
    );
  });

  it('refuses a .docx that is not a zip (415)', async () => {
    expect(await failure(decodeUpload(up('fake.docx', STORY)))).toBe(
      '415 fake.docx: named .docx but is not a Word document (not a zip archive)',
    );
  });

  it('refuses a .docx that unpacks to more than 64 MB as a zip bomb (422)', async () => {
    const bomb = makeZip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': Buffer.alloc(70 * 1024 * 1024, 0x20),
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await failure(decodeUpload(up('bomb.docx', bomb)))).toMatch(
      /^422 bomb\.docx: the \.docx unpacks to 70 MB .*zip bomb/,
    );
  });

  it('reads the text layer of a PDF', async () => {
    const a = await decodeUpload(
      up(
        'story.pdf',
        await makePdf([
          'The council voted on Tuesday to open the shelter.',
          'Residents said the plan was rushed.',
        ]),
      ),
    );
    expect(a.text).toContain('The council voted on Tuesday to open the shelter.');
    expect(a.text).toContain('Residents said the plan was rushed.');
    expect(a.text).not.toMatch(/-- 1 of 1 --/);
  });

  it('rebuilds a printed article: paragraphs joined, broken words mended, running heads and page numbers gone, title and outlet from the metadata', async () => {
    const paragraphs = [
      'Council approves shelter in former hotel',
      'The council voted on Tuesday to open the shelter in the former hotel on Route 9, ending months of debate about where the town would house the families waiting for their claims to be heard by the national gov-\nernment.',
      'Residents said the plan was rushed. A well-known local builder, who asked the council for a delay, said the building needed new wiring before anyone could live there safely.',
      'The mayor said the shelter would open in May and would house up to 120 people while their asylum claims are processed, and that the town would receive money from the state for every resident it took in.',
      'Opponents packed the meeting room and the hallway outside it. Several held signs asking the council to put the question to a town-wide vote, and one man was escorted out after shouting at the chairwoman.',
      'The chairwoman, Linda Park, said the council had held four public hearings since January and had changed the plan twice in response to what residents told it, cutting the number of beds from 200.',
      '"We heard people, and we listened," Ms. Park said after the vote. "Nobody on this council thinks this is easy, but these families are already here and they need somewhere to sleep."',
      'The hotel closed in 2019 after its owner fell behind on loans. The state bought it last year for $4.2 million and has leased it to the town for a dollar a year for ten years.',
      'A lawyer for a neighbourhood group said it would ask a judge to stop the work, arguing that the town had not studied the effect on traffic and on the elementary school a block away.',
      'State officials said the first families could move in before the end of May if the inspections went well. They said caseworkers, a nurse and two security guards would be on site around the clock.',
      'The vote was five to two. The two council members who voted against it said they supported a shelter in principle but wanted one in a building the town already owned, closer to the bus station.',
      'Construction crews are expected to start on Monday. The council will hear an update on the work at its next meeting, on April 8, when residents will again be able to speak.',
    ];
    const a = await decodeUpload(
      up(
        'printed.pdf',
        await makePrintedPdf({
          paragraphs,
          runningHead: 'Riverside Gazette · Council approves shelter',
          pageNumbers: true,
          info: { Title: 'Council approves shelter', Author: 'jroe', Publisher: 'Riverside Gazette' },
          columnWidth: 220,
        }),
      ),
    );
    expect([a.title, a.source, a.author]).toEqual(['Council approves shelter', 'Riverside Gazette', null]);
    expect(a.text.split('\n\n')).toEqual(paragraphs.map((p) => p.replace('gov-\n', 'gov')));
  });

  it('reads a PDF by its %PDF- header even when it is called .txt', async () => {
    const a = await decodeUpload(up('renamed.txt', await makePdf(['Residents said the plan was rushed.'])));
    expect(a.text).toContain('Residents said the plan was rushed.');
  });

  it('refuses a PDF without a text layer (422)', async () => {
    expect(await failure(decodeUpload(up('scan.pdf', await makePdf([]))))).toBe(
      '422 scan.pdf: the PDF has no text layer (a scanned image?); nothing to analyse',
    );
  });

  it('refuses a .pdf that is not a PDF (415)', async () => {
    expect(await failure(decodeUpload(up('fake.pdf', STORY)))).toBe(
      '415 fake.pdf: named .pdf but is not a PDF (no %PDF- header)',
    );
  });

  it('refuses empty and white-space-only files (422)', async () => {
    expect(await failure(decodeUpload(up('empty.txt', '')))).toBe('422 empty.txt: the file is empty');
    expect(await failure(decodeUpload(up('blank.txt', ' \n\t\n')))).toBe(
      '422 blank.txt: the file contains only white space',
    );
  });

  it('refuses binary content with NUL bytes (422)', async () => {
    expect(await failure(decodeUpload(up('data.txt', Buffer.from([0x41, 0x42, 0x00, 0x43]))))).toMatch(
      /^422 data\.txt: binary content \(a NUL byte at offset 2\)/,
    );
  });

  it('refuses invalid UTF-8 and says where (422)', async () => {
    expect(
      await failure(decodeUpload(up('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b])))),
    ).toMatch(/^422 latin1\.txt: not valid UTF-8 text \(byte offset 3\)/);
  });

  it('names a known binary format instead of guessing (415)', async () => {
    expect(
      await failure(
        decodeUpload(up('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))),
      ),
    ).toMatch(/^415 photo\.txt: a PNG image, not an article/);
  });

  it('refuses an unsupported extension (415)', async () => {
    expect(await failure(decodeUpload(up('sheet.xlsx.exe', 'MZ-not-really')))).toMatch(
      /^415 sheet\.xlsx\.exe: /,
    );
    expect(await failure(decodeUpload(up('notes.rtf', 'plain words')))).toBe(
      "415 notes.rtf: unsupported file type '.rtf'; framelens reads .txt, .md, .html, .htm, .docx, .pdf",
    );
  });

  it('decodes UTF-16 text with a byte-order mark', async () => {
    const a = await decodeUpload(
      up(
        'utf16.txt',
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('Київ and Kyiv. The council voted.', 'utf16le'),
        ]),
      ),
    );
    expect(a.text).toBe('Київ and Kyiv. The council voted.');
  });

  it('keeps a deflated zip bomb test honest: deflate really compresses', () => {
    expect(deflateRawSync(Buffer.alloc(1024 * 1024)).length).toBeLessThan(4096);
  });
});

describe('articleFromPaste', () => {
  it('lets typed metadata win over front matter', () => {
    const a = articleFromPaste({
      text: `source: Old Name\n\n${STORY}`,
      source: 'Heartland Voice',
      title: 'Shelter',
      date: '2025-03-13',
    });
    expect([a.source, a.title, a.date]).toEqual(['Heartland Voice', 'Shelter', '2025-03-13']);
  });

  it('names pasted text without a source', () => {
    expect(articleFromPaste({ text: STORY }).source).toBe('Pasted text');
  });

  it('refuses empty text and text with NUL characters (422)', () => {
    expect(() => articleFromPaste({ text: '   ' })).toThrow('pasted text: the text is empty');
    expect(() => articleFromPaste({ text: 'a\u0000b' })).toThrow(IngestError);
    expect(() => articleFromPaste({ text: 42 })).toThrow(
      "pasted text: expected a string field 'text' with the article",
    );
  });
});

describe('readArticleFile', () => {
  it('reads the seed article with its one-line date form', async () => {
    const a = await readArticleFile('seeds/2021-04-ukraine-contacts/000_d8f5a990ccd71f66.txt');
    expect([a.id, a.source, a.date]).toEqual(['000_d8f5a990ccd71f66', '000_d8f5a990ccd71f66', '2021-04-10']);
  });

  it('reads .docx files from disk like uploads', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-ingest-'));
    const file = path.join(dir, 'wire.docx');
    writeFileSync(file, makeDocx(['Officials said the talks would resume.']));
    const a = await readArticleFile(file);
    expect([a.id, a.text]).toEqual(['wire', 'Officials said the talks would resume.']);
  });

  it('names a missing file', async () => {
    expect(await failure(readArticleFile('no/such/file.txt'))).toBe(
      '422 no/such/file.txt: cannot read the file: ENOENT',
    );
  });
});
