/**
 * The HTML report: one self-contained, printable file. Inline CSS and inline
 * SVG only: no script, no external resource, no link out (an article's url is
 * shown as text). Every piece of article, lexicon or user text goes through
 * {@link escapeHtml}; highlights built from offsets escape each slice.
 */
import { dismissedIn } from './build';
import { sidesNotCompared } from '../compare/attributions';
import { describeLoadedKinds } from '../compare/loaded';
import { articleLabeller, articleLetter, pct } from '../compare/text';
import { divergenceMatrixSvg, frameChartSvg } from './charts';
import type { Comparison } from '../compare/types';
import type { ArticleAnalysis } from '../core/types';
import { escapeHtml as e, isolateHtml as bdi } from './escape';
import {
  flagLines,
  HIGHLIGHT_KINDS,
  HIGHLIGHT_LABELS,
  highlightsOf,
  paragraphRuns,
  type HighlightKind,
} from './highlights';
import type { Report } from './types';

const CSS = `
:root{--loaded:#fde2e2;--loaded-line:#c0392b;--naming:#e0ecff;--naming-line:#1f5fbf;--attribution:#e3f6e8;--attribution-line:#1e8449;--scare:#fff2cc;--scare-line:#b9770e}
*{box-sizing:border-box}
body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#1b1b1b;margin:0 auto;padding:1.5rem;max-width:110rem}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif;line-height:1.2}
h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0;font:13px/1.4 Helvetica,Arial,sans-serif}
th,td{border:1px solid #ccc;padding:.25rem .45rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#666}
.columns{display:grid;gap:1rem;overflow-x:auto}
.columns article{border:1px solid #ddd;padding:.6rem .9rem;min-width:16rem;background:#fff}
.columns article h3{margin:.2rem 0 .4rem;font-size:1rem}
.meta{font:12px/1.4 Helvetica,Arial,sans-serif;color:#555;word-break:break-all}
.hl{text-decoration-thickness:2px;text-underline-offset:3px;text-decoration-line:underline}
.hl-loaded{background:var(--loaded);text-decoration-color:var(--loaded-line);text-decoration-style:solid}
.hl-naming{background:var(--naming);text-decoration-color:var(--naming-line);text-decoration-style:dashed}
.hl-attribution{background:var(--attribution);text-decoration-color:var(--attribution-line);text-decoration-style:double}
.hl-scare{background:var(--scare);text-decoration-color:var(--scare-line);text-decoration-style:wavy}
.legend span{margin-right:1rem}
mark.diff{background:#ffe08a;font-weight:bold}
.summary{background:#f7f7f2;border-left:4px solid #888;padding:.6rem 1rem}
svg text{font:11px Helvetica,Arial,sans-serif}
.chart{max-width:760px;height:auto;display:block}
.chart-label{font-size:12px;fill:#1b1b1f}
.chart-value{font-size:10px;fill:#333}
.chart-value.on-dark{fill:#fff}
@media print{
 body{font-size:10pt;padding:0;max-width:none}
 .columns{overflow:visible;gap:.4rem}
 .columns article{min-width:0;border:none;padding:0 .3rem;font-size:8.5pt}
 h2{break-after:avoid}
 table,svg,figure{break-inside:avoid}
 .hl{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 mark.diff{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

const num = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? '—' : x.toFixed(digits);

function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  if (!rows.length) return '<p class="muted">None.</p>';
  const head = `<tr>${headers.map((h) => `<th scope="col">${bdi(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The article text with highlights, paragraph by paragraph; every slice escaped. */
function articleBody(a: ArticleAnalysis): string {
  const paragraphs = a.paragraphs.length ? a.paragraphs : [{ start: a.body.start, end: a.body.end }];
  return paragraphRuns(highlightsOf(a), paragraphs)
    .map((runs) => {
      const html = runs
        .map((run) => {
          let inner = e(a.text.slice(run.start, run.end));
          // Nest one span per active highlight, innermost last, in a fixed kind order.
          const kinds = new Map<HighlightKind, string>();
          for (const h of run.active) if (!kinds.has(h.kind)) kinds.set(h.kind, h.lines.join(' · '));
          for (const kind of [...HIGHLIGHT_KINDS].reverse()) {
            const title = kinds.get(kind);
            if (title !== undefined)
              inner = `<span class="hl hl-${kind}" title="${e(title)}">${inner}</span>`;
          }
          return inner;
        })
        .join('');
      return `<p>${html}</p>`;
    })
    .join('\n');
}

function articleColumns(articles: ArticleAnalysis[]): string {
  const cols = articles
    .map((a) => {
      const meta = [
        a.date ? `Date: ${e(a.date)}` : '',
        a.author ? `By ${bdi(a.author)}` : '',
        a.url ? `URL (text): ${bdi(a.url)}` : '',
        `${a.wordCount} words · id ${e(a.id)}`,
      ]
        .filter(Boolean)
        .join('<br>');
      return `<article id="article-${e(a.id)}">\n<h3>${bdi(a.source)}</h3>\n<p><strong>${bdi(a.title ?? '(no title)')}</strong></p>\n<p class="meta">${meta}</p>\n${articleBody(a)}\n</article>`;
    })
    .join('\n');
  return `<div class="columns" style="grid-template-columns:repeat(${articles.length},minmax(16rem,1fr))">\n${cols}\n</div>`;
}

function legend(): string {
  return `<p class="legend">${HIGHLIGHT_KINDS.map((k) => `<span class="hl hl-${k}">${e(HIGHLIGHT_LABELS[k])}</span>`).join(' ')}</p>`;
}

/** The frame profiles and the divergence matrix, drawn by the charts the page uses, with a key to the article letters. */
function frameCharts(c: Comparison, label: (id: string) => string): string {
  const articles = c.articles.map((a) => ({ id: a.id, source: label(a.id) }));
  const shares = Object.fromEntries(c.frames.profiles.map((p) => [p.articleId, p.shares]));
  const key = articles.map((a, i) => `${articleLetter(i)}: ${bdi(a.source)}`).join(' · ');
  const matrix = c.frames.divergence.matrix;
  return (
    `<figure>${frameChartSvg(articles, shares)}<figcaption class="muted">Share of frame cues per dimension, Policy Frames Codebook. ${key}</figcaption></figure>` +
    (matrix
      ? `<figure>${divergenceMatrixSvg(articles, matrix)}<figcaption class="muted">Jensen–Shannon divergence of frame profiles (0 = same profile, 1 = no overlap); grey: an article without frame cues. ${key}</figcaption></figure>`
      : '')
  );
}

function comparisonSections(c: Comparison, articles: ArticleAnalysis[]): string {
  const label = articleLabeller(articles);
  const L = (id: string) => `<a href="#article-${e(id)}">${bdi(label(id))}</a>`;
  const out: string[] = [];

  // Summary
  out.push(
    `<section id="summary"><h2>Summary</h2><div class="summary"><p>${e(c.summary.text)}</p></div>${
      c.summary.claims.length
        ? `<ol>${c.summary.claims.map((cl) => `<li>${e(cl.text)} <a class="muted" href="#${e(cl.evidence.part)}">[evidence: ${e(cl.evidence.part)} · ${e(cl.evidence.key)}]</a></li>`).join('')}</ol>`
        : ''
    }</section>`,
  );

  // Naming
  const namingRows = c.naming.concepts.map((r) => [
    `${bdi(r.concept)}${r.differs ? ' <strong>(differs)</strong>' : ''}`,
    e(r.category),
    ...c.articles.map((a) => {
      const u = r.uses.find((x) => x.articleId === a.id);
      return u
        ? u.variants
            .map(
              (v) =>
                `${bdi(v.forms.join(' / '))} ×${v.count}${v.quoted ? ` <span class="muted">(${v.quoted} quoted)</span>` : ''}`,
            )
            .join('<br>')
        : '<span class="muted">—</span>';
    }),
  ]);
  const actorRows = c.naming.actors.map((r) => [
    `${bdi(r.actor)}${r.differs ? ' <strong>(differs)</strong>' : ''}`,
    e(r.affiliation ?? ''),
    ...c.articles.map((a) => {
      const u = r.uses.find((x) => x.articleId === a.id);
      return u
        ? u.forms.map((f) => `${bdi(f.form)} ×${f.count}`).join('<br>')
        : '<span class="muted">—</span>';
    }),
  ]);
  out.push(
    `<section id="naming"><h2>Naming alignment</h2>${table(['Concept', 'Category', ...c.articles.map((a) => label(a.id))], namingRows)}<h3>How each labels the actors</h3>${table(['Actor', 'Side', ...c.articles.map((a) => label(a.id))], actorRows)}</section>`,
  );

  // Loaded terms
  const loadedRows = c.loadedTerms.bySource.map((s) => [
    L(s.articleId),
    String(s.total.count),
    num(s.total.per1000),
    e(describeLoadedKinds(s.total.kinds)),
    `${s.byVoice.narration.count} (${num(s.byVoice.narration.per1000)})`,
    `${s.byVoice.reported.count} (${num(s.byVoice.reported.per1000)})`,
    `${s.byVoice.quoted.count} (${num(s.byVoice.quoted.per1000)})`,
    s.byCategory.map((k) => `${e(k.category)}: ${k.count} (${num(k.per1000)})`).join('<br>'),
    s.terms.map((t) => `${bdi(t.forms.join(' / '))} ×${t.count}`).join(', '),
  ]);
  const uniqueRows = c.loadedTerms.uniqueTerms.map((u) => [
    L(u.articleId),
    bdi(u.forms.join(' / ')),
    e(u.category),
    String(u.count),
    e(u.alternatives.join(', ')),
  ]);
  out.push(
    `<section id="loadedTerms"><h2>Loaded language by source</h2>${table(['Article', 'In its own words', 'per 1,000 own words', 'Kinds', 'Narration (per 1,000)', 'Reported (per 1,000)', 'Quoted (per 1,000)', 'Loaded terms by category', 'Terms'], loadedRows, [1, 2])}<h3>Terms only one article uses</h3>${table(['Article', 'Term', 'Category', 'Count', 'Alternatives'], uniqueRows, [3])}</section>`,
  );

  // Attributions
  const attr: string[] = [];
  const noSides = sidesNotCompared(c.attributions);
  if (noSides) attr.push(`<p class="muted">${e(noSides)}</p>`);
  for (const art of c.attributions.byArticle) {
    const rows = art.speakers.map((s) => [
      bdi(s.speaker),
      e(s.speakerType),
      ...(noSides ? [] : [e(s.side)]),
      s.attributions
        .map((x) => `${e(x.verb)} <span class="muted">(${e(x.stance)}, ¶${x.paragraph})</span>`)
        .join('<br>'),
      String(s.words),
      pct(s.share),
    ]);
    const sides = art.sides
      .map((s) => `${e(s.side)}: ${pct(s.share)} of words (${s.count} attributions)`)
      .join(' · ');
    attr.push(
      `<h3>${L(art.articleId)}</h3><p class="meta">${art.count} attributions, ${art.words} quoted or reported words · named ${pct(art.named.share)}, anonymous ${pct(art.anonymous.share)}, unresolved ${pct(art.unresolved.share)}${noSides ? '' : `<br>Voice share by side: ${sides || '—'}`}</p>${table(['Speaker', 'Type', ...(noSides ? [] : ['Side']), 'Verbs (stance, paragraph)', 'Words', 'Voice share'], rows, noSides ? [3, 4] : [4, 5])}`,
    );
  }
  const asymRows = c.attributions.asymmetries.map((a) => [
    `${e(a.kind)}: ${bdi(a.label)}`,
    a.distancing
      .map((u) => `${L(u.articleId)}: ${e(u.verbs.map((v) => `${v.verb} (${v.stance})`).join(', '))}`)
      .join('<br>'),
    a.credited
      .map((u) => `${L(u.articleId)}: ${e(u.verbs.map((v) => `${v.verb} (${v.stance})`).join(', '))}`)
      .join('<br>'),
  ]);
  out.push(
    `<section id="attributions"><h2>Attributions</h2><h3>Asymmetries</h3>${table(['Speaker or side', 'Distancing or denial in', 'Neutral, emphatic or endorsing in'], asymRows)}${attr.join('\n')}</section>`,
  );

  // Shared quotes
  const quoteBlocks = c.quotes.shared.map(
    (q) =>
      `<h3 id="${e(q.id)}">${e(q.id)}${q.differences.length ? ` — differs in ${e(q.differences.join(', '))}` : ''}</h3><blockquote>${bdi(q.text)}</blockquote>${table(
        ['Article', 'Speaker', 'Verb', 'Stance', 'Kept', 'Paragraph', 'Text'],
        q.uses.map((u) => [
          L(u.articleId),
          bdi(u.speaker ?? 'not found'),
          e(u.verb ?? 'not found'),
          e(u.stance ?? '—'),
          pct(u.kept),
          String(u.paragraph),
          bdi(u.text),
        ]),
        [4, 5],
      )}`,
  );
  out.push(
    `<section id="quotes"><h2>Same quote, different treatment</h2>${quoteBlocks.join('\n') || '<p class="muted">No quotation appears in more than one article.</p>'}</section>`,
  );

  // Prominence
  const promRows = c.prominence.rows.map((r) => [
    `${e(r.kind)}: ${bdi(r.label)}${r.differs ? ' <strong>(differs)</strong>' : ''}`,
    ...c.articles.map((a) => {
      const u = r.uses.find((x) => x.articleId === a.id);
      return u
        ? `${e(u.placement)}${u.paragraph !== null ? ` ¶${u.paragraph}` : ''}`
        : '<span class="muted">absent</span>';
    }),
  ]);
  out.push(
    `<section id="prominence"><h2>Prominence</h2><p class="muted">Where each article first mentions or quotes each actor and speaker: headline, lead (paragraph 0) or body (¶ = paragraph rank).</p>${table(['Actor or speaker', ...c.articles.map((a) => label(a.id))], promRows)}</section>`,
  );

  // Frames
  const peerRows = c.frames.divergence.peers.map((p) => [
    L(p.articleId),
    p.nearest ? `${L(p.nearest.articleId)} (${num(p.nearest.divergence)})` : '—',
    p.farthest ? `${L(p.farthest.articleId)} (${num(p.farthest.divergence)})` : '—',
  ]);
  const toneRows = c.frames.tone.map((t) => [
    L(t.articleId),
    num(t.tone, 3),
    t.mostNegative ? `${num(t.mostNegative.tone, 2)} (sentence ${t.mostNegative.sentence})` : '—',
    t.mostPositive ? `${num(t.mostPositive.tone, 2)} (sentence ${t.mostPositive.sentence})` : '—',
  ]);
  out.push(
    `<section id="frames"><h2>Frame profiles and divergence</h2>${frameCharts(c, label)}<h3>Nearest and farthest peers</h3>${table(['Article', 'Nearest', 'Farthest'], peerRows)}<h3>Tone</h3>${table(['Article', 'Tone (−1..1)', 'Most negative', 'Most positive'], toneRows, [1])}</section>`,
  );

  // Alignment
  const groups = c.alignment.groups.map((g) => {
    const rows = g.members.map((m) => [
      L(m.articleId),
      String(m.sentence),
      num(m.similarity),
      m.segments.map((s) => (s.differs ? `<mark class="diff">${e(s.text)}</mark>` : e(s.text))).join(''),
    ]);
    return `<h3 id="${e(g.id)}">${e(g.id)}${g.differs ? '' : ' <span class="muted">(same wording)</span>'}</h3>${table(['Article', 'Sentence', 'Similarity', 'Text (differing words marked)'], rows, [1, 2])}`;
  });
  out.push(
    `<section id="alignment"><h2>Aligned facts</h2><p class="muted">${c.alignment.stats.sentences} sentences, ${c.alignment.stats.candidates} candidate pairs scored.</p>${groups.join('\n') || '<p class="muted">No fact is reported by more than one article.</p>'}</section>`,
  );

  // Omissions
  const omRows = c.omissions.items.map((o) => [
    e(o.kind),
    bdi(o.label),
    o.presentIn.map(L).join(', '),
    o.missingFrom.map(L).join(', '),
    o.evidence.closest.map((x) => bdi(x.reason)).join(' '),
  ]);
  out.push(
    `<section id="omissions"><h2>Omissions</h2>${table(['Kind', 'What', 'Present in', 'Missing from', 'Why the tool thinks so'], omRows)}</section>`,
  );

  // Syndication
  const synRows = c.syndication.pairs.map((p) => [L(p.a), L(p.b), pct(p.jaccard), pct(p.containment)]);
  out.push(
    `<section id="syndication"><h2>Syndication</h2>${table(['Article', 'Near-duplicate of', 'Jaccard (5-word shingles)', 'Containment'], synRows, [2, 3])}</section>`,
  );
  return out.join('\n');
}

/** The headlines side by side, each highlighted and with its flags listed. */
function headlinesSection(report: Report): string {
  const label = articleLabeller(report.articles);
  const cols = report.headlines
    .map((h) => {
      const flags = flagLines(h);
      return `<article>\n<h3>${bdi(label(h.id))}</h3>\n${articleBody(h)}\n${flags.length ? `<ul>${flags.map((f) => `<li>${bdi(f)}</li>`).join('')}</ul>` : '<p class="muted">No flags.</p>'}\n</article>`;
    })
    .join('\n');
  const body = report.headlines.length
    ? `<div class="columns" style="grid-template-columns:repeat(${report.headlines.length},minmax(12rem,1fr))">\n${cols}\n</div>`
    : '<p class="muted">No article has a headline.</p>';
  return `<section id="headlines"><h2>Headlines</h2><p class="muted">Each headline analysed on its own; its flags do not count in the article’s rates.</p>${body}</section>`;
}

/** The dismissed flags, in a section of their own: the words and the sentence they were in. */
function dismissedSection(report: Report): string {
  const label = articleLabeller(report.articles);
  const items = report.dismissed.length
    ? `<ul>${report.dismissed.map((d) => `<li>${bdi(label(d.articleId))}: ${e(d.kind)} <code>${e(d.entry)}</code> — “${bdi(d.text)}” ${dismissedIn(d)} “${bdi(d.sentence)}”</li>`).join('')}</ul>`
    : '<p>None: every flag is shown.</p>';
  return `<section id="dismissed"><h2>Dismissed flags</h2>${items}</section>`;
}

/**
 * Renders the report as one self-contained HTML page.
 * @param report - articles, lexicon versions and the comparison (or null)
 */
export function renderHtml(report: Report): string {
  const versions = Object.keys(report.lexicons)
    .sort()
    .map((k) => `${e(k)} ${e(report.lexicons[k])}`)
    .join(' · ');
  const title = report.comparison
    ? `framelens comparison of ${report.articles.length} articles`
    : `framelens analysis of ${report.articles.length} article${report.articles.length === 1 ? '' : 's'}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${e(title)}</h1><p class="meta">Lexicon versions: ${versions || '—'}</p></header>
${headlinesSection(report)}
<section id="articles"><h2>Articles</h2>${legend()}
${articleColumns(report.articles)}
</section>
${report.comparison ? comparisonSections(report.comparison, report.articles) : ''}
<footer class="meta"><p>Generated by framelens. Highlights explain themselves on hover (title); each cites its lexicon source.</p></footer>
${dismissedSection(report)}
</body>
</html>
`;
}
