/**
 * The shape of a lexicon file. Lexicons are data: one YAML (or JSON) file per
 * kind in `lexicons/`, validated here when loaded (the loader is the only code
 * that reads them). Patterns are token sequences, never regular expressions,
 * so no user pattern can stall the matcher.
 */
import { z } from 'zod';
import { FRAME_IDS, STANCES } from './kinds';

export { FRAME_IDS, LEXICON_KINDS, STANCES } from './kinds';
export type { FrameId, LexiconKind, PatternKind, Stance } from './kinds';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens (e.g. "so-called")');
const text = z.string().trim().min(1, 'must not be empty');
/** A pattern is plain words separated by spaces: at most 8 tokens, no regex syntax. */
const pattern = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'is longer than 120 characters')
  .refine((p) => !/[\\^$*+?{}[\]|()]/.test(p), 'must be plain words, not a regular expression');
const patterns = z.array(pattern).min(1, 'needs at least one pattern');

/** Universal Dependencies part-of-speech tags, as wink-nlp assigns them. */
export const POS_TAGS = [
  'ADJ',
  'ADP',
  'ADV',
  'AUX',
  'CCONJ',
  'DET',
  'INTJ',
  'NOUN',
  'NUM',
  'PART',
  'PRON',
  'PROPN',
  'PUNCT',
  'SCONJ',
  'SYM',
  'VERB',
  'X',
] as const;
export type PosTag = (typeof POS_TAGS)[number];

/** A neighbouring word: one plain word, matched by its lemma or its form. */
const neighbour = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}'-]+$/u, 'must be one word (letters, digits, apostrophes, hyphens)');

/**
 * Where an entry's judgement comes from. A shipped entry cites with `ref`, the
 * id of a work in `lexicons/references.yaml`, and an optional `locator` (page,
 * section or headword); `also` lists further works. A user lexicon may instead
 * give a free-text `citation`. The loader checks which is required and builds
 * the `citation` text that reports show from the reference and its locator.
 */
const citing = {
  ref: id.optional(),
  locator: text.optional(),
  also: z.array(z.strictObject({ ref: id, locator: text.optional() })).optional(),
  citation: text.optional(),
};

const base = {
  id,
  patterns,
  category: id,
  alternatives: z.array(text).default([]),
  note: text,
  ...citing,
  exceptions: z.array(pattern).default([]),
  /** Parts of speech the match must have (any word of it), e.g. [VERB] for "blast" as "criticise". */
  pos: z.array(z.enum(POS_TAGS)).min(1, 'lists at least one tag').optional(),
  /** The sense needs one of these words within a few words of the match, in the same sentence. */
  near: z.array(neighbour).min(1, 'lists at least one word').optional(),
  /** The match is dropped when one of these words stands within a few words of it. */
  notNear: z.array(neighbour).min(1, 'lists at least one word').optional(),
};

export const LOADED_TERM_DOMAINS = [
  'general',
  'politics',
  'conflict',
  'crime',
  'protest',
  'migration',
  'economy',
  'health',
  'environment',
  'society',
] as const;

export const loadedTermEntry = z.strictObject({
  ...base,
  /** The area of news language the term belongs to. */
  domain: z.enum(LOADED_TERM_DOMAINS),
  /** What the word loads: the connotation a neutral writer avoids. */
  loads: text.optional(),
});

export const namingVariant = z.strictObject({
  id,
  patterns,
  /** What choosing this variant signals about the writer's perspective. */
  signals: text,
  /** True for the form recommended by style guides or official naming decisions. */
  preferred: z.boolean().default(false),
  /**
   * True for a form the concept's sources describe as descriptive or standard without
   * recommending it over the others (a geographic name, a statutory name, a legal status): a use
   * is compared across outlets but not flagged. A preferred form is neutral too.
   */
  neutral: z.boolean().default(false),
  exceptions: z.array(pattern).default([]),
});

export const namingConcept = z.strictObject({
  id,
  /** Human label of the thing being named, e.g. "capital of Ukraine". */
  concept: text,
  category: id,
  note: text,
  ...citing,
  variants: z.array(namingVariant).min(2, 'a naming concept needs at least two variants'),
});

/** What a reporting cue reports (PolNeAR's scheme): speech, thought, evidence, or a refusal to comment. */
export const ATTRIBUTION_CUES = ['speech', 'thought', 'evidence', 'refusal'] as const;
export type AttributionCue = (typeof ATTRIBUTION_CUES)[number];

export const reportingVerbEntry = z.strictObject({
  ...base,
  stance: z.enum(STANCES),
  /** What the cue reports; most reporting verbs report speech. */
  cue: z.enum(ATTRIBUTION_CUES).default('speech'),
  /** verb (said), noun (statement), or cue (according to). */
  form: z.enum(['verb', 'noun', 'cue']).default('verb'),
});

export const hedgeEntry = z.strictObject({ ...base });

export const anonymousSourceEntry = z.strictObject({ ...base });

export const actorEntry = z.strictObject({
  ...base,
  /** Display name, e.g. "Sergei Ryabkov" or "the Kremlin". */
  name: text,
  /** Country or camp the actor belongs to, e.g. "russia", "ukraine", "us". */
  affiliation: id,
  media: z.boolean().default(false),
  gender: z.enum(['female', 'male']).optional(),
  role: text.optional(),
});

export const frameEntry = z.strictObject({
  ...base,
  id: z.enum(FRAME_IDS),
  label: text,
});

/**
 * A word list with one citation, not patterns to flag: given names by the sex their bearers are
 * recorded with, which the speaker analysis reads to match "he" or "she" to a named person.
 */
export const givenNamesEntry = z.strictObject({
  id,
  gender: z.enum(['female', 'male']),
  names: z.array(neighbour).min(1, 'lists at least one name'),
  note: text,
  ...citing,
});

const fileHeader = {
  /** Optional human description of the file. */
  description: text.optional(),
};

export const lexiconFile = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('loaded-terms'), ...fileHeader, entries: z.array(loadedTermEntry) }),
  z.strictObject({ kind: z.literal('naming-variants'), ...fileHeader, entries: z.array(namingConcept) }),
  z.strictObject({ kind: z.literal('reporting-verbs'), ...fileHeader, entries: z.array(reportingVerbEntry) }),
  z.strictObject({ kind: z.literal('hedges'), ...fileHeader, entries: z.array(hedgeEntry) }),
  z.strictObject({ kind: z.literal('boosters'), ...fileHeader, entries: z.array(hedgeEntry) }),
  z.strictObject({
    kind: z.literal('anonymous-sources'),
    ...fileHeader,
    entries: z.array(anonymousSourceEntry),
  }),
  z.strictObject({ kind: z.literal('actors'), ...fileHeader, entries: z.array(actorEntry) }),
  z.strictObject({ kind: z.literal('frames'), ...fileHeader, entries: z.array(frameEntry) }),
  z.strictObject({ kind: z.literal('given-names'), ...fileHeader, entries: z.array(givenNamesEntry) }),
]);

/** One published work that lexicon entries cite, from `references.yaml`. */
export const referenceEntry = z
  .strictObject({
    id,
    /** Authors, "Surname, Initials" joined by "; " (or leave out and give the publisher). */
    authors: text.optional(),
    /** The publisher or issuing body; required when there are no authors. */
    publisher: text.optional(),
    title: text,
    /** Year of publication, or of the edition or page version cited. */
    year: z.union([z.number().int().min(1500).max(2100), text]),
    url: z.url({ message: 'must be a URL (https://...)' }).optional(),
    edition: text.optional(),
  })
  .refine((r) => r.authors !== undefined || r.publisher !== undefined, {
    message: "needs 'authors' or 'publisher'",
    path: ['authors'],
  })
  .refine((r) => r.url !== undefined || r.edition !== undefined, {
    message: "needs a 'url' or an 'edition' so a reader can find the work",
    path: ['url'],
  });

export const referencesFile = z.strictObject({
  description: text.optional(),
  references: z.array(referenceEntry),
});

export type Reference = z.infer<typeof referenceEntry>;

/** An entry as the analysis sees it: its citation text is always resolved. */
type Cited<T> = Omit<T, 'citation'> & { citation: string };

export type LexiconFile = z.infer<typeof lexiconFile>;
export type LoadedTermEntry = Cited<z.infer<typeof loadedTermEntry>>;
export type NamingConcept = Cited<z.infer<typeof namingConcept>>;
export type NamingVariant = z.infer<typeof namingVariant>;
export type ReportingVerbEntry = Cited<z.infer<typeof reportingVerbEntry>>;
export type HedgeEntry = Cited<z.infer<typeof hedgeEntry>>;
export type ActorEntry = Cited<z.infer<typeof actorEntry>>;
export type FrameEntry = Cited<z.infer<typeof frameEntry>>;
export type GivenNamesEntry = Cited<z.infer<typeof givenNamesEntry>>;
