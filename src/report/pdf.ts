/**
 * The PDF report, drawn with pdfkit in DejaVu Sans (bundled, so Cyrillic and
 * accented names print). Document dates are fixed to the comparison's
 * creation time, so the same comparison always gives the same bytes.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { FRAME_IDS } from '../lexicon/schema';
import { articleLabeller, articleLetter, pct } from '../compare/text';
import { FRAME_LABELS, articleColour } from './charts';
import type { Report, ReportMeta } from './types';

const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

/**
 * Renders the report as a PDF.
 * @param report - the comparison report (articles, comparison, dismissals)
 * @param meta - the comparison's title and creation time (used as the document date)
 */
export function renderPdf(report: Report, meta: ReportMeta): Promise<Buffer> {
  const date = new Date(meta.createdAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: true,
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

  const heading = (text: string, size = 14) => {
    doc.moveDown(0.6).font('bold').fontSize(size).fillColor('#000000').text(text);
    doc.moveDown(0.2).font('body').fontSize(10);
  };
  const para = (text: string) =>
    doc.font('body').fontSize(10).fillColor('#000000').text(text, { paragraphGap: 4 });
  const bullet = (text: string) =>
    doc.font('body').fontSize(10).fillColor('#000000').text(`• ${text}`, { indent: 8, paragraphGap: 2 });
  const letter = new Map(report.articles.map((a, i) => [a.id, articleLetter(i)]));
  const label = articleLabeller(report.articles, ' ');

  doc.font('bold').fontSize(20).text(meta.title);
  doc
    .font('body')
    .fontSize(10)
    .fillColor('#444444')
    .text(
      `framelens comparison${meta.eventDate ? ` · event ${meta.eventDate}` : ''} · lexicons ${Object.values(report.lexicons).join(' ')}`,
    );

  heading('Articles');
  report.articles.forEach((a) =>
    bullet(
      `${letter.get(a.id)}  ${a.source}${a.title ? ` — ${a.title}` : ''}${a.date ? ` (${a.date})` : ''} · ${a.wordCount} words`,
    ),
  );

  const c = report.comparison;
  if (!c) {
    heading('Comparison');
    para('Fewer than two articles: add another article to compare framings.');
  } else {
    heading('Summary');
    para(c.summary.text || 'No notable differences found.');

    heading('Naming');
    const differing = c.naming.concepts.filter((r) => r.differs);
    if (!differing.length) para('All articles name the shared concepts the same way.');
    for (const row of differing) {
      bullet(
        `${row.concept}: ${row.uses.map((u) => `${label(u.articleId)} → ${u.variants.map((v) => `${v.variant} ×${v.count}`).join(', ')}`).join('; ')}`,
      );
    }

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
    for (const asym of c.attributions.asymmetries) {
      bullet(
        `${asym.label}: distanced by ${asym.distancing.map((u) => `${label(u.articleId)} (${u.verbs.map((v) => v.verb).join(', ')})`).join('; ')}; credited by ${asym.credited.map((u) => `${label(u.articleId)} (${u.verbs.map((v) => v.verb).join(', ')})`).join('; ')}`,
      );
    }

    heading('Frame profiles');
    const barX = 210;
    const barW = 280;
    for (const f of FRAME_IDS) {
      if (!c.frames.profiles.some((p) => p.shares[f] > 0)) continue;
      if (doc.y > 740) doc.addPage();
      doc.font('body').fontSize(9).fillColor('#000000').text(FRAME_LABELS[f], 50, doc.y, { width: 150 });
      for (const [i, p] of c.frames.profiles.entries()) {
        if (doc.y > 770) doc.addPage();
        const y = doc.y;
        doc.rect(barX, y + 1, Math.max(1, p.shares[f] * barW), 7).fill(articleColour(i));
        doc
          .fillColor('#000000')
          .fontSize(8)
          .text(`${letter.get(p.articleId)} ${pct(p.shares[f])}`, barX + barW + 8, y, { width: 60 });
      }
    }
    doc.x = 50;
    if (c.frames.divergence.maxPair) {
      const m = c.frames.divergence.maxPair;
      para(
        `Most divergent framing: ${label(m.a)} and ${label(m.b)} (Jensen–Shannon ${m.divergence.toFixed(2)}).`,
      );
    }

    heading('Omissions');
    if (!c.omissions.items.length) para('No omissions found.');
    for (const o of c.omissions.items.slice(0, 40))
      bullet(
        `${o.label} (${o.kind}): in ${o.presentIn.map(label).join(', ')}; missing from ${o.missingFrom.map(label).join(', ')}. ${o.evidence.closest.map((x) => x.reason).join(' ')}`,
      );
    if (c.omissions.items.length > 40)
      para(
        `${c.omissions.items.length - 40} more omissions are not shown; the JSON and CSV downloads list all ${c.omissions.items.length}.`,
      );

    heading('Syndication');
    if (!c.syndication.pairs.length) para('No article copies another.');
    for (const p of c.syndication.pairs)
      bullet(`${label(p.a)} and ${label(p.b)}: ${pct(p.containment)} shared text`);
  }

  heading('Dismissed flags');
  if (!report.dismissed.length) para('None: every flag is shown.');
  for (const d of report.dismissed)
    bullet(`${label(d.articleId)}: ${d.kind} '${d.entry}' — “${d.text}” at ${d.start}-${d.end}`);

  doc.end();
  return done;
}
