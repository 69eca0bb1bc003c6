import { compareArticles } from '../../src/compare';
import { removeFlags } from '../../src/core/flags';
import { headlineAnalysis } from '../../src/core/headline';
import { closeExtractor } from '../../src/ingest/extract';
import { decodeUpload } from '../../src/ingest/read';
import {
  buildReport,
  CUES_CSV_COLUMNS,
  flagLines,
  FORMATS,
  renderCsv,
  renderCuesCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  type Report,
} from '../../src/report';
import { contrastPair } from '../compare/articles';
import { analyzer } from '../compare/helpers';

const META = {
  title: 'Ryabkov and the convoy',
  eventDate: '2021-04-12',
  createdAt: '2021-04-13T08:00:00.000Z',
};

/** The contrast pair with the Eastern Herald's "Rebel" dismissed, and both headlines analysed. */
function pairReport(): Report {
  const [east, west] = contrastPair();
  const rebel = east.hits.find((h) => h.entry === 'rebels')!;
  const dismissed = [
    {
      articleId: east.id,
      kind: rebel.lexicon,
      entry: rebel.entry,
      start: rebel.start,
      end: rebel.end,
      text: 'Rebel',
    },
  ];
  const analyses = [removeFlags(east, dismissed), west];
  return buildReport({
    analyses,
    headlines: analyses.map((a) => headlineAnalysis(analyzer, a)!),
    comparison: compareArticles(analyses),
    dismissed,
    lexicons: analyzer.versions,
  });
}

const REBEL_SENTENCE =
  'Rebel commanders claimed the 40-truck convoy that reached Donetsk on Monday carried weapons for the front line.';

/** A CSV's rows as records by column (the test input has no quoted line breaks). */
function records(csv: string): Record<string, string>[] {
  const [header, ...rows] = csv.trimEnd().split('\r\n');
  const cells = (line: string) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
      .slice(0, -1)
      .map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]));
  const names = cells(header);
  return rows.map((r) => Object.fromEntries(cells(r).map((c, i) => [names[i], c])));
}

describe('headlines in the report', () => {
  const report = pairReport();

  it('are analysed apart from the body, with offsets into the title', () => {
    expect(report.headlines.map((h) => h.text)).toEqual([
      'Moscow denies ministerial talks as Kiev disputes convoy cargo',
      'Ryabkov says no talks with Washington at minister level',
    ]);
    for (const h of report.headlines)
      for (const hit of h.hits) expect(h.text.slice(hit.start, hit.end)).toBe(hit.text);
    // "denies" is in the Herald's headline, not its body.
    expect(report.headlines[0].hits.map((h) => h.text)).toEqual(['denies', 'Kiev']);
    expect(report.articles[0].hits.some((h) => h.text === 'denies')).toBe(false);
  });

  it('go in the JSON next to the articles, naming entries from the one entries map', () => {
    const json = JSON.parse(renderJson(report));
    expect(json.headlines.map((h: { id: string }) => h.id)).toEqual(['eastern-herald', 'western-ledger']);
    const deny = json.headlines[0].hits[0];
    expect(deny).toMatchObject({ lexicon: 'reporting-verbs', entry: 'deny', start: 7, end: 13 });
    expect(deny.category).toBeUndefined();
    expect(json.entries['reporting-verbs'].deny.citation).toEqual(expect.any(String));
  });

  it('are listed with their flags in the Markdown and HTML reports', () => {
    const md = renderMarkdown(report);
    expect(md).toMatch(
      /## Headlines[\s\S]*- \*\*Eastern Herald\*\*: Moscow denies ministerial talks as Kiev disputes convoy cargo\n {2}- “Moscow … denies”: Attribution: Moscow \(organization\); Verb "denies": stance denial, indirect speech\n {2}- “Kiev”: Naming variant/,
    );
    const html = renderHtml(report);
    const section = /<section id="headlines">[\s\S]*?<\/section>/.exec(html)![0];
    expect(section).toMatch(/<span class="hl hl-naming"[^>]*>Kiev<\/span>/);
    expect(section).toContain('<li><bdi>“Ryabkov … says”: Attribution: Sergei Ryabkov');
    // At the top: before the articles' columns.
    expect(html.indexOf('id="headlines"')).toBeLessThan(html.indexOf('id="articles"'));
  });
});

describe('flagLines', () => {
  it('gives a span flagged twice one line with both reasons, and an attribution one line for speaker and verb', () => {
    const headline = headlineAnalysis(analyzer, contrastPair()[0])!;
    const kiev = headline.hits.find((h) => h.text === 'Kiev')!;
    // The same span as a loaded term too, as a comparison's own lexicon can make it.
    const twice = {
      ...headline,
      hits: [
        ...headline.hits,
        {
          ...kiev,
          lexicon: 'loaded-terms' as const,
          entry: 'kiev-spelling',
          category: 'delegitimising-label',
        },
      ],
    };
    expect(flagLines(twice)).toEqual([
      '“Moscow … denies”: Attribution: Moscow (organization); Verb "denies": stance denial, indirect speech',
      "“Kiev”: Loaded term: delegitimising label (in the outlet's paraphrase of a speaker); Naming variant: kyiv → kiev (in the outlet's paraphrase of a speaker)",
    ]);
  });
});

describe('the findings CSV', () => {
  const rows = records(renderCsv(pairReport()));

  it('gives each finding its article’s outlet, title, date and URL and its sentence', () => {
    const claimed = rows.find((r) => r.part === 'body' && r.text === 'claimed')!;
    expect(claimed).toMatchObject({
      article_id: 'eastern-herald',
      source: 'Eastern Herald',
      title: 'Moscow denies ministerial talks as Kiev disputes convoy cargo',
      date: '2021-04-12',
      finding: 'reporting-verbs',
      sentence: expect.stringMatching(/^Russian Deputy Foreign Minister Sergei Ryabkov claimed on Saturday/),
    });
  });

  it('lists headline findings with offsets into the title', () => {
    const headline = rows.filter((r) => r.part === 'headline' && r.article_id === 'eastern-herald');
    expect(headline.map((r) => `${r.start}-${r.end} ${r.finding}:${r.text}`)).toEqual([
      '0-61 attribution:ministerial talks as Kiev disputes convoy cargo',
      '7-13 reporting-verbs:denies',
      '35-39 naming-variants:Kiev',
    ]);
    for (const r of headline) expect(r.sentence).toBe(r.title);
  });

  it('leaves frame cues and actor mentions to the cues sheet', () => {
    expect(rows.some((r) => r.finding === 'frames' || r.finding === 'actors')).toBe(false);
  });

  it('gives a dismissed flag its sentence', () => {
    expect(rows.find((r) => r.finding === 'dismissed')).toMatchObject({
      text: 'Rebel',
      sentence: REBEL_SENTENCE,
    });
  });
});

describe('the cues CSV', () => {
  const report = pairReport();
  const csv = renderCuesCsv(report);
  const rows = records(csv);

  it('has one row per frame cue or actor mention, each the slice of its text', () => {
    expect(csv.split('\r\n')[0]).toBe(CUES_CSV_COLUMNS.join(','));
    expect(new Set(rows.map((r) => r.cue))).toEqual(new Set(['frame', 'actor']));
    const troops = rows.find((r) => r.text === 'troops')!;
    expect(troops).toMatchObject({
      cue: 'frame',
      entry: 'security-defense',
      part: 'body',
      voice: 'reported',
    });
    expect(troops.sentence).toMatch(/^The Kremlin has moved thousands of troops/);
    for (const r of rows) {
      const a =
        r.part === 'headline'
          ? report.headlines.find((h) => h.id === r.article_id)!
          : report.articles.find((x) => x.id === r.article_id)!;
      expect(a.text.slice(Number(r.start), Number(r.end))).toBe(r.text);
    }
    // The Ledger's headline names Ryabkov: an actor cue in the headline.
    expect(rows).toContainEqual(
      expect.objectContaining({
        article_id: 'western-ledger',
        part: 'headline',
        text: 'Ryabkov',
        start: '0',
      }),
    );
  });

  it('is a row of the table of formats, downloading as a file of its own', () => {
    expect(FORMATS.cues).toMatchObject({ extension: 'csv', nameSuffix: '-cues' });
  });
});

describe('the PDF report', () => {
  afterAll(() => closeExtractor());

  it('is laid out for A4 and for US Letter', async () => {
    const report = pairReport();
    const a4 = await FORMATS.pdf.render(report, META);
    const letter = await FORMATS['pdf-letter'].render(report, META);
    expect(a4.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(letter.toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });

  it('has the HTML report’s sections and lists dismissed flags by their words and sentence', async () => {
    // Read back as an upload is read: the report's text layer, page numbers and all.
    const pdf = await FORMATS.pdf.render(pairReport(), META);
    const { text } = await decodeUpload({ originalname: 'report.pdf', buffer: pdf });
    const flat = text.replace(/\s+/g, ' ');
    const sections = [
      'Articles',
      'Headlines',
      'Summary',
      'Loaded language by source and voice',
      'Naming alignment',
      'Attributions',
      'Asymmetries',
      'Same quotation, different treatment',
      'Prominence',
      'Frame profiles',
      'Omissions',
      'Syndication',
      'Dismissed flags',
    ];
    let at = 0;
    for (const s of sections) {
      const found = flat.indexOf(s, at);
      expect([s, found >= 0]).toEqual([s, true]);
      at = found + s.length;
    }
    expect(flat).toContain('“Moscow … denies”: Attribution');
    expect(flat).toContain(`“Rebel” in “${REBEL_SENTENCE}”`);
    expect(flat).toMatch(/Evidence: /);
    expect(flat).not.toMatch(/Rebel” at \d+-\d+/);
  });
});
