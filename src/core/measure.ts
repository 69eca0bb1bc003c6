/**
 * Measuring an article's findings: naming uses, frame scores, per-voice rates of hedges,
 * boosters and loaded language, and tone. Everything here is counted from the findings alone,
 * so removing a flag and measuring again (see `removeFlags` in ./flags) gives the counts of
 * the article as if the flag had never been found. Pure: no I/O.
 */
import { FRAME_IDS, type FrameId } from '../lexicon/kinds';
import { inSpans, mergeSpans } from './spans';
import type {
  ArticleAnalysis,
  Attribution,
  FrameScore,
  Hit,
  LoadedRate,
  LoadedSignalKind,
  NameMention,
  NamingUse,
  Quotation,
  RateByVoice,
  ScareQuote,
  SentenceInfo,
  Voice,
} from './types';

/** The fields of an analysis that {@link measure} computes from the others. */
export type MeasuredField = 'frames' | 'naming' | 'hedges' | 'boosters' | 'loaded' | 'tone';

/**
 * What finding produces: the analysis without its measures, with the sentences' tone (found
 * by wink-nlp per sentence) that the article's tone is measured from.
 */
export type ArticleFindings = Omit<ArticleAnalysis, MeasuredField> & { sentences: SentenceInfo[] };

/** Rounds to a fixed number of decimals, so the JSON output is stable. */
export const round = (x: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

const VOICES: readonly Voice[] = ['quoted', 'reported', 'narration'];

/** Hits of one lexicon counted by voice, with rates per 1,000 words of that voice. */
function rateByVoice(
  hits: readonly Hit[],
  kind: Hit['lexicon'],
  words: Record<Voice, number>,
): Record<Voice, RateByVoice> {
  const out = {} as Record<Voice, RateByVoice>;
  for (const v of VOICES) out[v] = { count: 0, per1000: 0 };
  for (const h of hits) if (h.lexicon === kind) out[h.voice].count++;
  for (const v of VOICES) out[v].per1000 = words[v] ? round((out[v].count / words[v]) * 1000, 2) : 0;
  return out;
}

/**
 * Loaded language by voice: loaded terms and naming choices (by the voice they stand in),
 * attribution verbs whose stance is not neutral (by the voice of the verb) and scare quotes no
 * speaker is credited with (the writer's own marks, so narration), each kind counted apart.
 */
function loadedRateByVoice(
  hits: readonly Hit[],
  attributions: readonly Attribution[],
  scareQuotes: readonly ScareQuote[],
  words: Record<Voice, number>,
  voiceOf: (start: number, end: number) => Voice,
): Record<Voice, LoadedRate> {
  const out = {} as Record<Voice, LoadedRate>;
  for (const v of VOICES)
    out[v] = {
      count: 0,
      per1000: 0,
      kinds: { 'loaded-terms': 0, 'naming-variants': 0, 'reporting-verbs': 0, 'scare-quotes': 0 },
    };
  const add = (voice: Voice, kind: LoadedSignalKind) => {
    out[voice].count++;
    out[voice].kinds[kind]++;
  };
  for (const h of hits)
    if (h.lexicon === 'loaded-terms' || h.lexicon === 'naming-variants') add(h.voice, h.lexicon);
  for (const a of attributions)
    if (a.stance !== 'neutral') add(voiceOf(a.verbStart, a.verbEnd), 'reporting-verbs');
  for (const q of scareQuotes) if (!q.attributed) add('narration', 'scare-quotes');
  for (const v of VOICES) out[v].per1000 = words[v] ? round((out[v].count / words[v]) * 1000, 2) : 0;
  return out;
}

/**
 * The voice of a span: inside the quotation marks of a quotation the speaker's words (`quoted`);
 * in reported content (indirect speech, "according to") the outlet's paraphrase (`reported`);
 * elsewhere the outlet's `narration`.
 * @param quotations - the article's quotations
 * @param attributions - its attributions
 */
export function voiceFinder(
  quotations: readonly Quotation[],
  attributions: readonly Attribution[],
): (start: number, end: number) => Voice {
  const quoted = mergeSpans(quotations.map((q) => ({ start: q.start, end: q.end })));
  const reported = mergeSpans(attributions.map((a) => ({ start: a.quoteStart, end: a.quoteEnd })));
  return (start, end) =>
    inSpans(quoted, start, end) ? 'quoted' : inSpans(reported, start, end) ? 'reported' : 'narration';
}

/** Naming variants used (flagged or not), with counts, in order of first use. */
function namingUses(names: readonly NameMention[]): NamingUse[] {
  const uses = new Map<string, NamingUse>();
  for (const h of names) {
    const key = `${h.concept}\u0000${h.variant}`;
    const use = uses.get(key) ?? { concept: h.concept, variant: h.variant, count: 0 };
    use.count++;
    uses.set(key, use);
  }
  return [...uses.values()];
}

/** Frame cue hits per dimension: every dimension present, even when zero. */
function frameScores(hits: readonly Hit[], wordCount: number): Record<FrameId, FrameScore> {
  const frameCounts = new Map<FrameId, number>();
  for (const h of hits)
    if (h.lexicon === 'frames')
      frameCounts.set(h.entry as FrameId, (frameCounts.get(h.entry as FrameId) ?? 0) + 1);
  const totalFrameHits = [...frameCounts.values()].reduce((a, b) => a + b, 0);
  const frames = {} as Record<FrameId, FrameScore>;
  for (const id of FRAME_IDS) {
    const n = frameCounts.get(id) ?? 0;
    frames[id] = {
      per1000: wordCount ? round((n / wordCount) * 1000, 2) : 0,
      share: totalFrameHits ? round(n / totalFrameHits, 4) : 0,
      hits: n,
    };
  }
  return frames;
}

/**
 * An article's measures, computed from its findings.
 * @param f - the findings of one article (possibly with some flags removed)
 */
export function measure(f: ArticleFindings): ArticleAnalysis {
  const voiceOf = voiceFinder(f.quotations, f.attributions);
  const articleTone = f.sentences.length
    ? round(f.sentences.reduce((a, s) => a + s.tone, 0) / f.sentences.length)
    : 0;
  // Fields in the order of the JSON contract.
  return {
    id: f.id,
    source: f.source,
    title: f.title,
    date: f.date,
    url: f.url,
    author: f.author,
    wordCount: f.wordCount,
    words: f.words,
    language: f.language,
    hits: f.hits,
    names: f.names,
    attributions: f.attributions,
    scareQuotes: f.scareQuotes,
    quotations: f.quotations,
    frames: frameScores(f.hits, f.wordCount),
    naming: namingUses(f.names),
    hedges: rateByVoice(f.hits, 'hedges', f.words),
    boosters: rateByVoice(f.hits, 'boosters', f.words),
    loaded: loadedRateByVoice(f.hits, f.attributions, f.scareQuotes, f.words, voiceOf),
    tone: { article: articleTone, sentences: f.sentences },
    paragraphs: f.paragraphs,
    body: f.body,
    diagnostics: f.diagnostics,
    text: f.text,
  };
}

/**
 * The findings of an analysis: its measures left out, to be filtered and measured again.
 * @param a - an analysis
 */
export function findingsOf(a: ArticleAnalysis): ArticleFindings {
  return {
    id: a.id,
    source: a.source,
    title: a.title,
    date: a.date,
    url: a.url,
    author: a.author,
    wordCount: a.wordCount,
    words: a.words,
    language: a.language,
    hits: a.hits,
    names: a.names,
    attributions: a.attributions,
    scareQuotes: a.scareQuotes,
    quotations: a.quotations,
    paragraphs: a.paragraphs,
    body: a.body,
    diagnostics: a.diagnostics,
    text: a.text,
    sentences: a.tone.sentences,
  };
}
