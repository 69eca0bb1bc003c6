/**
 * Small shared helpers of the comparison: word splitting with offsets,
 * stemming, stable ordering, rounding and hashing. Pure.
 */
import { PorterStemmer } from 'natural/lib/natural/stemmers';
import type { ArticleAnalysis } from '../core/types';
import { isolateText } from '../core/bidi';
import { lastStartingAtOrBefore } from '../core/spans';

/** A word of the text with its offsets; `norm` is lower-cased with curly apostrophes straightened. */
export interface Word {
  norm: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;

/**
 * The text with the stops of acronyms removed ("F.B.I." reads "FBI"), padded with spaces so that
 * every offset still points at the same character.
 */
export function withoutAcronymStops(text: string): string {
  return text.replace(/\b(?:\p{Lu}\.){2,}/gu, (m) => m.replace(/\./g, '').padEnd(m.length, ' '));
}

/** Splits text into words (letters and digits, inner apostrophes and hyphens kept). */
export function words(text: string, offset = 0): Word[] {
  const out: Word[] = [];
  // exec on the shared pattern rather than matchAll's copy of it: every comparison part splits text
  // into words, so this runs hot. Nothing runs between the calls, and lastIndex is reset on the way in.
  const re = WORD;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const lower = m[0].toLowerCase();
    out.push({
      norm: lower.includes('\u2019') ? lower.replace(/\u2019/g, "'") : lower,
      start: offset + m.index,
      end: offset + m.index + m[0].length,
    });
  }
  return out;
}

/** Number of words in a text. */
export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

/**
 * English function words that carry no fact of their own. A short list in the
 * spirit of the SMART stop list (Salton 1971) used by IR systems; content
 * words are what TF-IDF should weigh (Manning, Raghavan & Schütze 2008, §2.2.2).
 */
export const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could ' +
    'did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into ' +
    'is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she ' +
    'should so some such than that the their theirs them themselves then there these they this those through to too under until up very ' +
    "was we were what when where which while who whom why will with would you your yours yourself yourselves its it's that's there's " +
    "he's she's they're we're i'm don't doesn't didn't isn't wasn't aren't weren't won't can't may might must shall " +
    'one two three mr ms mrs per via upon s t'
  ).split(/\s+/),
);

const stemCache = new Map<string, string>();
/** Porter stem of a lower-cased word, cached (Porter 1980). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word.replace(/'s$/, ''));
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

/** Code-unit string order: unlike localeCompare it does not depend on the ICU build. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rounds to a fixed number of decimals so JSON stays short and stable. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Paragraph rank (0 = lead) of an offset, by binary search over the article's paragraphs. */
export function paragraphOf(analysis: ArticleAnalysis, offset: number): number {
  return Math.max(0, lastStartingAtOrBefore(analysis.paragraphs, offset));
}

/** Sorted distinct strings. */
export function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(cmp);
}

/** The most words of a title a label quotes. */
const LABEL_TITLE_WORDS = 8;

/**
 * Labels that tell articles apart: the source alone when it is the only
 * article from that source; otherwise the source with the article's date,
 * or its title when the date does not tell it from the others, or both, or
 * its place among them ("article 2 of 3"); never an internal id.
 * @param articles - the articles in order, with the source to show for each
 * @returns each article's label by id
 */
export function distinguishingLabels(
  articles: { id: string; source: string; title: string | null; date: string | null }[],
): Map<string, string> {
  const bySource = new Map<string, typeof articles>();
  for (const a of articles) bySource.set(a.source, [...(bySource.get(a.source) ?? []), a]);
  const labels = new Map<string, string>();
  const quoted = (title: string) => {
    const words = title.split(/\s+/);
    return `“${words.length > LABEL_TITLE_WORDS ? `${words.slice(0, LABEL_TITLE_WORDS).join(' ')}…` : title}”`;
  };
  for (const [source, group] of bySource) {
    type Article = (typeof articles)[number];
    const unique = (value: (a: Article) => string | null, a: Article) =>
      value(a) !== null && group.filter((b) => value(b) === value(a)).length === 1;
    const both = (a: Article) => (a.date && a.title ? `${a.date}, ${quoted(a.title)}` : null);
    group.forEach((a, i) => {
      if (group.length === 1) labels.set(a.id, source);
      else if (unique((x) => x.date, a)) labels.set(a.id, `${source}, ${a.date}`);
      else if (unique((x) => x.title, a)) labels.set(a.id, `${source}, ${quoted(a.title!)}`);
      else if (unique(both, a)) labels.set(a.id, `${source}, ${both(a)}`);
      else labels.set(a.id, `${source}, article ${i + 1} of ${group.length}`);
    });
  }
  return labels;
}

/** A share (0..1) as a whole percentage: "42%". */
export const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A short letter per article (A, B, …, Z, AA…) used in charts and tables. */
export const articleLetter = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : articleLetter(Math.floor(i / 26) - 1) + articleLetter(i % 26);

/**
 * A human label of an article for prose: its source, told apart by date or title when two
 * articles share a source; with `letterSeparator`, after the article's letter ("B · Wire").
 * @param analyses - the articles, in column order
 * @param letterSeparator - put the article's letter and this before the label
 */
export function articleLabeller(
  analyses: ArticleAnalysis[],
  letterSeparator?: string,
): (id: string) => string {
  const labels = distinguishingLabels(analyses);
  if (letterSeparator !== undefined)
    analyses.forEach((a, i) => labels.set(a.id, `${articleLetter(i)}${letterSeparator}${labels.get(a.id)}`));
  // A label sits in prose and tables next to other words: one with right-to-left text or controls is isolated.
  for (const [id, label] of labels) labels.set(id, isolateText(label));
  return (id) => labels.get(id) ?? id;
}
