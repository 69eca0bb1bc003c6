/**
 * Bidirectional text: a user string (a source, a title, a speaker, quoted
 * words) with right-to-left letters or direction controls is isolated, so it
 * keeps its own direction and cannot reorder the text written around it
 * (Unicode Standard Annex #9, "Unicode Bidirectional Algorithm", isolates).
 */

/** Isolate initiators (LRI, RLI, FSI) and the isolate terminator (PDI) of the Unicode Bidirectional Algorithm. */
const ISOLATE_INITIATORS = new Set(['\u2066', '\u2067', '\u2068']);
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and the other
 * right-to-left blocks) and explicit direction marks, embeddings, overrides
 * and isolates: text with one of these can reorder what is written around it.
 */
const BIDI_SENSITIVE =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * Text whose isolates are paired, so that, put inside an isolate of its own,
 * it cannot end that isolate early nor leave one open after it: an FSI before
 * it for each PDI that closes nothing in it, a PDI after it for each isolate it
 * leaves open. Embeddings and overrides (LRE, RLE, LRO, RLO) need nothing: the
 * enclosing isolate's PDI ends them (Unicode Standard Annex #9, rule X6a).
 * Nothing of the text is removed.
 * @param text - any text
 */
export function balanceIsolates(text: string): string {
  let open = 0;
  let unmatched = 0;
  for (const c of text) {
    if (ISOLATE_INITIATORS.has(c)) open++;
    else if (c === PDI) {
      if (open > 0) open--;
      else unmatched++;
    }
  }
  return unmatched || open ? FSI.repeat(unmatched) + text + PDI.repeat(open) : text;
}

/**
 * Text for a plain-text format, isolated (FSI … PDI, UAX #9) when it holds
 * right-to-left letters or direction controls, so a right-to-left override in
 * a name cannot reverse the offsets or words printed after it; other text is
 * returned as it is.
 * @param value - any value; null and undefined become the empty string
 */
export function isolateText(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value is shown as its string form
  const text = String(value ?? '');
  return BIDI_SENSITIVE.test(text) ? `${FSI}${balanceIsolates(text)}${PDI}` : text;
}
