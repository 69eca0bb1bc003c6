/**
 * The language layer: one pass of wink-nlp per article, turned into plain
 * token records whose offsets point into the original text.
 *
 * wink-nlp is lossless (each token keeps its preceding whitespace), so offsets
 * are recovered by walking the tokens; the text is first normalised
 * character-for-character (curly quotes, dashes, odd spaces) so that offsets
 * in the normalised copy equal offsets in the original.
 */
import type { WinkMethods } from 'wink-nlp';
import { lastStartingAtOrBefore } from './spans';

export interface Token {
  /** Offsets into the original text, `[start, end)`. */
  start: number;
  end: number;
  /** Normalised surface form (curly quotes straightened), original case. */
  value: string;
  /** Lower-case normalised surface form. */
  lower: string;
  /** Lower-case lemma. */
  lemma: string;
  /** Universal POS tag from wink-nlp (NOUN, PROPN, VERB, ...). */
  pos: string;
  /** wink-nlp token type: word, punctuation, number, ... */
  type: string;
  negated: boolean;
  stop: boolean;
  /** Index of the (quote-aware) sentence. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of the first token and one past the last. */
  first: number;
  last: number;
  paragraph: number;
  tone: number;
}

export interface TokenizedText {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  paragraphs: { start: number; end: number }[];
}

/** The part of a wink-nlp model instance that grows as documents are read. */
interface LexemeTable {
  hash: Record<string, number>;
  list: string[];
  intrinsicSize: number;
}

let instance: { nlp: WinkMethods; its: WinkMethods['its']; lexemes: LexemeTable | null } | null = null;

/** Words read beyond the model's own before the instance is rebuilt, to bound its memory. */
const MAX_FORGOTTEN_WORDS = 1_000_000;

/** The wink-nlp instance, created once per process (model loading costs ~100 ms). */
export function language() {
  if (!instance) {
    // Loaded on first use, not at import: the model costs ~25 MB, which a process that only
    // validates lexicons or coordinates batch workers should not pay.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
    const model = require('wink-eng-lite-web-model') as typeof import('wink-eng-lite-web-model').default;
    /* eslint-enable @typescript-eslint/no-require-imports */
    // wink's default pipeline minus 'ner' and 'cer': nothing reads entities, and named-entity
    // recognition was ~30% of readDoc. Tokens, sentences, negation, sentiment and POS are unchanged.
    // The model instance is captured so that words learned from one document can be forgotten
    // before the next (see readDocAlone).
    let lexemes: LexemeTable | null = null;
    const capturing = {
      ...model,
      core: () => {
        const core = (model as unknown as { core: () => { features: { lexeme: LexemeTable } } }).core();
        lexemes = core.features.lexeme;
        return core;
      },
    } as unknown as typeof model;
    const nlp = winkNLP(capturing, ['sbd', 'negation', 'sentiment', 'pos']);
    instance = { nlp, its: nlp.its, lexemes };
  }
  return instance;
}

/**
 * Reads one document as a fresh wink-nlp instance would. wink-nlp adds every word it has not seen
 * to its vocabulary, and a word it knows is no longer split: once "Trump's." has been read, a later
 * "Trump's divorce" stays one token instead of "Trump" + "'s". The analysis of an article would
 * then depend on the articles read before it in the same process; same input, same report
 * requires it not to. The words this document added are forgotten after it is read.
 */
export function readDocAlone(body: string) {
  const wink = language();
  const lexemes = wink.lexemes;
  const before = lexemes?.list.length ?? 0;
  const doc = wink.nlp.readDoc(body);
  if (lexemes) {
    for (let i = before; i < lexemes.list.length; i++) {
      const word = lexemes.list[i];
      if (lexemes.hash[word] === i) delete lexemes.hash[word];
    }
    if (lexemes.list.length - lexemes.intrinsicSize > MAX_FORGOTTEN_WORDS) instance = null;
  }
  return doc;
}

/** Whether a lower-case word is English: in wink's vocabulary, itself or by its lemma ("governments" → "government"). */
export function isEnglishWord(word: string): boolean {
  const { its } = language();
  const doc = readDocAlone(word);
  if (!doc.isOOV(word)) return true;
  // wink's typings do not accept every `its` helper in `out`; the value is as documented.
  const lemma = (doc.tokens().out(its.lemma as never) as unknown as string[])[0];
  return typeof lemma === 'string' && lemma !== word && !doc.isOOV(lemma);
}

const SAME_LENGTH_MAP: Record<string, string> = {
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2033': '"',
  '\uff02': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u2039': "'",
  '\u203a': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u205f': ' ',
  '\u3000': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2008': ' ',
  '\u200b': ' ',
  '\ufeff': ' ',
  '\u0000': ' ',
};
/* eslint-disable no-control-regex -- NUL is one of the characters mapped to a space */
const NEEDS_MAP =
  /[\u201c-\u201f\u00ab\u00bb\u2033\uff02\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u2010-\u2015\u2212\u00a0\u2002-\u200b\u202f\u205f\u3000\ufeff\u0000]/g;
/* eslint-enable no-control-regex */

/**
 * Replaces typographic quotes, dashes and unusual spaces with ASCII, one
 * UTF-16 unit for one, so every offset stays valid for the original.
 */
export function normalizeSameLength(text: string): string {
  return text.replace(NEEDS_MAP, (ch) => SAME_LENGTH_MAP[ch] ?? ch);
}

/** Longest run without white space that is tokenized as it stands. */
export const MAX_RUN = 256;

/**
 * wink-nlp's cost grows faster than linearly with the length of a single
 * token (a 200,000-character token takes ~20 s), so in the copy that is
 * tokenized, every MAX_RUN-th character of a longer run becomes a space.
 * Same length, so offsets still hold; such runs are never words a lexicon
 * could match.
 */
export function breakLongRuns(text: string): string {
  if (!/\S{257}/.test(text)) return text;
  return text.replace(/\S{257,}/g, (run) => {
    const chars = run.split('');
    for (let i = MAX_RUN; i < chars.length; i += MAX_RUN) {
      // Do not split a surrogate pair: move to the next unit instead.
      while (i < chars.length && /[\udc00-\udfff]/.test(chars[i])) i++;
      if (i < chars.length) chars[i] = ' ';
    }
    return chars.join('');
  });
}

/** Paragraphs: runs of text separated by blank lines. */
export function findParagraphs(text: string, from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /\n[ \t\r\f\v]*\n\s*/g;
  re.lastIndex = from;
  let start = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    pushTrimmed(text, start, m.index, out);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, to, out);
  return out;
}

function pushTrimmed(text: string, start: number, end: number, out: { start: number; end: number }[]) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}

/**
 * Tokenizes `text[from, to)` with one wink-nlp pass.
 * @param text - the original article text
 * @param from - offset where the analysed body starts
 * @param to - offset where it ends
 * @param quoteSpans - quotation spans; a sentence boundary inside one is removed so a quotation stays in one sentence
 */
export function tokenize(
  text: string,
  from = 0,
  to = text.length,
  quoteSpans: { start: number; end: number; outerEnd?: number }[] = [],
): TokenizedText {
  const { its } = language();
  const body = breakLongRuns(normalizeSameLength(text.slice(from, to)));
  const doc = readDocAlone(body);
  // wink's typings do not accept every `its` helper in `out`; the values are as documented.
  const tokenOut = <T>(helper?: unknown) => doc.tokens().out(helper as never) as unknown as T[];
  const sentenceOut = <T>(helper: unknown) => doc.sentences().out(helper as never) as unknown as T[];
  const values = tokenOut<string>();
  const spaces = tokenOut<string>(its.precedingSpaces);
  const lemmas = tokenOut<string>(its.lemma);
  const pos = tokenOut<string>(its.pos);
  const types = tokenOut<string>(its.type);
  const negation = tokenOut<boolean>(its.negationFlag);
  const stops = tokenOut<boolean>(its.stopWordFlag);
  const spans = sentenceOut<[number, number]>(its.span);
  const tones = sentenceOut<number>(its.sentiment);

  const tokens = new Array<Token>(values.length);
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    offset += spaces[i].length;
    const value = values[i];
    let start = offset;
    if (body.startsWith(value, start) === false) {
      // Defensive: resynchronise if wink ever altered a token.
      const found = body.indexOf(value, offset);
      start = found >= 0 ? found : offset;
    }
    const end = Math.min(start + value.length, body.length);
    offset = end;
    tokens[i] = {
      start: start + from,
      end: end + from,
      value,
      lower: value.toLowerCase(),
      lemma: (lemmas[i] ?? value).toLowerCase(),
      pos: pos[i] ?? 'X',
      type: types[i] ?? 'word',
      negated: Boolean(negation[i]),
      stop: Boolean(stops[i]),
      sentence: 0,
    };
  }

  const paragraphs = findParagraphs(text, from, to);
  const paragraphOf = (offsetInText: number) => Math.max(0, lastStartingAtOrBefore(paragraphs, offsetInText));

  // Sentence boundaries: wink's, plus every paragraph break, minus any that fall inside a quotation.
  const boundaries = new Set<number>();
  for (const [a] of spans) boundaries.add(a);
  for (let i = 1; i < tokens.length; i++) {
    if (paragraphOf(tokens[i].start) !== paragraphOf(tokens[i - 1].start)) boundaries.add(i);
  }
  const sortedQuotes = [...quoteSpans].sort((a, b) => a.start - b.start);
  const samePara = (i: number) => paragraphOf(tokens[i].start) === paragraphOf(tokens[i - 1].start);
  let q = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    while (q < sortedQuotes.length && (sortedQuotes[q].outerEnd ?? sortedQuotes[q].end) <= t.start) q++;
    const quote = sortedQuotes[q];
    if (quote && t.start > quote.start && boundaries.has(i) && samePara(i)) {
      boundaries.delete(i);
      // A boundary inside the closing mark ("…us.'' Sen. Ford") belongs after it, when the quoted
      // sentence ended and the next one starts with a capital.
      if (t.start >= quote.end) {
        let j = i;
        while (j < tokens.length && tokens[j].start < (quote.outerEnd ?? quote.end)) j++;
        if (
          j < tokens.length &&
          samePara(j) &&
          /[.!?]$/.test(text.slice(quote.start, quote.end)) &&
          /^\p{Lu}/u.test(tokens[j].value)
        )
          boundaries.add(j);
      }
    }
  }
  for (const i of [...boundaries]) {
    if (i > 0 && i < tokens.length && samePara(i) && continuesSentence(tokens, i)) boundaries.delete(i);
  }
  boundaries.add(0);
  const starts = [...boundaries].filter((b) => b < tokens.length).sort((a, b) => a - b);
  const toneAt = new Map<number, number>();
  spans.forEach(([a], k) => toneAt.set(a, tones[k] ?? 0));
  const sentences: Sentence[] = [];
  for (let k = 0; k < starts.length; k++) {
    const first = starts[k];
    const last = k + 1 < starts.length ? starts[k + 1] : tokens.length;
    for (let i = first; i < last; i++) tokens[i].sentence = k;
    // Tone: mean of wink's sentiment for the wink sentences that start inside this one.
    let sum = 0;
    let n = 0;
    for (let i = first; i < last; i++) {
      const t = toneAt.get(i);
      if (t !== undefined) {
        sum += t;
        n++;
      }
    }
    sentences.push({
      start: tokens[first].start,
      end: tokens[last - 1].end,
      first,
      last,
      paragraph: paragraphOf(tokens[first].start),
      tone: n ? sum / n : 0,
    });
  }
  retagNames(tokens, sentences);
  return { text, tokens, sentences, paragraphs };
}

/**
 * Whether a sentence boundary that wink-nlp put before token `i` falls inside a sentence: news
 * abbreviations end in a full stop without ending the sentence (AP Stylebook, "state names" and
 * "abbreviations and acronyms": "R-S.C.", "(D-N.Y.)", "Calif."). A sentence never starts with a
 * lower-case word or with a comma or closing bracket, and an initial followed by another ("S." "C.")
 * is one abbreviation.
 */
function continuesSentence(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (/^[,;:)\]]$/.test(t.value) || /^\p{Ll}/u.test(t.value)) return true;
  const prev = tokens[i - 1];
  const beforePrev = tokens[i - 2];
  return (
    prev.value === '.' &&
    beforePrev !== undefined &&
    /^\p{Lu}$/u.test(beforePrev.value) &&
    /^\p{Lu}\.?$/u.test(t.value)
  );
}

/** Whether a token is a quote mark, as the text normalised for the tokenizer has it (", ' or `). */
export const isQuoteMark = (t: Token | undefined): boolean =>
  t !== undefined && (t.value === '"' || t.value === "'" || t.value === '`');

/** Whether the quote mark at `i` (with any doubled mark before it) follows a space: it opens. */
function opensAfterSpace(tokens: Token[], i: number): boolean {
  let j = i;
  while (j > 0 && isQuoteMark(tokens[j - 1]) && tokens[j - 1].end === tokens[j].start) j--;
  return j === 0 || tokens[j - 1].end < tokens[j].start;
}

/** Capitalised function words after a sentence's first word that mark it as set in title case. */
const TITLE_CASE_FUNCTION_WORDS = 2;

/**
 * wink-nlp's light model often tags a name's words as verbs or common nouns ("Ann Ford said" →
 * Ford/VERB, "Sen. Ted Cruz" → Ted/VERB). Inside a sentence, a capitalised word next to a proper
 * noun is part of the name: English capitalises proper nouns, not verbs or common nouns, except
 * at the start of a sentence or a quotation and in headlines set in title case (where function
 * words such as "The" or "Will" are capitalised too). A capitalised word the tagger read as a verb
 * or adverb inside a sentence is a name even alone ("…, Hoover said").
 */
function retagNames(tokens: Token[], sentences: Sentence[]) {
  const capitalised = (t: Token | undefined) =>
    t !== undefined && t.type === 'word' && /^\p{Lu}\p{Ll}/u.test(t.value);
  for (const s of sentences) {
    let words = 0;
    let lower = 0;
    let capitalisedFunctionWords = 0;
    for (let i = s.first + 1; i < s.last; i++) {
      if (tokens[i].type !== 'word') continue;
      words++;
      if (/^\p{Ll}/u.test(tokens[i].value)) lower++;
      else if (tokens[i].stop && tokens[i].value !== 'I') capitalisedFunctionWords++;
    }
    if (capitalisedFunctionWords >= TITLE_CASE_FUNCTION_WORDS || (words >= 3 && lower === 0)) continue;
    // "Hoover said …", "Read told …": a capitalised first word that the tagger read as a verb or
    // adverb, followed by a verb in the past tense, is the subject's name.
    const first = tokens[s.first];
    const second = tokens[s.first + 1];
    if (
      capitalised(first) &&
      /^(VERB|ADV)$/.test(first.pos) &&
      second?.pos === 'VERB' &&
      second.lower !== second.lemma &&
      /ed$|^(said|told|wrote|thought|felt|saw|found|spoke|gave)$/.test(second.lower)
    )
      first.pos = 'PROPN';
    for (let i = s.first + 1; i < s.last; i++) {
      const t = tokens[i];
      if (!capitalised(t) || !/^(VERB|NOUN|ADJ|ADV)$/.test(t.pos)) continue;
      const before = tokens[i - 1];
      // After a colon or an opening quote mark a new sentence may start.
      if (
        before.value === ':' ||
        (isQuoteMark(before) && before.end === t.start && opensAfterSpace(tokens, i - 1))
      )
        continue;
      // Inside a sentence only names are capitalised; a capitalised "verb" or "adverb" is one.
      if (t.pos === 'VERB' || t.pos === 'ADV') {
        t.pos = 'PROPN';
        continue;
      }
      const after = tokens[i + 1];
      const nameBefore = i - 1 > s.first && before.pos === 'PROPN' && /^\p{Lu}/u.test(before.value);
      const nameAfter = i + 1 < s.last && after.pos === 'PROPN' && capitalised(after);
      if (nameBefore || nameAfter) t.pos = 'PROPN';
    }
  }
}
