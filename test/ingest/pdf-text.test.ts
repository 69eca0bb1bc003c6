import { isNavigationLine, pdfPagesToText, type PdfLine } from '../../src/ingest/pdf-text';

/** A stand-in vocabulary: the words these tests break across lines. */
const VOCABULARY = new Set(['government', 'cooperate', 'shelter']);
const isWord = (w: string) => VOCABULARY.has(w);

/** Points per character of 11-point body type, near Helvetica's average. */
const CHAR = 5.5;
const LEADING = 13;

/**
 * Lays lines out as a printed page does, top to bottom in a column at x = 72:
 * an empty string is paragraph spacing, "# " starts an 18-point headline, a
 * leading ">" indents the line by three characters.
 */
function page(lines: string[]): PdfLine[] {
  let y = 800;
  const out: PdfLine[] = [];
  for (const raw of lines) {
    if (raw === '') {
      y -= 7;
      continue;
    }
    const headline = raw.startsWith('# ');
    const indent = raw.startsWith('>') ? 3 * CHAR : 0;
    const text = raw.replace(/^# |^>/, '');
    const size = headline ? 18 : 11;
    const width = text.length * CHAR * (size / 11);
    y -= headline ? 24 : LEADING;
    out.push({ text, left: 72 + indent, right: 72 + indent + width, baseline: y, size });
  }
  return out;
}

const PAGE_ONE = page([
  'Riverside Gazette | Council approves shelter',
  '# Council approves shelter',
  'By Jane Roe',
  '',
  'The council voted on Tuesday to open the shelter in the former',
  'hotel on Route 9, ending months of debate about where the town',
  'would house the families waiting for their claims to be heard',
  'by the national government, which promised help last winter.',
  '',
  'Residents said the plan was rushed. A builder who asked for a',
  'delay said the building needed new wiring before anyone could',
  'live there, and that the state had not sent its inspectors to',
  '1',
]);
const PAGE_TWO = page([
  'Riverside Gazette | Council approves shelter',
  'the site since the hotel closed in 2019.',
  '',
  'The mayor said the shelter would open in May and would house up',
  'to 120 people while their asylum claims are processed by the',
  'national gov-',
  'ernment, which promised money.',
  'Home | World | U.S. | Politics | Sport',
  'Advertisement',
  '',
  'A well-known local landlord said the council should have asked',
  'the neighbours who live closest to the hotel first, and a well-',
  'known charity said it would help residents co-',
  'operate with the shelter, as it has helped them co-operate before.',
  'https://www.riverside-gazette.example/2025/03/12/shelter 2/2',
  '2',
]);

describe('pdfPagesToText', () => {
  const text = pdfPagesToText([PAGE_ONE, PAGE_TWO], isWord);
  const paragraphs = text.split('\n\n');

  it('joins wrapped lines into paragraphs, ending one at paragraph spacing and at a change of type size', () => {
    expect(paragraphs.slice(0, 3)).toEqual([
      'Council approves shelter',
      'By Jane Roe',
      'The council voted on Tuesday to open the shelter in the former hotel on Route 9, ending months of debate about where the town would house the families waiting for their claims to be heard by the national government, which promised help last winter.',
    ]);
  });

  it('carries a paragraph across a page break', () => {
    expect(paragraphs[3]).toBe(
      'Residents said the plan was rushed. A builder who asked for a delay said the building needed new wiring before anyone could live there, and that the state had not sent its inspectors to the site since the hotel closed in 2019.',
    );
  });

  it('drops the running head, the page numbers, the menu, the advertisement slot and the printed address', () => {
    expect(text).not.toMatch(/Riverside Gazette|^\d$|Home \||Advertisement|https:/m);
  });

  it('joins a word broken at a line end when the joined word is a word', () => {
    expect(paragraphs[4]).toBe(
      'The mayor said the shelter would open in May and would house up to 120 people while their asylum claims are processed by the national government, which promised money.',
    );
  });

  it('keeps real hyphens: a compound, and a word the text writes with one elsewhere', () => {
    expect(paragraphs[5]).toBe(
      'A well-known local landlord said the council should have asked the neighbours who live closest to the hotel first, and a well-known charity said it would help residents co-operate with the shelter, as it has helped them co-operate before.',
    );
    expect(paragraphs).toHaveLength(6);
  });

  it('without paragraph spacing, ends a paragraph where the next word would have fitted, or at an indented line', () => {
    const lines = page([
      'The council voted on Tuesday to open the shelter in the former',
      'hotel on Route 9, after a long debate.',
      'Residents said the plan was rushed, and a builder asked the',
      'council for a delay to put in new wiring before anyone could',
      'live there.',
      '>The mayor said the shelter would open in May and would house',
      'up to 120 people, and that the national gov-',
      'ernment would help residents co-',
      'operate with its caseworkers.',
    ]);
    expect(pdfPagesToText([lines], isWord).split('\n\n')).toEqual([
      'The council voted on Tuesday to open the shelter in the former hotel on Route 9, after a long debate.',
      'Residents said the plan was rushed, and a builder asked the council for a delay to put in new wiring before anyone could live there.',
      // Without "co-operate" written elsewhere, the vocabulary decides: "cooperate" is a word.
      'The mayor said the shelter would open in May and would house up to 120 people, and that the national government would help residents cooperate with its caseworkers.',
    ]);
  });

  it('keeps a line that heads one page only, and drops one that heads most', () => {
    const minutes = (head: string, votes: string) =>
      page([
        head,
        'The council met again on Tuesday evening.',
        votes,
        'The clerk read the minutes.',
        'Members approved them.',
        'The meeting closed.',
        '7',
      ]);
    const out = pdfPagesToText(
      [
        minutes('Council minutes', 'Votes: 5 to 2.'),
        minutes('Council minutes', 'Votes: 4 to 3.'),
        minutes('Appendix', 'None.'),
      ],
      isWord,
    );
    expect(out).not.toContain('Council minutes');
    expect(out).toContain('Appendix');
    expect(out).not.toMatch(/\b7\b/);
  });

  it('keeps the line breaks of a text too short to show its layout', () => {
    expect(pdfPagesToText([page(['Council approves shelter', 'The vote was 5 to 2.'])], isWord)).toBe(
      'Council approves shelter\n\nThe vote was 5 to 2.',
    );
  });
});

describe('isNavigationLine', () => {
  it('recognises menus, breadcrumbs, bare addresses and advertising slots', () => {
    expect(
      [
        'Home | World | U.S. | Politics',
        'News › World › Europe',
        'Sections\tSearch\tSubscribe',
        'www.foxnews.com/politics/trump-putin-helsinki 3/5',
        'ADVERTISEMENT',
      ].map(isNavigationLine),
    ).toEqual([true, true, true, true, true]);
  });

  it('leaves sentences alone, even with a pipe or a chevron in them', () => {
    expect(
      [
        'The vote was 5 | 2, a clerk wrote, and the mayor said "> 100" people came.',
        'Residents said the plan was rushed.',
        'Share prices fell.',
      ].map(isNavigationLine),
    ).toEqual([false, false, false]);
  });
});
