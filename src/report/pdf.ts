/**
 * The PDF report, drawn with pdfkit in DejaVu Sans (bundled, so Cyrillic and
 * accented names print), on A4 or US Letter. It has the HTML report's
 * sections, as tables and lists an editor can print and hand on: the
 * articles and their headlines, the summary with its evidence, loaded
 * language by source and voice, naming, attributions and asymmetries, the
 * same quotation treated differently, prominence, frames, omissions,
 * syndication, and the dismissed flags by their words and sentence. Document
 * dates are fixed to the comparison's creation time, so the same comparison
 * always gives the same bytes.
 */
import { dismissedIn } from './build';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describeLoadedKinds } from '../compare/loaded';
import { FRAME_IDS } from '../lexicon/schema';
import { articleLabeller, articleLetter, pct } from '../compare/text';
import type { Comparison } from '../compare/types';
import { FRAME_LABELS, articleColour } from './charts';
import { flagLines } from './highlights';
import type { Report, ReportMeta } from './types';

const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

/** The paper sizes the report is laid out for. */
export type Paper = 'A4' | 'LETTER';

/** Page margin in points (18 mm): room for a printer's edge on either paper. */
const MARGIN = 50;

/**
 * How many items a long list prints before it points to the JSON and CSV
 * downloads: a printed report stays a few pages on a large comparison.
 */
const MAX_LISTED = 40;

const num = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? '—' : x.toFixed(digits);

/**
 * Renders the report as a PDF.
 * @param report - the comparison report (articles, headlines, comparison, dismissals)
 * @param meta - the comparison's title and creation time (used as the document date)
 * @param paper - A4 (default) or US Letter
 */
export function renderPdf(report: Report, meta: ReportMeta, paper: Paper = 'A4'): Promise<Buffer> {
  const date = new Date(meta.createdAt);
  const doc = new PDFDocument({
    size: paper,
    margin: MARGIN,
    compress: true,
    bufferPages: true,
    info: {
      Title: meta.title,
      Author: 'framelens',
      Subject: 'How outlets frame one event',
      Creator: 'framelens',
      Producer: 'framelens',
      CreationDate: date,
      ModDate: date,
    },
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  /** Starts a new page when less than `room` points are left on this one. */
  const keep = (room: number) => {
    if (doc.y + room > bottom()) doc.addPage();
  };
  const heading = (text: string, size = 14) => {
    keep(size * 4);
    doc.x = MARGIN;
    doc.moveDown(0.6).font('bold').fontSize(size).fillColor('#000000').text(text, { width });
    doc.moveDown(0.2).font('body').fontSize(10);
  };
  const para = (text: string, colour = '#000000') => {
    doc.x = MARGIN;
    doc.font('body').fontSize(10).fillColor(colour).text(text, { width, paragraphGap: 4 });
  };
  const bullet = (text: string, indent = 0) => {
    doc.x = MARGIN + indent;
    doc
      .font('body')
      .fontSize(9.5)
      .fillColor('#000000')
      .text(`• ${text}`, { width: width - indent, indent: 0, paragraphGap: 2 });
    doc.x = MARGIN;
  };
  /**
   * A table with a header row, repeated on each page it runs onto; `widths` are shares of the
   * text width. Drawn here rather than with pdfkit's `doc.table`, which measured each cell
   * several times and made a report with a dozen tables take seconds in DejaVu Sans.
   */
  const table = (headers: string[], rows: string[][], widths?: number[]) => {
    doc.x = MARGIN;
    if (!rows.length) return;
    const columns = (widths ?? headers.map(() => 1 / headers.length)).map((s) => s * width);
    const pad = 3;
    const row = (cells: string[], header: boolean) => {
      doc.font(header ? 'bold' : 'body').fontSize(8);
      const height =
        Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i] - 2 * pad }))) + 2 * pad;
      // A new page (with the header again) unless the row would not fit on an empty page either.
      if (doc.y + height > bottom() && doc.y > doc.page.margins.top + 1) {
        doc.addPage();
        if (!header) row(headers, true);
        doc.font('body').fontSize(8);
      }
      const top = doc.y;
      if (header) doc.rect(MARGIN, top, width, height).fill('#eeeeee');
      let x = MARGIN;
      cells.forEach((c, i) => {
        doc
          .fillColor('#000000')
          .text(c, x + pad, top + pad, { width: columns[i] - 2 * pad, lineBreak: true });
        doc.lineWidth(0.5).rect(x, top, columns[i], height).stroke('#bbbbbb');
        x += columns[i];
      });
      doc.x = MARGIN;
      doc.y = top + height;
    };
    keep(40);
    row(headers, true);
    for (const r of rows) row(r, false);
    doc.moveDown(0.5);
  };
  const label = articleLabeller(report.articles, ' · ');

  doc.font('bold').fontSize(20).text(meta.title, { width });
  para(
    `framelens comparison${meta.eventDate ? ` · event ${meta.eventDate}` : ''} · ${report.articles.length} articles · lexicons ${Object.values(report.lexicons).join(' ')}`,
    '#444444',
  );

  heading('Articles');
  table(
    ['', 'Outlet', 'Title', 'Date', 'Words', 'URL'],
    report.articles.map((a, i) => [
      articleLetter(i),
      a.source,
      a.title ?? '—',
      a.date ?? '—',
      String(a.wordCount),
      a.url ?? '—',
    ]),
    [0.05, 0.17, 0.36, 0.12, 0.08, 0.22],
  );

  heading('Headlines');
  para('Each headline analysed on its own; its flags do not count in the article’s rates.', '#555555');
  if (!report.headlines.length) para('No article has a headline.');
  for (const h of report.headlines) {
    keep(40);
    doc.x = MARGIN;
    doc.font('bold').fontSize(10).fillColor('#000000').text(label(h.id), { width });
    para(h.text);
    const flags = flagLines(h);
    if (!flags.length) para('No flags.', '#555555');
    for (const f of flags) bullet(f, 10);
  }

  const c = report.comparison;
  if (!c) {
    heading('Comparison');
    para('Fewer than two articles: add another article to compare framings.');
  } else comparisonSections(c);

  heading('Dismissed flags');
  if (!report.dismissed.length) para('None: every flag is shown.');
  for (const d of report.dismissed)
    bullet(`${label(d.articleId)}: ${d.kind} '${d.entry}' — “${d.text}” ${dismissedIn(d)} “${d.sentence}”`);

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#777777')
      .text(`${meta.title} · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN / 2 - 4, {
        width,
        align: 'center',
        lineBreak: false,
        height: 10,
      });
  }
  doc.end();
  return done;

  function comparisonSections(c: Comparison) {
    const columns = c.articles.map((a) => label(a.id));
    const perArticle = 0.75 / Math.max(1, columns.length);

    heading('Summary');
    // The summary's text is its claims joined: each claim is printed once, with its evidence.
    if (!c.summary.claims.length) para(c.summary.text || 'No notable differences found.');
    for (const claim of c.summary.claims) {
      bullet(claim.text);
      const passages = claim.passages
        .slice(0, 3)
        .map((p) => `${label(p.articleId)}: “${p.text}”`)
        .join(' · ');
      para(
        `   Evidence: ${claim.evidence.part}, ${claim.evidence.key}${passages ? ` — ${passages}` : ''}`,
        '#555555',
      );
    }

    heading('Loaded language by source and voice');
    para(
      'Loaded terms, naming choices, non-neutral reporting verbs and scare quotes: the outlet’s own words (narration and paraphrase) apart from quotations. Count (per 1,000 words of that voice).',
      '#555555',
    );
    table(
      ['Article', 'Own words', 'Kinds', 'Narration', 'Reported', 'Quoted', 'Terms'],
      c.loadedTerms.bySource.map((s) => [
        label(s.articleId),
        `${s.total.count} (${num(s.total.per1000)})`,
        describeLoadedKinds(s.total.kinds),
        `${s.byVoice.narration.count} (${num(s.byVoice.narration.per1000)})`,
        `${s.byVoice.reported.count} (${num(s.byVoice.reported.per1000)})`,
        `${s.byVoice.quoted.count} (${num(s.byVoice.quoted.per1000)})`,
        s.terms.map((t) => `${t.forms.join(' / ')} ×${t.count}`).join(', '),
      ]),
      [0.16, 0.1, 0.2, 0.1, 0.1, 0.1, 0.24],
    );
    if (c.loadedTerms.uniqueTerms.length) {
      heading('Terms only one article uses', 11);
      table(
        ['Article', 'Term', 'Category', 'Alternatives'],
        c.loadedTerms.uniqueTerms
          .slice(0, MAX_LISTED)
          .map((u) => [label(u.articleId), u.forms.join(' / '), u.category, u.alternatives.join(', ')]),
        [0.2, 0.25, 0.2, 0.35],
      );
    }

    heading('Naming alignment');
    const differing = c.naming.concepts.filter((r) => r.differs);
    para(
      differing.length
        ? `Concepts the articles name differently (${differing.length} of ${c.naming.concepts.length}).`
        : 'All articles name the shared concepts the same way.',
      '#555555',
    );
    table(
      ['Concept', ...columns],
      differing.map((r) => [
        r.concept,
        ...c.articles.map((a) => {
          const u = r.uses.find((x) => x.articleId === a.id);
          return u
            ? u.variants
                .map((v) => `${v.forms.join(' / ')} ×${v.count}${v.quoted ? ` (${v.quoted} quoted)` : ''}`)
                .join('\n')
            : '—';
        }),
      ]),
      [0.25, ...columns.map(() => perArticle)],
    );

    heading('Attributions');
    for (const a of c.attributions.byArticle) {
      const speakers = a.speakers
        .slice(0, 6)
        .map((s) => `${s.speaker} ${pct(s.share)}`)
        .concat(
          a.speakers.length > 6
            ? [`and ${a.speakers.length - 6} more (all in the JSON and CSV downloads)`]
            : [],
        )
        .join(', ');
      bullet(
        `${label(a.articleId)}: ${a.count} attributions; named ${pct(a.named.share)}, anonymous ${pct(a.anonymous.share)}. Voices: ${speakers || 'none'}`,
      );
    }
    heading('Asymmetries', 11);
    if (!c.attributions.asymmetries.length) para('No speaker or side is treated differently.');
    table(
      ['Speaker or side', 'Distancing or denial in', 'Neutral, emphatic or endorsing in'],
      c.attributions.asymmetries.map((asym) => [
        `${asym.kind}: ${asym.label}`,
        asym.distancing
          .map((u) => `${label(u.articleId)}: ${u.verbs.map((v) => `${v.verb} (${v.stance})`).join(', ')}`)
          .join('\n'),
        asym.credited
          .map((u) => `${label(u.articleId)}: ${u.verbs.map((v) => `${v.verb} (${v.stance})`).join(', ')}`)
          .join('\n'),
      ]),
      [0.26, 0.37, 0.37],
    );

    heading('Same quotation, different treatment');
    if (!c.quotes.shared.length) para('No quotation appears in more than one article.');
    for (const q of c.quotes.shared.slice(0, MAX_LISTED)) {
      keep(70);
      doc.x = MARGIN;
      doc
        .font('bold')
        .fontSize(9.5)
        .fillColor('#000000')
        .text(
          `“${q.text}”${q.differences.length ? ` — differs in ${q.differences.join(', ')}` : ' — treated alike'}`,
          { width },
        );
      table(
        ['Article', 'Speaker', 'Verb', 'Stance', 'Kept', '¶'],
        q.uses.map((u) => [
          label(u.articleId),
          u.speaker ?? 'not found',
          u.verb ?? 'not found',
          u.stance ?? '—',
          pct(u.kept),
          String(u.paragraph),
        ]),
        [0.3, 0.25, 0.15, 0.14, 0.08, 0.08],
      );
    }

    heading('Prominence');
    const promRows = c.prominence.rows.filter((r) => r.differs);
    para(
      'Where each article first mentions or quotes an actor or speaker: headline, lead (paragraph 0) or body (¶ = paragraph rank). Rows where the articles differ.',
      '#555555',
    );
    if (!promRows.length) para('Every article places its actors and speakers alike.');
    table(
      ['Actor or speaker', ...columns],
      promRows.slice(0, MAX_LISTED).map((r) => [
        `${r.label} (${r.kind})`,
        ...c.articles.map((a) => {
          const u = r.uses.find((x) => x.articleId === a.id);
          return u ? `${u.placement}${u.paragraph !== null ? ` ¶${u.paragraph}` : ''}` : 'absent';
        }),
      ]),
      [0.25, ...columns.map(() => perArticle)],
    );

    heading('Frame profiles');
    para('Share of frame cues per dimension of the Policy Frames Codebook.', '#555555');
    para(c.articles.map((a) => label(a.id)).join('   '), '#555555');
    const barX = MARGIN + 130;
    const barW = width - 130 - 50;
    const barStep = 10;
    // The largest share fills the width, so small differences stay visible.
    const largest = Math.max(0.01, ...c.frames.profiles.flatMap((p) => FRAME_IDS.map((f) => p.shares[f])));
    for (const f of FRAME_IDS) {
      if (!c.frames.profiles.some((p) => p.shares[f] > 0)) continue;
      keep(barStep * c.frames.profiles.length + 8);
      const top = doc.y;
      doc.font('body').fontSize(9).fillColor('#000000').text(FRAME_LABELS[f], MARGIN, top, { width: 120 });
      const labelEnd = doc.y;
      for (const [i, p] of c.frames.profiles.entries()) {
        const y = top + i * barStep;
        const length = Math.max(1, (p.shares[f] / largest) * barW);
        doc.rect(barX, y + 1.5, length, 7).fill(articleColour(i));
        doc
          .fillColor('#000000')
          .fontSize(7.5)
          .text(`${articleLetter(i)} ${pct(p.shares[f])}`, barX + length + 4, y, {
            width: 44,
            lineBreak: false,
          });
      }
      doc.y = Math.max(labelEnd, top + barStep * c.frames.profiles.length) + 5;
    }
    doc.x = MARGIN;
    if (c.frames.divergence.maxPair) {
      const m = c.frames.divergence.maxPair;
      para(
        `Most divergent framing: ${label(m.a)} and ${label(m.b)} (Jensen–Shannon ${m.divergence.toFixed(2)}).`,
      );
    }

    heading('Omissions');
    if (!c.omissions.items.length) para('No omissions found.');
    for (const o of c.omissions.items.slice(0, MAX_LISTED))
      bullet(
        `${o.label} (${o.kind}): in ${o.presentIn.map(label).join(', ')}; missing from ${o.missingFrom.map(label).join(', ')}. ${o.evidence.closest.map((x) => x.reason).join(' ')}`,
      );
    if (c.omissions.items.length > MAX_LISTED)
      para(
        `${c.omissions.items.length - MAX_LISTED} more omissions are not shown; the JSON and CSV downloads list all ${c.omissions.items.length}.`,
      );

    heading('Syndication');
    if (!c.syndication.pairs.length) para('No article copies another.');
    for (const p of c.syndication.pairs)
      bullet(`${label(p.a)} and ${label(p.b)}: ${pct(p.containment)} shared text`);
  }
}
