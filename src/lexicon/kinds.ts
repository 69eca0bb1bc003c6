/**
 * The fixed vocabularies of the lexicons: kinds, stances and frame ids. Kept apart from the
 * schema so that the analysis and the reports can name them without loading the validator.
 */

export const LEXICON_KINDS = [
  'loaded-terms',
  'naming-variants',
  'reporting-verbs',
  'hedges',
  'boosters',
  'anonymous-sources',
  'actors',
  'frames',
  'given-names',
] as const;
export type LexiconKind = (typeof LEXICON_KINDS)[number];
/** The kinds whose entries are patterns the matcher finds; word lists such as given names only inform the analysis. */
export type PatternKind = Exclude<LexiconKind, 'given-names'>;

/** Stance names of reporting verbs; the public contract uses exactly these. */
export const STANCES = ['neutral', 'emphatic', 'endorsing', 'distancing', 'concessive', 'denial'] as const;
export type Stance = (typeof STANCES)[number];

/** The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2013), by id. */
export const FRAME_IDS = [
  'economic',
  'capacity-resources',
  'morality',
  'fairness-equality',
  'legality',
  'policy',
  'crime-punishment',
  'security-defense',
  'health-safety',
  'quality-of-life',
  'cultural-identity',
  'public-opinion',
  'political',
  'external-regulation',
  'other',
] as const;
export type FrameId = (typeof FRAME_IDS)[number];
