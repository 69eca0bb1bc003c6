/**
 * Entries referenced, not copied: in the JSON outputs each hit names its
 * lexicon entry (`lexicon` and `entry`), and the entry's text (category,
 * alternatives, note, citation…) is written once, in an `entries` map keyed by
 * kind and id. In memory a hit keeps its entry's fields, which are shared with
 * the compiled lexicon, not copied; only the serialised form changes.
 */
import type { ArticleAnalysis, Hit, LexiconKind } from '../core/types';

/** The fields of a hit that belong to its lexicon entry. */
const ENTRY_FIELDS = [
  'category',
  'alternatives',
  'note',
  'citation',
  'concept',
  'signals',
  'stance',
  'domain',
  'affiliation',
] as const;
type EntryField = (typeof ENTRY_FIELDS)[number];

/** One lexicon entry as the JSON outputs carry it. */
export type EntryInfo = Pick<Hit, 'category' | 'alternatives' | 'note' | 'citation'> &
  Partial<Pick<Hit, Exclude<EntryField, 'category' | 'alternatives' | 'note' | 'citation'>>>;

/** kind → entry id → entry: each entry the hits use, once. */
export type EntryMap = Partial<Record<LexiconKind, Record<string, EntryInfo>>>;

/** A hit as the JSON outputs carry it: the occurrence, naming its entry. */
export type HitRef = Omit<Hit, EntryField>;

/** An article as the JSON outputs carry it. */
export type ArticleJson = Omit<ArticleAnalysis, 'hits'> & { hits: HitRef[] };

/**
 * Adds the entries an article's hits use to `entries` and returns the article with hits that name them.
 * @param a - an analysis
 * @param entries - the map being built, shared by the articles of one output
 */
export function referenceEntries(a: ArticleAnalysis, entries: EntryMap): ArticleJson {
  const hits = a.hits.map((h): HitRef => {
    const byId = (entries[h.lexicon] ??= {});
    if (!byId[h.entry]) {
      const entry: Partial<Record<EntryField, unknown>> = {};
      for (const f of ENTRY_FIELDS) if (h[f] !== undefined) entry[f] = h[f];
      byId[h.entry] = entry as EntryInfo;
    }
    return {
      lexicon: h.lexicon,
      entry: h.entry,
      text: h.text,
      start: h.start,
      end: h.end,
      voice: h.voice,
      negated: h.negated,
      sentence: h.sentence,
    };
  });
  return { ...a, hits };
}

/**
 * Articles and the map of the entries they use, sorted by kind and id so the output is stable.
 * @param articles - the analyses
 */
export function referencedArticles(articles: readonly ArticleAnalysis[]): {
  articles: ArticleJson[];
  entries: EntryMap;
} {
  const found: EntryMap = {};
  const out = articles.map((a) => referenceEntries(a, found));
  const entries: EntryMap = {};
  for (const kind of Object.keys(found).sort() as LexiconKind[]) {
    const byId = found[kind]!;
    entries[kind] = Object.fromEntries(
      Object.keys(byId)
        .sort()
        .map((id) => [id, byId[id]]),
    );
  }
  return { articles: out, entries };
}

/**
 * One JSONL line's value: the article with the entries it uses.
 * @param a - an analysis
 */
export function articleLine(a: ArticleAnalysis): ArticleJson & { entries: EntryMap } {
  const { articles, entries } = referencedArticles([a]);
  return { ...articles[0], entries };
}
