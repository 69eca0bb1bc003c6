/**
 * The single-article analysis: lexicon hits, attributions, scare quotes,
 * frame scores, tone and voice. Pure: text and compiled lexicons in, values
 * out; no I/O.
 */
import type { LexiconSet } from '../lexicon/parse';
import { FRAME_IDS, type FrameId } from '../lexicon/schema';
import { extractAttributions } from './attributions';
import { findParagraphs, tokenize, type Token } from './language';
import { isNegated } from './negation';
import { compileMatcher, type Match, type Matcher } from './matcher';
import { findQuotations } from './quotes';
import { inSpans, lastStartingAtOrBefore, mergeSpans } from './spans';
import { collectPersonNames, type SpeakerContext } from './speakers';
import type {
  AnalyzeOptions,
  ArticleAnalysis,
  ArticleInput,
  Attribution,
  Diagnostic,
  FrameScore,
  Hit,
  LoadedRate,
  LoadedSignalKind,
  NamingUse,
  Quotation,
  RateByVoice,
  ScareQuote,
  Voice,
} from './types';

export interface Analyzer {
  lexicons: LexiconSet;
  matcher: Matcher;
  /** kind → version hash of the lexicons used. */
  versions: LexiconSet['versions'];
  analyze(article: ArticleInput, options?: AnalyzeOptions): ArticleAnalysis;
}

const round = (x: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Words for word counts: tokens with a letter or digit, not punctuation or clitics ('s, n't); any script. */
function isCountedWord(t: Token): boolean {
  if (t.type === 'punctuation') return false;
  const v = t.value;
  const first = v.charCodeAt(0);
  if (first === 39 || first === 0x2019 || t.lower === "n't") return false;
  // ASCII fast path; only other characters need the Unicode property test.
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
    if (c > 127 && /[\p{L}\p{N}]/u.test(v[i])) return true;
  }
  return false;
}

const VOICES: readonly Voice[] = ['quoted', 'reported', 'narration'];

/**
 * Hits of one lexicon counted by voice, with rates per 1,000 words of that voice.
 * @param hits - an article's hits
 * @param kind - the lexicon to count
 * @param words - the article's word counts by voice
 */
export function rateByVoice(
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
 * @param hits - an article's hits
 * @param attributions - its attributions
 * @param scareQuotes - its scare and partial quotes
 * @param words - the article's word counts by voice
 * @param voiceOf - the voice of a span
 */
export function loadedRateByVoice(
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

/** Naming variants used, with counts, in order of first use. */
export function namingUses(hits: readonly Hit[]): NamingUse[] {
  const uses = new Map<string, NamingUse>();
  for (const h of hits) {
    if (h.lexicon !== 'naming-variants') continue;
    const key = `${h.concept}\u0000${h.entry}`;
    const use = uses.get(key) ?? { concept: h.concept!, variant: h.entry, count: 0 };
    use.count++;
    uses.set(key, use);
  }
  return [...uses.values()];
}

/** A quoted span that is a name or title ("Minsk" format, "RIA News"): every word capitalised. */
function looksLikeName(s: string): boolean {
  const words = s.match(/[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu) ?? [];
  const minor = new Set(['of', 'the', 'and', 'in', 'on', 'for', 'a', 'an', 'de', 'la', 'to']);
  return words.length > 0 && words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && minor.has(w)));
}

/**
 * Mostly-English check: share of stop words among words and of Latin letters
 * among letters. English prose runs at 40-50% stop words; below 20% the
 * lexicons do not apply.
 */
function languageCheck(tokens: Token[], text: string, from: number, to: number) {
  let words = 0;
  let stops = 0;
  for (const t of tokens) {
    if (!isCountedWord(t)) continue;
    words++;
    if (t.stop) stops++;
  }
  // One pass over the letters; only non-ASCII characters need the Unicode property tests.
  let letters = 0;
  let latin = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      letters++;
      latin++;
    } else if (c > 127) {
      const ch = text[i];
      if (/\p{L}/u.test(ch)) {
        letters++;
        if (/\p{Script=Latin}/u.test(ch)) latin++;
      }
    }
  }
  const stopwordShare = words ? stops / words : 0;
  const latinShare = letters ? latin / letters : 0;
  const english = letters > 0 && latinShare >= 0.6 && (words < 20 || stopwordShare >= 0.2);
  return { english, stopwordShare: round(stopwordShare), latinShare: round(latinShare) };
}

/**
 * Builds the analyzer: compiles the lexicons once.
 * @param lexicons - validated lexicons from the loader
 */
export function createAnalyzer(lexicons: LexiconSet): Analyzer {
  const matcher = compileMatcher(lexicons);

  function analyze(article: ArticleInput, options: AnalyzeOptions = {}): ArticleAnalysis {
    if (typeof article?.text !== 'string') {
      throw new TypeError(
        `framelens analyze: expecting article.text to be a string, instead found ${typeof article?.text}`,
      );
    }
    const text = article.text;
    const from = Math.max(0, Math.min(article.bodyStart ?? 0, text.length));
    const to = text.length;
    const diagnostics: Diagnostic[] = [];

    const paragraphs = findParagraphs(text, from, to);
    const quoted = findQuotations(text, paragraphs);
    // Not push(...array): 500 KB of stray quote marks is 250,000 diagnostics, more arguments than the stack holds.
    for (const d of quoted.diagnostics) diagnostics.push(d);
    const quotations = quoted.quotations;
    const tok = tokenize(text, from, to, quotations);
    const { tokens, sentences } = tok;

    const language = languageCheck(tokens, text, from, to);
    if (!tokens.some(isCountedWord)) {
      diagnostics.push({ code: 'empty-text', message: 'the article has no words to analyse' });
    } else if (!language.english) {
      diagnostics.push({
        code: 'not-english',
        message: `the text does not look like English (stop words ${Math.round(language.stopwordShare * 100)}% of words, Latin letters ${Math.round(language.latinShare * 100)}%); framelens's lexicons are English, so its findings do not apply`,
      });
    }

    const suppress = new Set((options.suppress ?? []).map((s) => s.toLowerCase()));
    const suppressed = (m: Match) =>
      suppress.has(m.entry.id) ||
      suppress.has(`${m.entry.kind}:${m.entry.id}`) ||
      suppress.has(text.slice(m.start, m.end).toLowerCase());
    const matches = suppress.size
      ? matcher.match(tokens).filter((m) => !suppressed(m))
      : matcher.match(tokens);

    // Lookup tables for the speaker analysis.
    const actorAt = new Array<Match | undefined>(tokens.length);
    const placeAt = new Array<boolean>(tokens.length).fill(false);
    const anonymousAt = new Array<boolean>(tokens.length).fill(false);
    for (const m of matches) {
      for (let i = m.first; i < m.last; i++) {
        if (m.entry.kind === 'actors') actorAt[i] = m;
        else if (m.entry.kind === 'naming-variants') placeAt[i] = true;
        else if (m.entry.kind === 'anonymous-sources') anonymousAt[i] = true;
      }
    }
    const ctx: SpeakerContext = { text, tokens, actorAt, placeAt, anonymousAt, names: new Map() };
    collectPersonNames(ctx);
    const extracted = extractAttributions({
      ctx,
      sentences,
      paragraphs,
      verbHits: matches.filter((m) => m.entry.kind === 'reporting-verbs'),
      quotations,
    });
    for (const d of extracted.diagnostics) diagnostics.push(d);
    const attributions: Attribution[] = extracted.attributions;

    const voiceOf = voiceFinder(quotations, attributions);

    const hits: Hit[] = matches
      .map((m) => {
        const e = m.entry;
        const negated = isNegated(tokens, m.first, sentences[tokens[m.first].sentence].first);
        const hit: Hit = {
          lexicon: e.kind,
          entry: e.id,
          category: e.category,
          text: text.slice(m.start, m.end),
          start: m.start,
          end: m.end,
          alternatives: e.alternatives,
          note: e.note,
          citation: e.citation,
          voice: voiceOf(m.start, m.end),
          negated,
          sentence: tokens[m.first].sentence,
        };
        if (e.concept) hit.concept = e.concept;
        if (e.signals) hit.signals = e.signals;
        if (e.stance) hit.stance = e.stance;
        if (e.domain) hit.domain = e.domain;
        if (e.actor) hit.affiliation = e.actor.affiliation;
        return hit;
      })
      .sort((a, b) => a.start - b.start || a.end - b.end || a.lexicon.localeCompare(b.lexicon));

    // Words by voice.
    const words: Record<Voice, number> = { quoted: 0, reported: 0, narration: 0 };
    for (const t of tokens) if (isCountedWord(t)) words[voiceOf(t.start, t.end)]++;
    const wordCount = words.quoted + words.reported + words.narration;

    const rate = (kind: Hit['lexicon']) => rateByVoice(hits, kind, words);

    // Frames: every dimension, present even when zero.
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

    const scareQuotes = findScareQuotes(quotations, attributions, tokens);

    const sentenceInfo = sentences.map((s) => ({
      start: s.start,
      end: s.end,
      paragraph: s.paragraph,
      tone: round(s.tone),
    }));
    const articleTone = sentenceInfo.length
      ? round(sentenceInfo.reduce((a, s) => a + s.tone, 0) / sentenceInfo.length)
      : 0;

    return {
      id: article.id,
      source: article.source,
      title: article.title,
      date: article.date,
      url: article.url ?? null,
      author: article.author ?? null,
      wordCount,
      words,
      language,
      hits,
      attributions,
      scareQuotes,
      quotations,
      frames,
      naming: namingUses(hits),
      hedges: rate('hedges'),
      boosters: rate('boosters'),
      loaded: loadedRateByVoice(hits, attributions, scareQuotes, words, voiceOf),
      tone: { article: articleTone, sentences: sentenceInfo },
      paragraphs,
      body: { start: from, end: to },
      diagnostics: diagnostics.sort((a, b) => (a.start ?? -1) - (b.start ?? -1)),
      text,
    };
  }

  return { lexicons, matcher, versions: lexicons.versions, analyze };
}

/**
 * Scare quotes and partial quotes: quoted spans of at most four words that are not a name or
 * title and not the whole content of a direct quotation. A fragment credited to a speaker (inside
 * reported speech, or in a sentence with an attribution) is a partial quote, `attributed`; only
 * an uncredited one is the writer's own distancing, the "scare quotes" of the Guardian and
 * Observer style guide, which warns they imply doubt.
 */
function findScareQuotes(
  quotations: Quotation[],
  attributions: Attribution[],
  tokens: Token[],
): ScareQuote[] {
  const directContent = new Set(attributions.filter((a) => a.form === 'direct').map((a) => a.quoteStart));
  const reported = mergeSpans(
    attributions.filter((a) => a.form !== 'direct').map((a) => ({ start: a.quoteStart, end: a.quoteEnd })),
  );
  const attributedSentences = new Set(attributions.map((a) => a.sentence));
  const sentenceAt = (offset: number) => tokens[lastStartingAtOrBefore(tokens, offset)]?.sentence ?? -1;
  const out: ScareQuote[] = [];
  for (const q of quotations) {
    if (q.wordCount === 0 || q.wordCount > 4) continue;
    if (directContent.has(q.start)) continue;
    if (/[.!?]$/.test(q.text)) continue;
    if (looksLikeName(q.text)) continue;
    const attributed = inSpans(reported, q.start, q.end) || attributedSentences.has(sentenceAt(q.start));
    out.push({ text: q.text, start: q.start, end: q.end, attributed });
  }
  return out;
}
