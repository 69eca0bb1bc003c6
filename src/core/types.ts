/**
 * The public contract of a single-article analysis. The comparison, the web
 * app, the reports and the benchmarks all build on these shapes; field names
 * here are the JSON output of `framelens analyze --format json`.
 */
import type { AttributionCue, FrameId, LexiconKind, PatternKind, Stance } from '../lexicon/schema';

/**
 * AttributionCue: what a cue reports, after PolNeAR's annotation scheme (Newell, Margolin and
 * Ruths 2018): words spoken or written (`speech`), a belief or expectation (`thought`), what a
 * poll, record or study shows (`evidence`), or a refusal to say anything (`refusal`).
 */
export type { AttributionCue, FrameId, LexiconKind, PatternKind, Stance };

/** An article as the user supplied it: text plus front-matter metadata. */
export interface ArticleInput {
  /** Stable id: the file name without extension, or an id given by the store. */
  id: string;
  /** Outlet name; falls back to the file name. */
  source: string;
  title: string | null;
  date: string | null;
  url?: string | null;
  author?: string | null;
  /** The text that is analysed; every offset points into this string. */
  text: string;
  /** Where the body starts in `text` (after front matter), so the header is not analysed. */
  bodyStart?: number;
}

/**
 * Whose words a span is: `quoted` inside the quotation marks of a quotation, `reported` in the
 * outlet's paraphrase of what someone said (indirect speech, "according to" content), `narration`
 * otherwise. The outlet's own words are narration plus reported.
 */
export type Voice = 'quoted' | 'reported' | 'narration';

/** The kinds of loaded-language signal the per-voice rates count, each kept apart. */
export type LoadedSignalKind = 'loaded-terms' | 'naming-variants' | 'reporting-verbs' | 'scare-quotes';

/** One lexicon match. `text === article.text.slice(start, end)` always holds. */
export interface Hit {
  lexicon: PatternKind;
  entry: string;
  category: string;
  text: string;
  start: number;
  end: number;
  alternatives: string[];
  note: string;
  citation: string;
  voice: Voice;
  negated: boolean;
  /** Index of the sentence the hit lies in. */
  sentence: number;
  /** naming-variants: the concept id; `entry` is the variant id. */
  concept?: string;
  /** naming-variants: what choosing this variant signals. */
  signals?: string;
  /** reporting-verbs: the stance. */
  stance?: Stance;
  /** loaded-terms: the news domain. */
  domain?: string;
  /** actors: the camp the actor belongs to. */
  affiliation?: string;
}

export type SpeakerType = 'person' | 'organization' | 'media' | 'anonymous' | 'unresolved';
export type AttributionForm = 'direct' | 'indirect' | 'partial' | 'according-to';

export interface Attribution {
  /** The speaker's canonical name in this article ("Ann Ford" for "Ms. Ford", "Ford", "she"). */
  speaker: string;
  /**
   * Identifies the speaker across the article, and across articles for named speakers: the
   * actors-lexicon id when known, else a slug of the canonical name ("ann-ford"). Every mention
   * of one person in an article carries the same id; anonymous sources are never merged.
   */
  speakerId: string;
  role: string | null;
  speakerType: SpeakerType;
  affiliation: string | null;
  verb: string;
  stance: Stance;
  /** What the cue reports: speech, thought, evidence or a refusal to comment. */
  cue: AttributionCue;
  form: AttributionForm;
  quote: string;
  start: number;
  end: number;
  verbStart: number;
  verbEnd: number;
  quoteStart: number;
  quoteEnd: number;
  speakerStart: number;
  speakerEnd: number;
  /** The lexicon entry of the reporting verb or cue. */
  verbEntry: string;
  /** The actors-lexicon entry of the speaker, when known (stable across articles). */
  actor: string | null;
  /** Index of the sentence the attribution starts in. */
  sentence: number;
  /** Rank of the paragraph (0 = lead paragraph). */
  paragraph: number;
  /** True when the speaker is a pronoun or role noun resolved to an earlier speaker. */
  resolved: boolean;
}

export interface ScareQuote {
  text: string;
  start: number;
  end: number;
  /**
   * True when a speaker is credited with the words: a partial quote, not a scare quote. Only an
   * unattributed one is the writer's own distancing (a scare quote).
   */
  attributed: boolean;
}

export interface Quotation {
  /** Offsets of the quoted words, without the quote marks. */
  start: number;
  end: number;
  text: string;
  /** Offsets including the marks. */
  outerStart: number;
  outerEnd: number;
  wordCount: number;
}

export interface Diagnostic {
  code:
    | 'unclosed-quote'
    | 'not-english'
    | 'empty-text'
    | 'unresolved-speaker'
    | 'stray-quote'
    /** Set by the app, not the core: the analyzer failed on this article. */
    | 'analysis-failed';
  message: string;
  start?: number;
  end?: number;
}

export interface FrameScore {
  /** Frame cue hits per 1,000 words. */
  per1000: number;
  /** Share of all frame hits in the article (0..1). */
  share: number;
  hits: number;
}

export interface RateByVoice {
  count: number;
  /** Hits per 1,000 words of that voice. */
  per1000: number;
}

/**
 * Loaded language in one voice: loaded terms, naming choices, non-neutral reporting verbs and
 * unattributed scare quotes counted together, with the count of each kind.
 */
export interface LoadedRate extends RateByVoice {
  kinds: Record<LoadedSignalKind, number>;
}

export interface SentenceInfo {
  start: number;
  end: number;
  paragraph: number;
  /** wink-nlp sentence sentiment, -1..1. */
  tone: number;
}

export interface NamingUse {
  concept: string;
  variant: string;
  count: number;
}

/**
 * One use of a contested name (a naming-variants match), whichever variant it is. Every use feeds
 * the naming comparison; only a use of a variant that is neither preferred nor neutral is also a
 * hit (a flag a reader sees highlighted): "Kyiv" is a name the comparison lines up against "Kiev",
 * not a bias signal. `text === article.text.slice(start, end)` always holds.
 */
export interface NameMention {
  concept: string;
  variant: string;
  category: string;
  text: string;
  start: number;
  end: number;
  voice: Voice;
  sentence: number;
  /** True when the lexicon marks the variant preferred or neutral: it is not flagged. */
  neutral: boolean;
}

export interface ArticleAnalysis {
  id: string;
  source: string;
  title: string | null;
  date: string | null;
  url: string | null;
  author: string | null;
  wordCount: number;
  /** Words inside quotation marks, in reported speech and in the outlet's narration. */
  words: Record<Voice, number>;
  language: { english: boolean; stopwordShare: number; latinShare: number };
  hits: Hit[];
  /** Every use of a contested name, flagged or not, by start. */
  names: NameMention[];
  attributions: Attribution[];
  scareQuotes: ScareQuote[];
  quotations: Quotation[];
  frames: Record<FrameId, FrameScore>;
  naming: NamingUse[];
  hedges: Record<Voice, RateByVoice>;
  boosters: Record<Voice, RateByVoice>;
  loaded: Record<Voice, LoadedRate>;
  tone: { article: number; sentences: SentenceInfo[] };
  paragraphs: { start: number; end: number }[];
  /** Offsets of the body (after front matter) and of the headline, if any. */
  body: { start: number; end: number };
  diagnostics: Diagnostic[];
  text: string;
}

export interface AnalysisReport {
  articles: ArticleAnalysis[];
  lexicons: Record<LexiconKind, string>;
}

/** Per-run choices of the user. */
export interface AnalyzeOptions {
  /** Entry ids (e.g. "regime" or "loaded-terms:regime") or exact phrases to ignore. */
  suppress?: string[];
}
