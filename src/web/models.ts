/**
 * View models: turn a loaded comparison into the plain values the EJS views
 * print. Markup built here (highlighted text, SVG charts) escapes every piece
 * of user text itself; everything else is escaped by `<%=` in the views.
 */
import type { Config } from '../config';
import type { ArticleAnalysis, FrameId, Voice } from '../core/types';
import { sidesNotCompared } from '../compare/attributions';
import { articleLetter, distinguishingLabels, pct } from '../compare/text';
import { baseName } from '../ingest/article';
import { FRAME_IDS } from '../lexicon/schema';
import { ATTRIBUTION_KIND, flagsOf, SCARE_QUOTE_KIND, type FlagKind } from '../core/flags';
import type { ArticleRecord } from '../store';
import type { ComparisonBundle } from './analyses';
import { FORMATS, FORMAT_NAMES } from '../report/formats';
import { articleColour, divergenceMatrixSvg, frameChartSvg, FRAME_LABELS } from '../report/charts';
import { isolateText } from '../core/bidi';
import { highlightedBody } from './html';
import { HIGHLIGHT_KINDS, HIGHLIGHT_LABELS } from '../report/highlights';

/** One reason a span is flagged: a flag the user may dismiss on its own. */
export interface FlagReason {
  kind: string;
  kindLabel: string;
  entry: string;
  detail: string;
}

/** Whose words a flagged span is, as the flags list says it. */
const VOICE_LABELS: Record<Voice, string> = {
  narration: 'the outlet’s own words',
  reported: 'reported: the outlet’s paraphrase of a speaker',
  quoted: 'a quotation',
};

/** One flagged span with every reason it is flagged (a naming variant that is also a loaded term shows once). */
export interface FlagView {
  start: number;
  end: number;
  text: string;
  /** Whose words the span is: the outlet's own, reported, or a quotation. */
  voice: string;
  reasons: FlagReason[];
}

export interface ArticleView {
  id: string;
  letter: string;
  colour: string;
  /** CSS class of the article's colour (c0…c7). */
  colourClass: string;
  /** The source as stored (the file name when the file named no outlet). */
  source: string;
  /** How the page names the article: its outlet, or "unknown outlet" with the file name, told apart from others of the same outlet by date or title. */
  label: string;
  title: string | null;
  date: string | null;
  url: string | null;
  author: string | null;
  fileName: string | null;
  analysis: ArticleAnalysis;
  bodyHtml: string;
  flags: FlagView[];
  frameTop: { label: string; share: number }[];
}

const FLAG_LABELS: Record<FlagKind, string> = {
  'loaded-terms': 'Loaded term',
  'naming-variants': 'Naming variant',
  hedges: 'Hedge',
  boosters: 'Booster',
  frames: 'Frame cue',
  'reporting-verbs': 'Reporting verb',
  'anonymous-sources': 'Anonymous source',
  actors: 'Actor',
  [ATTRIBUTION_KIND]: 'Attribution',
  [SCARE_QUOTE_KIND]: 'Scare quote',
};

/**
 * Every flag of an article the user may dismiss, one item per span with each reason it is
 * flagged and whose words the span is, by position.
 */
function flagViews(a: ArticleAnalysis): FlagView[] {
  const flags = flagsOf(a);
  const hits = a.hits;
  const attributions = a.attributions;
  const scareQuotes = a.scareQuotes;
  const spans = new Map<string, FlagView>();
  // flagsOf lists hits, then attributions, then scare quotes, each in the analysis's order.
  flags.forEach((f, i) => {
    let kindLabel = FLAG_LABELS[f.kind];
    let detail: string;
    let voice: Voice;
    if (i < hits.length) {
      const h = hits[i];
      voice = h.voice;
      detail =
        h.lexicon === 'naming-variants'
          ? `${h.concept ?? ''}: ${h.signals ?? ''}`
          : h.lexicon === 'frames'
            ? (FRAME_LABELS[h.entry as FrameId] ?? h.entry)
            : h.category.replace(/-/g, ' ');
    } else if (i < hits.length + attributions.length) {
      const t = attributions[i - hits.length];
      // The flag is the reporting verb, the outlet's own choice of word for what a speaker did.
      voice = 'narration';
      detail = `${t.speaker}, ${t.stance} ${t.form} speech`;
    } else {
      const q = scareQuotes[i - hits.length - attributions.length];
      if (q.attributed) kindLabel = 'Partial quote';
      // A scare quote's marks are the outlet's own; a partial quote is a speaker's words.
      voice = q.attributed ? 'quoted' : 'narration';
      detail = q.attributed
        ? "a speaker's words, credited to the speaker"
        : 'no speaker is credited with the words';
    }
    const key = `${f.start}:${f.end}`;
    const span = spans.get(key) ?? {
      start: f.start,
      end: f.end,
      text: f.text,
      voice: VOICE_LABELS[voice],
      reasons: [],
    };
    span.reasons.push({ kind: f.kind, kindLabel, entry: f.entry, detail });
    spans.set(key, span);
  });
  return [...spans.values()].sort((x, y) => x.start - y.start || x.end - y.end);
}

/** The outlet to show: the source, or "unknown outlet" with the file name when the source is only the file's name. */
export function shownOutlet(record: Pick<ArticleRecord, 'source' | 'fileName'>): string {
  return record.fileName && record.source === baseName(record.fileName)
    ? `unknown outlet (${record.fileName})`
    : record.source;
}

/** Articles whose body is the same text as an earlier article's: each copy's id with the id of the first. */
export function duplicateArticles(records: Pick<ArticleRecord, 'id' | 'text' | 'bodyStart'>[]): {
  id: string;
  sameAs: string;
}[] {
  const first = new Map<string, string>();
  const copies: { id: string; sameAs: string }[] = [];
  for (const r of records) {
    // Spacing and line breaks differ between a file and a paste of the same article.
    const body = r.text.slice(r.bodyStart).replace(/\s+/g, ' ').trim();
    const earlier = first.get(body);
    if (earlier) copies.push({ id: r.id, sameAs: earlier });
    else first.set(body, r.id);
  }
  return copies;
}

function articleViews(bundle: ComparisonBundle): ArticleView[] {
  const labels = distinguishingLabels(
    bundle.articles.map((r) => ({ id: r.id, source: shownOutlet(r), title: r.title, date: r.date })),
  );
  return bundle.report.articles.map((analysis, i) => {
    const record = bundle.articles[i];
    return {
      id: analysis.id,
      letter: articleLetter(i),
      colour: articleColour(i),
      colourClass: `c${i % 8}`,
      source: analysis.source,
      label: labels.get(record.id) ?? analysis.source,
      title: analysis.title,
      date: analysis.date,
      url: analysis.url,
      author: analysis.author,
      fileName: record.fileName,
      analysis,
      bodyHtml: highlightedBody(analysis, `a${i}`),
      flags: flagViews(analysis),
      frameTop: FRAME_IDS.map((f) => ({ label: FRAME_LABELS[f], share: analysis.frames[f]?.share ?? 0 }))
        .filter((f) => f.share > 0)
        .sort((x, y) => y.share - x.share)
        .slice(0, 3),
    };
  });
}

const legend = HIGHLIGHT_KINDS.map((k) => ({ kind: k, label: HIGHLIGHT_LABELS[k] }));

/** Everything the comparison page prints. */
export function comparisonPageModel(bundle: ComparisonBundle, config: Config) {
  const articles = articleViews(bundle);
  const c = bundle.report.comparison;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const tag = (id: string) => {
    const a = byId.get(id);
    // Written inside the page's own sentences: a label with right-to-left text or controls is isolated.
    return a ? `${a.letter} · ${isolateText(a.label)}` : id;
  };
  const shares: Record<string, Partial<Record<FrameId, number>>> = {};
  for (const a of articles)
    shares[a.id] = Object.fromEntries(FRAME_IDS.map((f) => [f, a.analysis.frames[f]?.share ?? 0]));
  if (c) for (const p of c.frames.profiles) shares[p.articleId] = p.shares;
  const chartArticles = articles.map((a) => ({ id: a.id, source: a.label }));
  return {
    title: bundle.record.title,
    comparison: bundle.record,
    formats: FORMAT_NAMES.map((name) => ({ name, label: FORMATS[name].label })),
    articles,
    result: c,
    tag,
    legend,
    dismissed: bundle.dismissals.map((d) => ({ ...d, source: byId.get(d.articleId)?.label ?? d.articleId })),
    headlines: bundle.report.headlines.map((headline) => {
      const a = byId.get(headline.id)!;
      return {
        ...a,
        headlineHtml: highlightedBody(headline, `h${articles.indexOf(a)}`),
        headlineFlags: flagViews(headline),
      };
    }),
    duplicates: duplicateArticles(bundle.articles).map((d) => ({
      id: d.id,
      label: tag(d.id),
      sameAs: tag(d.sameAs),
    })),
    lexiconFile: bundle.lexiconFile,
    frameChart: frameChartSvg(chartArticles, shares),
    matrixChart: c?.frames.divergence.matrix
      ? divergenceMatrixSvg(chartArticles, c.frames.divergence.matrix)
      : '',
    naming: c ? [...c.naming.concepts].sort((x, y) => Number(y.differs) - Number(x.differs)) : [],
    sidesNote: c ? sidesNotCompared(c.attributions) : null,
    facts: c
      ? [...c.alignment.groups].sort((x, y) => Number(y.differs) - Number(x.differs)).slice(0, 25)
      : [],
    factsTotal: c ? c.alignment.groups.length : 0,
    limits: { maxFiles: config.maxFiles, maxFileMb: Math.round((config.maxFileBytes / 1048576) * 10) / 10 },
    pct,
    frameLabel: (f: FrameId | null) => (f ? FRAME_LABELS[f] : '—'),
  };
}

/** Everything the single-article page prints. */
export function articlePageModel(bundle: ComparisonBundle, articleId: string) {
  const articles = articleViews(bundle);
  const article = articles.find((a) => a.id === articleId)!;
  const record = bundle.articles.find((a) => a.id === articleId)!;
  return {
    title: `${article.label} · ${bundle.record.title}`,
    comparison: bundle.record,
    article,
    /** The text after any front matter: what the correction form edits. */
    bodyText: record.text.slice(record.bodyStart),
    legend,
    frameChart: frameChartSvg([{ id: article.id, source: article.label }], {
      [article.id]: Object.fromEntries(FRAME_IDS.map((f) => [f, article.analysis.frames[f]?.share ?? 0])),
    }),
    pct,
  };
}
