/**
 * The single-article analysis: lexicon hits, attributions, scare quotes,
 * frame scores, tone and voice. Pure: text and compiled lexicons in, values
 * out; no I/O.
 */
import type { LexiconSet } from '../lexicon/parse';
import { extractAttributions } from './attributions';
import { findParagraphs, tokenize, type Token } from './language';
import { isNegated } from './negation';
import { compileMatcherData, createMatcher, type CompiledMatcher, type Match, type Matcher } from './matcher';
import { findQuotations } from './quotes';
import { removeFlags, suppressedFlags } from './flags';
import { measure, round, voiceFinder, type ArticleFindings } from './measure';
import { inSpans, lastStartingAtOrBefore, mergeSpans } from './spans';
import { collectPersonNames, type SpeakerContext } from './speakers';
import type {
  AnalyzeOptions,
  ArticleAnalysis,
  ArticleInput,
  Attribution,
  Diagnostic,
  Hit,
  NameMention,
  Quotation,
  ScareQuote,
  Voice,
} from './types';

export interface Analyzer {
  lexicons: LexiconSet;
  matcher: Matcher;
  /** kind → version hash of the lexicons used. */
  versions: LexiconSet['versions'];
  /** Hits, attributions, scare quotes and diagnostics, unmeasured. */
  find(article: ArticleInput): ArticleFindings;
  /** `measure(find(article))`, with the suppressed flags removed. */
  analyze(article: ArticleInput, options?: AnalyzeOptions): ArticleAnalysis;
}

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
 * The lexicons compiled for analysis: the validated set, the matcher's trie and the given-name
 * genders. Plain data (objects, arrays, Maps, Sets), so it can be cached with `v8.serialize`
 * and handed to an analyzer in another process or thread.
 */
export interface CompiledLexicons {
  lexicons: LexiconSet;
  matcher: CompiledMatcher;
  /** Given name (lower case) → the sex its bearers are recorded with. */
  givenNames: Map<string, 'male' | 'female'>;
}

/**
 * Compiles validated lexicons: the costly step of building an analyzer (every pattern is
 * tokenized by wink-nlp).
 * @param lexicons - validated lexicons from the loader
 */
export function compileLexicons(lexicons: LexiconSet): CompiledLexicons {
  // Given name → the sex its bearers are recorded with; a name on both lists (from two files) is left out.
  const givenNames = new Map<string, 'male' | 'female'>();
  const ambiguous = new Set<string>();
  for (const list of lexicons.entries['given-names'])
    for (const name of list.names) {
      const key = name.toLowerCase();
      const earlier = givenNames.get(key);
      if (earlier && earlier !== list.gender) ambiguous.add(key);
      givenNames.set(key, list.gender);
    }
  for (const name of ambiguous) givenNames.delete(name);
  return { lexicons, matcher: compileMatcherData(lexicons), givenNames };
}

/**
 * Builds the analyzer: compiles the lexicons once.
 * @param lexicons - validated lexicons from the loader
 */
export function createAnalyzer(lexicons: LexiconSet): Analyzer {
  return analyzerFromCompiled(compileLexicons(lexicons));
}

/**
 * Builds the analyzer from lexicons compiled before (see {@link compileLexicons}), at no cost.
 * @param compiled - the compiled lexicons, fresh or read back from a cache
 */
export function analyzerFromCompiled(compiled: CompiledLexicons): Analyzer {
  const { lexicons, givenNames } = compiled;
  const matcher = createMatcher(compiled.matcher);

  /** Hits, attributions, scare quotes and diagnostics of one article, with its words and sentences. */
  function find(article: ArticleInput): ArticleFindings {
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

    // An actor is a name: a match with no capital letter is a common word of the same lemma
    // ("now trumps the state of residency" is not Trump).
    const matches = matcher
      .match(tokens)
      .filter((m) => m.entry.kind !== 'actors' || /\p{Lu}/u.test(text.slice(m.start, m.end)));

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
    const ctx: SpeakerContext = { text, tokens, actorAt, placeAt, anonymousAt, names: new Map(), givenNames };
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

    const names: NameMention[] = matches
      .filter((m) => m.entry.kind === 'naming-variants')
      .map((m) => ({
        concept: m.entry.concept!,
        variant: m.entry.id,
        category: m.entry.category,
        text: text.slice(m.start, m.end),
        start: m.start,
        end: m.end,
        voice: voiceOf(m.start, m.end),
        sentence: tokens[m.first].sentence,
        neutral: m.entry.neutral === true,
      }))
      .sort((a, b) => a.start - b.start || a.end - b.end);

    // A preferred or neutral name is compared across outlets (names above) but is no flag.
    const hits: Hit[] = matches
      .filter((m) => !(m.entry.kind === 'naming-variants' && m.entry.neutral))
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

    const scareQuotes = findScareQuotes(quotations, attributions, tokens);

    const sentenceInfo = sentences.map((s) => ({
      start: s.start,
      end: s.end,
      paragraph: s.paragraph,
      tone: round(s.tone),
    }));
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
      names,
      attributions,
      scareQuotes,
      quotations,
      paragraphs,
      body: { start: from, end: to },
      diagnostics: diagnostics.sort((a, b) => (a.start ?? -1) - (b.start ?? -1)),
      text,
      sentences: sentenceInfo,
    };
  }

  /**
   * Finds, then measures; a flag the user suppresses is removed like a dismissed one.
   * @param article - the article
   * @param options - entries or phrases to suppress
   */
  function analyze(article: ArticleInput, options: AnalyzeOptions = {}): ArticleAnalysis {
    const analysis = measure(find(article));
    return options.suppress?.length
      ? removeFlags(analysis, suppressedFlags(analysis, options.suppress))
      : analysis;
  }

  return { lexicons, matcher, versions: lexicons.versions, find, analyze };
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
