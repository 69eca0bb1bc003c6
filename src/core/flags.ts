/**
 * Flags: the findings a user may judge wrong and dismiss (or suppress on the command line).
 * Removing flags filters the findings and measures again, so a dismissed flag leaves no trace
 * in any count: naming uses, frame scores, per-voice rates, loaded language. Pure: no I/O.
 */
import type { PatternKind } from '../lexicon/schema';
import { findingsOf, measure } from './measure';
import type { ArticleAnalysis } from './types';

/** What a flag is: a lexicon hit of its kind, an attribution or a scare (or partial) quote. */
export type FlagKind = PatternKind | typeof ATTRIBUTION_KIND | typeof SCARE_QUOTE_KIND;

/** The kind name of attributions as flags; the flag's entry is the reporting-verb entry, its span the verb's. */
export const ATTRIBUTION_KIND = 'attributions';
/** The kind name of scare and partial quotes as flags; the flag's entry is the quoted text. */
export const SCARE_QUOTE_KIND = 'scare-quotes';

/** Names one flag of an article: its kind, entry and offsets (as a dismissal stores it). */
export interface FlagRef {
  kind: string;
  entry: string;
  start: number;
  end: number;
}

/** A flag with the text at its offsets. */
export interface Flag extends FlagRef {
  kind: FlagKind;
  text: string;
}

const keyOf = (f: FlagRef) => `${f.kind}\u0000${f.entry}\u0000${f.start}\u0000${f.end}`;

/**
 * Every flag of an analysis, in the order of its findings: hits, attributions, scare quotes.
 * @param a - an analysis
 */
export function flagsOf(a: ArticleAnalysis): Flag[] {
  const flags: Flag[] = [];
  for (const h of a.hits)
    flags.push({ kind: h.lexicon, entry: h.entry, start: h.start, end: h.end, text: h.text });
  for (const t of a.attributions)
    flags.push({
      kind: ATTRIBUTION_KIND,
      entry: t.verbEntry,
      start: t.verbStart,
      end: t.verbEnd,
      text: a.text.slice(t.verbStart, t.verbEnd),
    });
  for (const q of a.scareQuotes)
    flags.push({ kind: SCARE_QUOTE_KIND, entry: q.text, start: q.start, end: q.end, text: q.text });
  return flags;
}

/**
 * True when the analysis has the flag.
 * @param a - an analysis
 * @param flag - the flag's kind, entry and offsets
 */
export function hasFlag(a: ArticleAnalysis, flag: FlagRef): boolean {
  const key = keyOf(flag);
  return flagsOf(a).some((f) => keyOf(f) === key);
}

/**
 * The analysis without the given flags, measured again. Flags it does not have are ignored.
 * @param a - an analysis
 * @param flags - the flags to remove, by kind, entry and offsets
 */
export function removeFlags(a: ArticleAnalysis, flags: readonly FlagRef[]): ArticleAnalysis {
  if (!flags.length) return a;
  const gone = new Set(flags.map(keyOf));
  const f = findingsOf(a);
  return measure({
    ...f,
    hits: f.hits.filter(
      (h) => !gone.has(keyOf({ kind: h.lexicon, entry: h.entry, start: h.start, end: h.end })),
    ),
    // A dismissed naming flag was not a use of the name ("Odessa" the Texas city): the naming
    // comparison drops it too.
    names: f.names.filter(
      (n) => !gone.has(keyOf({ kind: 'naming-variants', entry: n.variant, start: n.start, end: n.end })),
    ),
    attributions: f.attributions.filter(
      (t) =>
        !gone.has(keyOf({ kind: ATTRIBUTION_KIND, entry: t.verbEntry, start: t.verbStart, end: t.verbEnd })),
    ),
    scareQuotes: f.scareQuotes.filter(
      (q) => !gone.has(keyOf({ kind: SCARE_QUOTE_KIND, entry: q.text, start: q.start, end: q.end })),
    ),
  });
}

/**
 * The flags the command line's `--suppress` names: a flag goes when an item is its entry id,
 * `kind:entry`, or its exact text (any case). An attribution also goes with its reporting verb's
 * entry (`said`, `reporting-verbs:said`), as the verb no longer counts.
 * @param a - an analysis
 * @param suppress - entry ids, `kind:entry` ids or phrases
 */
export function suppressedFlags(a: ArticleAnalysis, suppress: readonly string[]): Flag[] {
  const items = new Set(suppress.map((s) => s.toLowerCase()));
  return flagsOf(a).filter(
    (f) =>
      items.has(f.entry.toLowerCase()) ||
      items.has(`${f.kind}:${f.entry}`.toLowerCase()) ||
      items.has(f.text.toLowerCase()) ||
      (f.kind === ATTRIBUTION_KIND && items.has(`reporting-verbs:${f.entry}`.toLowerCase())),
  );
}
