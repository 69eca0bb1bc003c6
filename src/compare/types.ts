/**
 * The public contract of a comparison of several analysed articles about one
 * event. Field names here are the `comparison` object of
 * `framelens compare --format json`. Every list is in a stable order (article
 * input order, then keys in code-unit order) so the same input gives
 * byte-identical JSON.
 */
import type { AttributionForm, FrameId, LoadedSignalKind, SpeakerType, Stance, Voice } from '../core/types';

export type { FrameId, Stance, Voice };

/** Per-run choices for {@link compareArticles}. Every threshold has a documented default. */
export interface CompareOptions {
  /** Largest number of articles for which the full divergence matrix is given (default 50). */
  matrixLimit?: number;
  /** TF-IDF cosine from which two sentences report the same fact (default 0.35). */
  factSimilarity?: number;
  /** Postings examined per term when looking for similar sentences (default 100). */
  maxPostings?: number;
  /** Jaccard of word 5-shingles from which two articles are near-duplicates (default 0.6). */
  syndicationJaccard?: number;
  /** Containment (shared shingles / shingles of the shorter) from which a trimmed reprint is flagged (default 0.8). */
  syndicationContainment?: number;
  /** Most claims in the summary (default 6). */
  summaryClaims?: number;
}

export interface ComparedArticle {
  id: string;
  source: string;
  title: string | null;
  date: string | null;
}

// ---------------------------------------------------------------- naming

export interface VariantUse {
  variant: string;
  count: number;
  /** How many of the uses are inside quoted speech (a speaker's choice, not the outlet's). */
  quoted: number;
  /** Distinct surface forms as written, e.g. ["Kiev", "Kiev's"]. */
  forms: string[];
}

export interface NamingRow {
  /** Naming-variant concept id, e.g. "kyiv". */
  concept: string;
  /** Lexicon category: place-name, group-label, people-label, event-label… */
  category: string;
  /** Articles that use the concept, in input order. */
  uses: { articleId: string; variants: VariantUse[] }[];
  /** Articles that never name the concept. */
  absent: string[];
  /** True when the articles that name the concept did not all use the same variants. */
  differs: boolean;
}

export interface ActorLabelRow {
  /** Actor entry id from the actors lexicon. */
  actor: string;
  affiliation: string | null;
  uses: { articleId: string; forms: { form: string; count: number }[] }[];
  absent: string[];
  differs: boolean;
}

export interface NamingComparison {
  concepts: NamingRow[];
  actors: ActorLabelRow[];
  /** Concept ids whose variants differ between articles. */
  differences: string[];
}

// ---------------------------------------------------------------- loaded terms

export interface Rate {
  count: number;
  /** Per 1,000 words (of the article, or of the voice for a by-voice rate). */
  per1000: number;
}

export interface LoadedBySource {
  articleId: string;
  words: { total: number } & Record<Voice, number>;
  /**
   * The outlet's own loaded language (narration and reported speech): loaded terms, naming
   * choices, non-neutral reporting verbs and unattributed scare quotes, per 1,000 of its own words.
   */
  total: Rate & { kinds: Record<LoadedSignalKind, number> };
  /** The same signals in each voice, per 1,000 words of that voice. */
  byVoice: Record<Voice, Rate>;
  byCategory: {
    category: string;
    count: number;
    per1000: number;
    quoted: number;
    reported: number;
    narration: number;
  }[];
  terms: { entry: string; category: string; count: number; forms: string[] }[];
  hedges: Record<Voice, Rate>;
  boosters: Record<Voice, Rate>;
}

export interface UniqueTerm {
  entry: string;
  category: string;
  articleId: string;
  count: number;
  forms: string[];
  alternatives: string[];
}

export interface LoadedTermsComparison {
  bySource: LoadedBySource[];
  /** Entries used by exactly one article (empty for a single shared vocabulary). */
  uniqueTerms: UniqueTerm[];
}

// ---------------------------------------------------------------- attributions

export type StanceCounts = Record<Stance, number>;

export interface SpeakerAttribution {
  verb: string;
  stance: Stance;
  form: AttributionForm;
  paragraph: number;
  start: number;
  end: number;
}

export interface SpeakerSummary {
  /** Matching key across articles: surname for people, lower-cased name otherwise. */
  key: string;
  /** Display name: the fullest form seen in any article. */
  speaker: string;
  speakerType: SpeakerType;
  side: string;
  attributions: SpeakerAttribution[];
  stances: StanceCounts;
  /** Quoted or reported words given to the speaker. */
  words: number;
  /** Share of all quoted or reported words in the article (0..1). */
  share: number;
}

export interface SideSummary {
  side: string;
  speakers: string[];
  count: number;
  words: number;
  share: number;
  stances: StanceCounts;
}

export interface NamedShare {
  count: number;
  words: number;
  /** Share of the article's attributions (0..1). */
  share: number;
}

export interface ArticleAttributions {
  articleId: string;
  count: number;
  /** All quoted or reported words. */
  words: number;
  speakers: SpeakerSummary[];
  sides: SideSummary[];
  named: NamedShare;
  anonymous: NamedShare;
  unresolved: NamedShare;
}

export interface StanceUse {
  articleId: string;
  /** Each distinct reporting verb (lower-cased) with its stance. */
  verbs: { verb: string; stance: Stance }[];
  stances: Stance[];
  /** Offset of each attribution's verb, in text order: where a reader checks the verbs. */
  verbStarts: number[];
}

/**
 * The same speaker or side introduced with a distancing or denial verb in one
 * article and only with neutral, emphatic or endorsing verbs in another.
 */
export interface Asymmetry {
  kind: 'speaker' | 'side';
  key: string;
  label: string;
  distancing: StanceUse[];
  credited: StanceUse[];
}

export interface AttributionComparison {
  byArticle: ArticleAttributions[];
  /** The known sides (actors' affiliations) of all speakers, sorted. */
  sides: string[];
  /** True when speakers stand on two or more known sides; otherwise sides are not compared. */
  sidesCompared: boolean;
  asymmetries: Asymmetry[];
}

// ---------------------------------------------------------------- shared quotes

export interface QuoteUse {
  articleId: string;
  text: string;
  start: number;
  end: number;
  wordCount: number;
  speaker: string | null;
  verb: string | null;
  stance: Stance | null;
  /** wordCount / wordCount of the longest version (0..1). */
  kept: number;
  paragraph: number;
}

export interface SharedQuote {
  id: string;
  /** The longest version's text. */
  text: string;
  uses: QuoteUse[];
  /** What differs between the articles: "stance", "verb", "kept", "placement". */
  differences: string[];
}

export interface QuoteComparison {
  shared: SharedQuote[];
}

// ---------------------------------------------------------------- prominence

export type Placement = 'headline' | 'lead' | 'body';

export interface PlacementUse {
  articleId: string;
  placement: Placement;
  /** Paragraph rank of the first mention in the body (0 = lead); null when only in the headline. */
  paragraph: number | null;
  start: number | null;
  end: number | null;
}

export interface ProminenceRow {
  kind: 'actor' | 'speaker';
  key: string;
  label: string;
  uses: PlacementUse[];
  absent: string[];
  /** True when the articles that mention it place it differently. */
  differs: boolean;
}

export interface ProminenceComparison {
  rows: ProminenceRow[];
  differences: string[];
}

// ---------------------------------------------------------------- frames

export interface FrameProfile {
  articleId: string;
  /** Share per frame id, in the codebook's order, summing to 1 (or all 0 without frame cues). */
  shares: Record<FrameId, number>;
  hits: number;
  dominant: FrameId | null;
}

export interface Peer {
  articleId: string;
  divergence: number;
}

export interface FramePeers {
  articleId: string;
  nearest: Peer | null;
  farthest: Peer | null;
}

export interface ToneBySource {
  articleId: string;
  tone: number;
  mostNegative: { sentence: number; tone: number } | null;
  mostPositive: { sentence: number; tone: number } | null;
}

export interface FrameComparison {
  profiles: FrameProfile[];
  divergence: {
    /** Jensen-Shannon divergence (base 2, 0..1) by article id; null above matrixLimit articles. null cells: an article without frame cues. */
    matrix: Record<string, Record<string, number | null>> | null;
    peers: FramePeers[];
    /** The most divergent pair, if any. */
    maxPair: { a: string; b: string; divergence: number } | null;
  };
  tone: ToneBySource[];
}

// ---------------------------------------------------------------- fact alignment

export interface DiffSegment {
  text: string;
  /** True when these words are not shared with the group's other member(s). */
  differs: boolean;
}

export interface FactMember {
  articleId: string;
  /** Index into the article's `tone.sentences`. */
  sentence: number;
  start: number;
  end: number;
  text: string;
  /** Cosine to the group's first member (1 for the first member). */
  similarity: number;
  /** `text` cut into runs; concatenated they give `text` exactly. */
  segments: DiffSegment[];
}

export interface FactGroup {
  id: string;
  articles: string[];
  members: FactMember[];
  /** True when any member words the fact differently. */
  differs: boolean;
}

export interface FactAlignment {
  groups: FactGroup[];
  /** Number of sentences considered and candidate pairs scored: the cost of the alignment. */
  stats: { sentences: number; candidates: number; skippedTerms: number };
}

// ---------------------------------------------------------------- omissions

/** A passage of an article, `text === article.text.slice(start, end)`. */
export interface PassageRef {
  articleId: string;
  start: number;
  end: number;
  text: string;
}

/** For an article said to omit something: the closest it comes, and why that does not count. */
export interface ClosestPassage {
  articleId: string;
  /** null when the article has nothing close at all. */
  start: number | null;
  end: number | null;
  text: string | null;
  /** Share of the fact's weighted key terms the passage carries (0..1); 0 for actors and speakers. */
  score: number;
  /** The names and numbers of the fact (or the actor's forms, the speaker's name) the article lacks. */
  missing: string[];
  /** One plain sentence a reader can check. */
  reason: string;
}

export interface OmissionEvidence {
  /** Where each article that has it carries it. */
  present: PassageRef[];
  /** For each article said to omit it. */
  closest: ClosestPassage[];
}

export interface Omission {
  kind: 'fact' | 'actor' | 'speaker';
  key: string;
  label: string;
  presentIn: string[];
  missingFrom: string[];
  /** Rank weight: articles that carry it, nearness to the lead, names and numbers. Higher first within a kind. */
  importance: number;
  evidence: OmissionEvidence;
}

export interface Omissions {
  /** Facts first, then actors, then speakers; each kind most important first. */
  items: Omission[];
}

// ---------------------------------------------------------------- syndication

/** A sentence two articles carry word for word. */
export interface SharedSentence {
  a: PassageRef;
  b: PassageRef;
}

export interface SyndicatedPair {
  a: string;
  b: string;
  /** `copy`: the articles as wholes are near-duplicates; `partial`: they share wire sentences within different copy. */
  kind: 'copy' | 'partial';
  jaccard: number;
  /** Shared shingles over the shingles of the shorter article. */
  containment: number;
  /** How many sentences the two carry word for word. */
  sharedCount: number;
  /** The first of them (at most five), in the order of article a; `sharedCount` says how many more there are. */
  shared: SharedSentence[];
}

export interface Syndication {
  pairs: SyndicatedPair[];
  /** Groups of articles that are copies of one another. */
  clusters: string[][];
}

// ---------------------------------------------------------------- summary

export type ComparisonPart =
  | 'naming'
  | 'loadedTerms'
  | 'attributions'
  | 'quotes'
  | 'prominence'
  | 'frames'
  | 'alignment'
  | 'omissions'
  | 'syndication';

export interface Evidence {
  part: ComparisonPart;
  key: string;
}

export interface SummaryClaim {
  text: string;
  evidence: Evidence;
  /** The passages of the articles a reader checks the claim against; never empty. */
  passages: PassageRef[];
}

export interface Summary {
  /** One plain-language paragraph, the claims joined. */
  text: string;
  claims: SummaryClaim[];
}

// ---------------------------------------------------------------- whole

export interface Comparison {
  articles: ComparedArticle[];
  naming: NamingComparison;
  loadedTerms: LoadedTermsComparison;
  attributions: AttributionComparison;
  quotes: QuoteComparison;
  prominence: ProminenceComparison;
  frames: FrameComparison;
  alignment: FactAlignment;
  omissions: Omissions;
  syndication: Syndication;
  summary: Summary;
}
