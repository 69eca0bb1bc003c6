/**
 * Attribution extraction: who says what, with which reporting verb.
 *
 * Works sentence by sentence on the reporting-verb hits of the matcher. The
 * constructions follow the attribution patterns news style guides describe
 * (AP Stylebook and Reuters Handbook, "said" and attribution): `"…," X said`,
 * `X said, "…"`, `X said that …`, `…, X stressed.`, `according to X`,
 * `X told reporters …`, passives with `by X`, `In a statement by X, it was
 * reported that …`, inverted media citations (`…, reports RIA News`), and
 * pronoun or role-noun speakers resolved to the most recent speaker of an
 * attribution with agreeing gender (a simple recency heuristic in the spirit
 * of Pareti 2015's attribution relations; not general coreference).
 */
import { isEnglishWord, isQuoteMark, type Sentence, type Token } from './language';
import type { Match } from './matcher';
import { lastStartingAtOrBefore, mergeSpans } from './spans';
import { analyzeSpeaker, DATE_WORDS, type SpeakerContext, type SpeakerMention } from './speakers';
import type { Attribution, AttributionForm, Diagnostic, Quotation, SpeakerType } from './types';

/** Verbs whose first object is the listener, not the content ("told reporters that…"). */
const LISTENER_VERBS = new Set(['tell', 'inform', 'assure', 'remind', 'brief', 'warn', 'advise', 'notify']);
/** Verbs that carry a statement noun ("Austin issued a statement stating…"). */
const ISSUING_VERBS = new Set(['issue', 'release', 'publish', 'make', 'deliver', 'give', 'put']);
const DEMONSTRATIVE = new Set(['this', 'that', 'it', 'these', 'those']);

interface VerbHit {
  match: Match;
  /** Index of the head token of the verb (the first token for phrasal verbs). */
  head: number;
}

export interface AttributionInput {
  ctx: SpeakerContext;
  sentences: Sentence[];
  paragraphs: { start: number; end: number }[];
  verbHits: Match[];
  quotations: Quotation[];
}

/** Tokens on each side of a reporting verb that its attribution may span. */
const SENTENCE_WINDOW = 120;

/** Longest opening adverbial skipped to find a clause's subject ("In a statement released on Tuesday, …"). */
const OPENING_ADVERBIAL_TOKENS = 12;

/** Longest parenthesis stepped over between a subject and its verb ("(R-Wis.)", "(I-Vt.)"). */
const PARENTHESIS_TOKENS = 8;

/** Longest listener after "told" ("told the Associated Press"): a longer phrase is the content. */
const LISTENER_TOKENS = 5;

/** How many earlier speakers a pronoun or role noun may refer back to; keeps long texts linear. */
const HISTORY_WINDOW = 40;

/** Words that open a clause that is not reported speech (", as Moscow sought…"). */
const SUBORDINATORS = new Set([
  'as',
  'while',
  'when',
  'after',
  'before',
  'because',
  'since',
  'although',
  'though',
  'amid',
  'adding',
  'citing',
  'but',
]);
/** Prepositions before a gerund whose subject is the clause's ("by saying", "after telling"). */
const GERUND_PREPOSITIONS = new Set(['by', 'after', 'before', 'upon', 'on', 'in', 'while', 'from', 'when']);

/** Words that lead a time phrase ("on Saturday", "last March"). */
const TIME_LEADERS = new Set(['on', 'last', 'this', 'next', 'late', 'early', 'earlier', 'later', 'in']);

const isPunct = (t: Token | undefined) => t !== undefined && t.type === 'punctuation';
const isComma = (t: Token | undefined) => t !== undefined && (t.value === ',' || t.value === ':');
const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PART', 'PRON']);
const NP_LINKS = new Set(['of', 'in', 'for', 'at', '-', "'s", "'", '.', '&', 'and']);

/**
 * Scans a noun phrase leftwards from token `k` (inclusive) within the sentence.
 * @returns the first token index of the phrase, or k+1 when there is none
 */
/**
 * Whether the "and" at `i` joins two capitalised names after a link word ("in Utah and New
 * Mexico"), so that the phrase goes on to the left; a bare "Ford and Baker said" is two speakers.
 */
function coordinatedPlaces(tokens: Token[], i: number, floor: number): boolean {
  if (!/^\p{Lu}/u.test(tokens[i + 1]?.value ?? '')) return false;
  let j = i - 1;
  while (j >= floor && j > i - 4 && /^\p{Lu}/u.test(tokens[j].value)) j--;
  return j < i - 1 && j >= floor && /^(in|from|of)$/.test(tokens[j].lower);
}

function scanLeftNP(tokens: Token[], k: number, floor: number): number {
  if (k < floor) return k + 1;
  if (tokens[k].pos === 'PRON') return k;
  let i = k;
  while (i >= floor) {
    const t = tokens[i];
    if (t.pos === 'PRON' && i !== k) break;
    if (DATE_WORDS.has(t.lower)) break;
    if (NP_POS.has(t.pos) && t.pos !== 'PRON') {
      i--;
      continue;
    }
    // "one of the officials": a quantity word before "of".
    if (
      t.lower === 'of' &&
      i > floor &&
      i < k &&
      /^(one|some|many|several|two|three|most|none|each|any|all)$/.test(tokens[i - 1].lower)
    ) {
      i--;
      continue;
    }
    // "Minister of Foreign Affairs", "attaché in Kiev", "Monitors from the …": a link word inside a noun phrase.
    const next = tokens[i + 1];
    // A bare apostrophe links only as a plural possessive attached to its word ("the Voters' League"),
    // not as half of a doubled-apostrophe quote mark.
    if (t.value === "'" && !(tokens[i - 1]?.type === 'word' && tokens[i - 1].end === t.start)) break;
    if (
      (NP_LINKS.has(t.lower) || t.lower === 'from') &&
      i > floor &&
      i < k &&
      t.lower !== 'and' &&
      next !== undefined &&
      (/^\p{Lu}/u.test(next.value) ||
        (/^(of|from|for|in|at)$/.test(t.lower) &&
          (next.pos === 'DET' ||
            next.pos === 'NUM' ||
            // "sheriffs in western Nebraska": a place with a direction before it.
            (next.pos === 'ADJ' && /^\p{Lu}/u.test(tokens[i + 2]?.value ?? '')))))
    ) {
      i--;
      continue;
    }
    // "attorneys general in Utah and New Mexico": two places joined after a link word belong together.
    if (t.lower === 'and' && i > floor && i < k && coordinatedPlaces(tokens, i, floor)) {
      i--;
      continue;
    }
    break;
  }
  return i + 1;
}

/** Scans a noun phrase rightwards from token `k` (inclusive); returns one past its end. */
function scanRightNP(tokens: Token[], k: number, ceil: number): number {
  let i = k;
  let sawWord = false;
  while (i < ceil && i - k < 18) {
    const t = tokens[i];
    if (isQuoteMark(t)) {
      // A quoted outlet name: “RIA News“.
      i++;
      continue;
    }
    if (NP_POS.has(t.pos) && !(t.pos === 'PRON' && sawWord)) {
      sawWord = true;
      i++;
      if (t.pos === 'PRON') break;
      continue;
    }
    if (
      NP_LINKS.has(t.lower) &&
      sawWord &&
      i + 1 < ceil &&
      t.lower !== 'and' &&
      /^\p{Lu}/u.test(tokens[i + 1].value)
    ) {
      i++;
      continue;
    }
    if (
      t.lower === 'of' &&
      sawWord &&
      i + 2 < ceil &&
      tokens[i + 1].pos === 'DET' &&
      /^\p{Lu}/u.test(tokens[i + 2].value)
    ) {
      i++;
      continue;
    }
    break;
  }
  // Do not end on a dangling opening quote mark.
  return i;
}

/**
 * A past participle used as an adjective before its noun ("more pledged delegates", "Trump's
 * proposed wall", "the reported remarks") describes the noun; nobody speaks.
 */
function modifiesNoun(tokens: Token[], head: number, last: number): boolean {
  const verb = tokens[head];
  const next = tokens[last];
  const before = tokens[head - 1];
  if (!verb.lower.endsWith('ed') || last - head !== 1 || !next || before === undefined) return false;
  if (next.pos !== 'NOUN' || next.lower.endsWith('ing')) return false;
  return (
    before.pos === 'DET' ||
    before.pos === 'ADJ' ||
    before.pos === 'NUM' ||
    before.lower === "'s" ||
    /^(more|most|less|fewer|his|her|its|their|our|your|my)$/.test(before.lower)
  );
}

/** A credit line ("Reporting by …", "Additional reporting by …") names the journalists, not sources. */
function isByline(tokens: Token[], head: number, sentenceFirst: number): boolean {
  if (tokens[head].lower !== 'reporting' || tokens[head + 1]?.lower !== 'by') return false;
  const before = head > sentenceFirst ? tokens[head - 1] : undefined;
  // "(Reporting by …; Additional reporting by …; Editing by …)"
  return before === undefined || /^[(;[]$/.test(before.value) || /^(additional|editing)$/.test(before.lower);
}

/**
 * "add" reports speech when what follows is what was said ("added that …", "added: '…'", "…, he
 * added."); followed by an object or a particle it means putting one thing with another ("would
 * add layers of complexity", "add up", "add fuel to") (Merriam-Webster, "add", senses 1 and 2).
 */
function addsSomething(tokens: Token[], head: number, last: number): boolean {
  if (tokens[head].lemma !== 'add') return false;
  const next = tokens[last];
  if (next === undefined) return false;
  if (/^(up|to|on|in)$/.test(next.lower)) return true;
  if (!/^(DET|NOUN|ADJ|NUM|PROPN)$/.test(next.pos)) return false;
  // "added the plan would fail": a noun phrase followed by its verb is a clause, what was said.
  let i = last;
  while (
    i < tokens.length &&
    i - last < 2 * LISTENER_TOKENS &&
    /^(DET|NOUN|ADJ|NUM|PROPN|PART)$/.test(tokens[i].pos)
  )
    i++;
  return !(tokens[i] !== undefined && (tokens[i].pos === 'VERB' || tokens[i].pos === 'AUX'));
}

/**
 * "called" in the sense of telephoning ("Obama called the widow.", "he called the company only to
 * be told …") has an object and nothing after it; the sense of naming or describing ("called
 * Trump 'unhinged'", "called him a liar") has a second complement: a quotation, an adjective or a
 * noun phrase (Merriam-Webster, "call", transitive senses 1 and 4).
 */
function phones(tokens: Token[], k: number, ceil: number): boolean {
  let i = k;
  while (
    i < ceil &&
    i - k < LISTENER_TOKENS &&
    (tokens[i].pos === 'PROPN' ||
      tokens[i].pos === 'PRON' ||
      tokens[i].lower === "'s" ||
      tokens[i].pos === 'DET' ||
      tokens[i].pos === 'NOUN') &&
    !isQuoteMark(tokens[i])
  ) {
    // "called the show 'the conservative …'": a determiner after the object starts the second complement.
    if (i > k && tokens[i].pos === 'DET') break;
    i++;
  }
  if (i === k) return false;
  // A quotation later in the clause is what the speaker called it: "called Clinton's use of … 'careless'".
  for (let j = i; j < ceil && tokens[j].value !== '.'; j++) if (isQuoteMark(tokens[j])) return false;
  const next = tokens[i];
  if (next === undefined || i >= ceil) return true;
  if (
    isQuoteMark(next) ||
    next.pos === 'DET' ||
    next.pos === 'ADJ' ||
    next.pos === 'NOUN' ||
    next.pos === 'NUM'
  )
    return false;
  return true;
}

/**
 * Reporting verbs whose present tense the tagger misreads as a noun but which are rarely nouns
 * after a subject; "states", "comments", "remarks" and "reports" after a name are nouns far more
 * often ("the United States", "Trump's remarks").
 */
const VERBS_SELDOM_NOUNS = new Set([
  'show',
  'note',
  'say',
  'tell',
  'argue',
  'believe',
  'think',
  'insist',
  'warn',
  'explain',
  'suggest',
  'contend',
  'predict',
  'stress',
  'add',
  'write',
  'find',
  'indicate',
  'acknowledge',
  'admit',
  'recall',
  'concede',
  'hope',
  'fear',
  'worry',
  'estimate',
]);

/**
 * wink-nlp's light model often tags a present-tense reporting verb after a plural or proper-noun
 * subject as a noun ("Polls show/NOUN …", "Conway notes/NOUN."). A noun-tagged reporting word is
 * the verb when it directly follows a name, a subject pronoun or a plural noun, which a noun
 * there would not (a noun after a plural noun is a compound: "the campaign notes" has a singular
 * modifier), and no determiner or possessive sits right before it.
 */
function verbTaggedAsNoun(tokens: Token[], head: number, sentenceFirst: number): boolean {
  const t = tokens[head];
  const prev = tokens[head - 1];
  if (t.pos !== 'NOUN' || prev === undefined || head - 1 < sentenceFirst) return false;
  if (!VERBS_SELDOM_NOUNS.has(t.lemma) && !VERBS_SELDOM_NOUNS.has(t.lower.replace(/s$/, ''))) return false;
  // "the committee report found …": followed by a verb, the word is the subject's noun.
  const next = tokens[head + 1];
  if (next !== undefined && (next.pos === 'VERB' || next.pos === 'AUX')) return false;
  if (prev.pos === 'PROPN' && /^\p{Lu}/u.test(prev.value)) return true;
  if (prev.pos === 'PRON') return /^(he|she|they|we|i|you|it|who)$/.test(prev.lower);
  return prev.pos === 'NOUN' && /[^s]s$/.test(prev.lower) && prev.lemma !== prev.lower;
}

/** "to say", "to be told", "to have said": an infinitive names speech without reporting it. */
function infinitive(tokens: Token[], head: number): boolean {
  let i = head - 1;
  while (i >= 0 && i > head - 3 && tokens[i].pos === 'AUX' && /^(be|have|been)$/.test(tokens[i].lower)) i--;
  return tokens[i]?.lower === 'to';
}

/** Whether a modal auxiliary stands before the verb at `head` ("would support", "must respond"). */
function modalBefore(tokens: Token[], head: number, floor: number): boolean {
  for (let i = head - 1; i >= floor && /^(AUX|ADV|PART)$/.test(tokens[i].pos); i--)
    if (/^(must|will|would|should|could|can|may|might|shall|'ll|'d)$/.test(tokens[i].lower)) return true;
  return false;
}

/**
 * "Asked whether he was suggesting that …", "asked if she had said …": the reporting verb sits in a
 * question put to the source, so it reports what the question supposed, not what anyone said.
 */
function inQuestion(tokens: Token[], head: number, floor: number): boolean {
  for (let i = head - 1; i >= Math.max(floor, head - QUESTION_WINDOW); i--) {
    if (/^(whether|if)$/.test(tokens[i].lower) && /^(asked|asking)$/.test(tokens[i - 1]?.lower ?? ''))
      return true;
    if (tokens[i].pos === 'PUNCT') return false;
  }
  return false;
}

/** How far back, in tokens, "asked whether" may stand from a verb in the question: "asked whether he was suggesting". */
const QUESTION_WINDOW = 6;

/** Words that negate the verb after them in its clause. */
const NEGATORS = new Set(['not', "n't", 'never']);

/**
 * "has not said", "would not say", "never claimed": negated speech reports nothing said. Refusals
 * ("declined to comment") are their own kind and are kept.
 */
function negatedSpeech(tokens: Token[], head: number, floor: number): boolean {
  for (let i = head - 1; i >= Math.max(floor, head - 3); i--) {
    const t = tokens[i];
    if (NEGATORS.has(t.lower)) return true;
    if (t.pos !== 'AUX' && t.pos !== 'ADV' && t.pos !== 'PART') return false;
  }
  return false;
}

/** Comma-delimited appositives a speaker's name may carry before the verb ("X, the director of Y, a group, said"). */
const MAX_APPOSITIVES = 3;

/** Longest source phrase after "according to" read without the tagger's help. */
const SOURCE_PHRASE_TOKENS = 8;

/**
 * The end of the source after "according to" when the tagger misread its first word ("exit/VERB
 * polls"): the words up to the next punctuation mark or clause word.
 */
function looseSourceEnd(tokens: Token[], k: number, ceil: number): number {
  let i = k;
  while (
    i < ceil &&
    i - k < SOURCE_PHRASE_TOKENS &&
    tokens[i].type !== 'punctuation' &&
    !/^(that|which|who|and|but|as|while)$/.test(tokens[i].lower)
  )
    i++;
  return i - k < SOURCE_PHRASE_TOKENS ? i : k;
}

/** Skips adverbs, auxiliaries and time phrases ("also", "has", "on Saturday") leftwards from k. */
function skipAdverbsLeft(tokens: Token[], k: number, floor: number): number {
  for (;;) {
    const t = tokens[k];
    if (k < floor || !t) return k;
    if ((t.pos === 'ADV' || t.pos === 'AUX' || t.pos === 'PART') && t.lower !== "'s") k--;
    else if (DATE_WORDS.has(t.lower)) {
      k--;
      while (k >= floor && TIME_LEADERS.has(tokens[k].lower)) k--;
    } else return k;
  }
}

/** Skips time phrases and commas rightwards from k ("on Saturday,"). */
function skipTimeRight(tokens: Token[], k: number, ceil: number): number {
  let i = k;
  while (i < ceil) {
    const t = tokens[i];
    if (TIME_LEADERS.has(t.lower) && i + 1 < ceil && DATE_WORDS.has(tokens[i + 1].lower)) i += 2;
    else if (DATE_WORDS.has(t.lower) || t.value === ',') i++;
    else break;
  }
  return i;
}

interface Content {
  start: number;
  end: number;
  form: AttributionForm;
}

export function extractAttributions(input: AttributionInput): {
  attributions: Attribution[];
  diagnostics: Diagnostic[];
} {
  const { ctx, sentences, quotations } = input;
  const { tokens, text } = ctx;
  const diagnostics: Diagnostic[] = [];
  const attributions: Attribution[] = [];

  // Indexes, so that long texts with many quotations and verbs stay linear.
  const byOuterStart = new Map(quotations.map((q) => [q.outerStart, q]));
  const byOuterEnd = new Map(quotations.map((q) => [q.outerEnd, q]));
  const sortedQuotes = [...quotations].sort((a, b) => a.outerStart - b.outerStart);
  const firstQuoteFrom = (offset: number) => {
    let lo = 0;
    let hi = sortedQuotes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedQuotes[mid].outerStart < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const quoteStartingAt = (tokenIndex: number): Quotation | undefined => {
    const t = tokens[tokenIndex];
    return t ? byOuterStart.get(t.start) : undefined;
  };
  const quoteEndingAt = (tokenIndex: number): Quotation | undefined => {
    const t = tokens[tokenIndex];
    return t ? byOuterEnd.get(t.end) : undefined;
  };
  // "posted to her page on the site: “…”": the quotation a colon later in the clause introduces.
  const quoteAfterColon = (from: number, to: number): Quotation | undefined => {
    for (let i = from; i < to - 1; i++) if (tokens[i].value === ':') return quoteStartingAt(i + 1);
    return undefined;
  };
  const quotesIn = (start: number, end: number) => {
    const out: Quotation[] = [];
    for (let i = firstQuoteFrom(start); i < sortedQuotes.length && sortedQuotes[i].outerStart < end; i++) {
      if (sortedQuotes[i].outerEnd <= end) out.push(sortedQuotes[i]);
    }
    return out;
  };
  const insideQuotation = (start: number, end: number) => {
    // Quotations do not overlap: only the last one starting at or before `start` can contain the span.
    const i = firstQuoteFrom(start + 1) - 1;
    const q = sortedQuotes[i];
    return q !== undefined && start >= q.start && end <= q.end;
  };
  const tokenIndexAt = new Map<number, number>();
  const tokenAtStart = (offset: number) => {
    if (tokenIndexAt.size === 0) tokens.forEach((t, i) => tokenIndexAt.set(t.start, i));
    return tokenIndexAt.get(offset);
  };
  const attributionsBySentence = new Map<number, Attribution[]>();

  /** Content as a character span, trimmed of "that", spaces and closing punctuation; decides the form. */
  const makeContent = (startTok: number, endTok: number): Content | null => {
    let a = startTok;
    let b = endTok;
    while (
      a < b &&
      (isComma(tokens[a]) ||
        (tokens[a].lower === 'that' && tokens[a].pos === 'SCONJ') ||
        tokens[a].value === '-')
    )
      a++;
    while (b > a && isPunct(tokens[b - 1]) && !isQuoteMark(tokens[b - 1])) b--;
    if (b <= a) return null;
    const start = tokens[a].start;
    let end = tokens[b - 1].end;
    const inner = quotesIn(start, end);
    if (inner.length === 1 && inner[0].outerStart === start && inner[0].outerEnd >= end - 0) {
      const q = inner[0];
      let qEnd = q.end;
      while (qEnd > q.start && /[,;:\s]/.test(text[qEnd - 1])) qEnd--;
      return { start: q.start, end: qEnd, form: 'direct' };
    }
    while (end > start && /[,;:\s]/.test(text[end - 1])) end--;
    return { start, end, form: inner.length ? 'partial' : 'indirect' };
  };

  // Tokens after which a later, inverted attribution in the same sentence begins ("…, reports RIA News").
  const verbHeads = new Set(input.verbHits.map((m) => m.first));
  /** Same inflection: both a base form or both inflected ("said … and insisted", not "said … are … and threaten"). */
  const sameInflection = (a: Token, b: Token) => (a.lower !== a.lemma) === (b.lower !== b.lemma);
  const cutBeforeLaterAttribution = (from: number, to: number, verb?: Token): number => {
    for (let i = from; i < to; i++) {
      // "… and alleged that …": a coordinated reporting verb starts an attribution of its own.
      if (verb && tokens[i].pos === 'CCONJ' && i > from) {
        const j = i + 1 < to && tokens[i + 1].pos === 'ADV' ? i + 2 : i + 1;
        if (verbHeads.has(j) && sameInflection(tokens[j], verb)) return i;
      }
      if (!isComma(tokens[i])) continue;
      // "…, adding that …": a participle reporting verb after a comma starts an attribution of its own.
      if (verbHeads.has(i + 1) && tokens[i + 1].lower.endsWith('ing')) return i;
      for (let j = i + 1; j < Math.min(to, i + 7); j++) {
        if (verbHeads.has(j)) {
          // "..., X stressed." or "..., reports X."
          let tail = 0;
          for (let m = j + 1; m < to && tail <= 6; m++)
            if (!isPunct(tokens[m]) || isQuoteMark(tokens[m])) tail++;
          const between = tokens.slice(i + 1, j);
          if (between.every((t) => t.pos !== 'VERB') && tail <= 6) return i;
        }
      }
    }
    return to;
  };

  /**
   * Whether a person can be what "he" or "she" refers to: a known gender (honorific, given name,
   * actors lexicon) that agrees; without one, a name at all. A capitalised phrase of plain English
   * words the tagger took for a name ("Presidential Debates", "Sell Coal") is none, and an
   * unresolved pronoun is better than a wrong speaker.
   */
  const agrees = (c: SpeakerMention, m: SpeakerMention): boolean => {
    if (c.gender !== undefined) return c.gender === m.anaphor;
    if (c.actor !== undefined) return true;
    const words = c.speaker.split(/\s+/).filter((w) => /^\p{L}[\p{L}'’-]*$/u.test(w));
    return !words.every((w) => isEnglishWord(w.toLowerCase()));
  };

  // Speaker of a nominal "statement by X" earlier in the sentence, for an agentless passive.
  const sentenceAgents = new Map<number, SpeakerMention>();

  const history: { mention: SpeakerMention; name: string }[] = [];
  const resolve = (m: SpeakerMention): { mention: SpeakerMention; resolved: boolean } => {
    if (!m.anaphor) return { mention: m, resolved: false };
    if (m.anaphor === 'organization') {
      // "the ministry said": the last organisation speaker whose name has the same noun, else the phrase itself.
      const noun = tokens[m.last - 1].lemma;
      for (let h = history.length - 1; h >= Math.max(0, history.length - HISTORY_WINDOW); h--) {
        const prev = history[h].mention;
        if (prev.speakerType !== 'organization' && prev.speakerType !== 'media') continue;
        if (new RegExp(`\\b${noun}`, 'i').test(prev.speaker)) {
          return { mention: { ...prev, first: m.first, last: m.last, anaphor: undefined }, resolved: true };
        }
      }
      return { mention: { ...m, anaphor: undefined }, resolved: false };
    }
    if (m.anaphor === 'role') {
      // "the official said": prefer the last speaker described with the same noun ("a senior … official").
      const noun = tokens[m.last - 1].lemma;
      for (let h = history.length - 1; h >= Math.max(0, history.length - HISTORY_WINDOW); h--) {
        const prev = history[h].mention;
        const described = `${prev.speaker} ${prev.role ?? ''}`.toLowerCase();
        if (new RegExp(`\\b${noun}s?\\b`).test(described)) {
          return { mention: { ...prev, first: m.first, last: m.last, anaphor: undefined }, resolved: true };
        }
      }
    }
    if (m.anaphor === 'male' || m.anaphor === 'female') {
      const local = salientPerson(m);
      if (local)
        return { mention: { ...local, first: m.first, last: m.last, anaphor: undefined }, resolved: true };
    }
    for (let h = history.length - 1; h >= Math.max(0, history.length - HISTORY_WINDOW); h--) {
      const prev = history[h].mention;
      if (prev.speakerType === 'anonymous') continue;
      if (m.anaphor === 'male' || m.anaphor === 'female' || m.anaphor === 'role') {
        if (prev.speakerType !== 'person') continue;
        if (m.anaphor !== 'role' && !agrees(prev, m)) continue;
      } else if (m.anaphor === 'plural') {
        if (prev.speakerType === 'person') continue;
      } else continue;
      return {
        mention: { ...prev, first: m.first, last: m.last, anaphor: undefined, role: prev.role },
        resolved: true,
      };
    }
    return { mention: m, resolved: false };
  };

  /**
   * The most salient named person a "he" or "she" can refer to, before the history of speakers:
   * a speaker earlier in the same sentence ("Jolly said he would…"), else the subject of the same
   * sentence before the pronoun, else the subject of the sentence before ("Trump cited his
   * endorsements. He said…"). Salience by grammatical role and recency, after Lappin and Leass
   * (1994), "An Algorithm for Pronominal Anaphora Resolution", Computational Linguistics 20(4).
   */
  const salientPerson = (m: SpeakerMention): SpeakerMention | null => {
    const fits = (c: SpeakerMention | null | undefined): c is SpeakerMention =>
      c !== null && c !== undefined && c.speakerType === 'person' && !c.anaphor && agrees(c, m);
    const sentence = tokens[m.first].sentence;
    const speakers = attributionsBySentence.get(sentence) ?? [];
    for (let i = speakers.length - 1; i >= 0; i--) {
      const mention = mentionByAttribution.get(speakers[i]);
      if (mention && mention.last <= m.first && fits(mention)) return mention;
    }
    const own = sentences[sentence];
    if (own && m.first > own.first) {
      const range = clauseSubject(own.first, m.first);
      const subject = range && range[1] <= m.first ? analyzeSpeaker(ctx, range[0], range[1]) : null;
      if (fits(subject)) return subject;
      // Another named person earlier in the sentence whose gender is known to agree ("Warren told
      // John Stumpf, after he admitted …"), nearest first.
      for (let k = m.first - 1; k > own.first; k--) {
        if (tokens[k].pos !== 'PROPN' || tokens[k + 1]?.pos === 'PROPN') continue;
        // A name inside a quotation is the quoted speaker's reference, not the narrator's.
        if (insideQuotation(tokens[k].start, tokens[k].end)) continue;
        let a = k;
        while (a > own.first && tokens[a - 1].pos === 'PROPN') a--;
        const named = analyzeSpeaker(ctx, a, k + 1);
        if (named?.gender && fits(named)) return named;
        k = a;
      }
    }
    const previous = sentences[sentence - 1];
    if (previous && previous.paragraph === own?.paragraph) {
      const range = clauseSubject(previous.first, previous.last);
      const subject = range ? analyzeSpeaker(ctx, range[0], range[1]) : null;
      if (fits(subject)) return subject;
    }
    return null;
  };

  const mentionByAttribution = new Map<Attribution, SpeakerMention>();
  const lastMentionBySentence = new Map<number, SpeakerMention>();
  const pushAttribution = (
    speaker: SpeakerMention,
    needsResolution: boolean,
    match: Match,
    content: Content,
    sentence: number,
    paragraph: number,
  ) => {
    const entry = match.entry;
    const { mention, resolved } = needsResolution ? resolve(speaker) : { mention: speaker, resolved: false };
    // A speaker span must be words of the sentence, in order; anything else is a rule's error, not a speaker.
    if (!(mention.first < mention.last && tokens[mention.first] && tokens[mention.last - 1])) return;
    if (mention.anaphor) {
      diagnostics.push({
        code: 'unresolved-speaker',
        message: `speaker '${mention.speaker}' of '${text.slice(match.start, match.end)}' has no earlier speaker to refer to`,
        start: tokens[mention.first].start,
        end: tokens[mention.last - 1].end,
      });
    }
    if (!mention.anaphor && needsResolution) history.push({ mention, name: mention.speaker });
    lastMentionBySentence.set(sentence, mention);
    // Patterns like "maintain that" or "dispute the" pin down a sense; the verb is the verb alone.
    let verbLast = match.last;
    while (
      verbLast - 1 > match.first &&
      (tokens[verbLast - 1].pos === 'DET' || tokens[verbLast - 1].pos === 'SCONJ')
    )
      verbLast--;
    const verbEnd = tokens[verbLast - 1].end;
    const speakerStart = tokens[mention.first].start;
    const speakerEnd = tokens[mention.last - 1].end;
    const start = Math.min(speakerStart, match.start, content.start);
    const end = Math.max(speakerEnd, match.end, content.end);
    const speakerName = mention.speaker.replace(/^["'\u201c\u201d]+|["'\u201c\u201d]+$/g, '').trim();
    const speakerType = mention.anaphor ? 'unresolved' : mention.speakerType;
    const attribution: Attribution = {
      speaker: speakerName,
      speakerId: speakerIdOf(speakerName, speakerType, mention.actor, speakerStart),
      role: mention.role,
      speakerType,
      affiliation: mention.affiliation,
      verb: text.slice(match.start, verbEnd),
      stance: entry.stance ?? 'neutral',
      cue: entry.cue ?? 'speech',
      form: content.form,
      quote: text.slice(content.start, content.end),
      start,
      end,
      verbStart: match.start,
      verbEnd,
      quoteStart: content.start,
      quoteEnd: content.end,
      speakerStart,
      speakerEnd,
      verbEntry: entry.id,
      actor: mention.actor ?? null,
      sentence,
      paragraph,
      resolved,
    };
    attributions.push(attribution);
    mentionByAttribution.set(attribution, mention);
    const inSentence = attributionsBySentence.get(sentence);
    if (inSentence) inSentence.push(attribution);
    else attributionsBySentence.set(sentence, [attribution]);
  };

  /**
   * The subject of the sentence's main clause: its first noun phrase, after an opening adverbial
   * up to a comma ("On Tuesday, the senator …"). Coordinated verbs and participles share it
   * ("She thanked the volunteers and said …", "…, saying the plan was unfair").
   */
  const clauseSubject = (floor: number, verb: number): [number, number] | null => {
    let i = floor;
    if (/^(ADP|SCONJ|ADV)$/.test(tokens[i]?.pos ?? '')) {
      for (let j = i; j < Math.min(verb, i + OPENING_ADVERBIAL_TOKENS); j++) {
        if (isComma(tokens[j])) {
          i = j + 1;
          break;
        }
      }
    }
    while (i < verb && (isPunct(tokens[i]) || tokens[i].pos === 'CCONJ')) i++;
    if (i >= verb || !NP_POS.has(tokens[i].pos)) return null;
    const end = Math.min(scanRightNP(tokens, i, verb), verb);
    return end > i ? [i, end] : null;
  };

  /**
   * The subject of the clause a coordinated verb joins, when it is not the previous attribution's:
   * the nearest verb before the conjunction, after the previous reporting verb, and the pronoun
   * or name right before it.
   */
  const conjunctSubject = (previousVerb: number, verb: number): SpeakerMention | null => {
    for (let j = verb - 2; j > previousVerb + 1; j--) {
      if (tokens[j].pos !== 'VERB') continue;
      const k = skipAdverbsLeft(tokens, j - 1, previousVerb + 1);
      if (k <= previousVerb || (tokens[k].pos !== 'PRON' && tokens[k].pos !== 'PROPN')) return null;
      const a = scanLeftNP(tokens, k, previousVerb + 1);
      return a <= k ? analyzeSpeaker(ctx, a, k + 1) : null;
    }
    return null;
  };

  /** A noun phrase no lexicon knows ("the judge", "47 percent of voters"): an unnamed source as written. */
  const unnamedMention = (first: number, last: number): SpeakerMention | null => {
    let a = first;
    let b = last;
    while (a < b && (isPunct(tokens[a]) || tokens[a].pos === 'DET')) a++;
    while (b > a && isPunct(tokens[b - 1])) b--;
    if (b <= a || !tokens.slice(a, b).some((t) => t.type === 'word' || t.type === 'number')) return null;
    return {
      speaker: text.slice(tokens[first].start, tokens[b - 1].end),
      role: null,
      speakerType: 'anonymous',
      affiliation: null,
      first,
      last: b,
    };
  };

  /**
   * Clause-subject rule, run when no construction above found a speaker: the reporting verb's
   * subject is the noun phrase just before it ("the advisory panel concluded", "47 percent
   * said"), the antecedent of "who", or the subject of the clause for a coordinated verb or a
   * participle. The content is the rest of the clause after the verb.
   */
  const clauseSubjectRule = (
    verb: number,
    match: Match,
    floor: number,
    ceil: number,
  ): { speaker: SpeakerMention; content: Content | null } | null => {
    // "a group called Citizens First": with no speaker found by the rules above, "called" names or phones.
    if (match.entry.id === 'call') return null;
    let k = skipAdverbsLeft(tokens, verb - 1, floor);
    // "Rep. Paul Ryan (R-Wis.) said": step over a parenthesis after the subject.
    if (tokens[k]?.value === ')') {
      let open = k - 1;
      while (open > floor && tokens[open].value !== '(' && k - open < PARENTHESIS_TOKENS) open--;
      if (tokens[open]?.value === '(') k = skipAdverbsLeft(tokens, open - 1, floor);
    }
    const left = k >= floor ? tokens[k] : undefined;
    // "… by saying he would …", "aside from saying …": a gerund after a preposition shares the
    // subject of the clause it belongs to ("without saying" reports nothing said).
    const gerund =
      tokens[verb].lower.endsWith('ing') && left !== undefined && GERUND_PREPOSITIONS.has(left.lower);
    let range: [number, number] | null = null;
    if (gerund) {
      range = null;
    } else if (left && /^(who|that)$/.test(left.lower)) {
      const a = scanLeftNP(tokens, k - 1, floor);
      if (a <= k - 1) range = [a, k];
    } else if (left && !isPunct(left) && left.pos !== 'CCONJ') {
      const a = scanLeftNP(tokens, k, floor);
      if (a <= k) range = [a, k + 1];
      else return null;
    }
    const adjacent = range !== null;
    range ??= clauseSubject(floor, verb);
    if (!range) return null;
    // A subject far from the verb must be one the speaker analysis knows (a name, a pronoun, an institution).
    // ", saying …" after a clause: the participle's subject is the clause's subject, named or not
    // ("Both parents stiffened their denunciation, saying …").
    const participle = gerund || (tokens[verb].lower.endsWith('ing') && isComma(tokens[verb - 1]));
    const speaker =
      analyzeSpeaker(ctx, range[0], range[1]) ??
      (adjacent || participle ? unnamedMention(range[0], range[1]) : null);
    if (!speaker) return null;
    let c = match.last;
    if (LISTENER_VERBS.has(tokens[verb].lemma)) {
      const objEnd = scanRightNP(tokens, c, ceil);
      if (objEnd > c && objEnd - c <= LISTENER_TOKENS) c = objEnd;
    }
    const from = skipTimeRight(tokens, c, ceil);
    let content = from < ceil ? makeContent(from, cutBeforeLaterAttribution(from, ceil, tokens[verb])) : null;
    // "…, the panel concluded.": a trailing verb reports what came before it — unless a modal makes
    // it speech not yet made ("…, the city must respond.").
    const modal = modalBefore(tokens, verb, floor);
    if (!content && range[0] > floor && !modal) content = makeContent(floor, range[0]);
    return { speaker, content };
  };

  const ordered = [...input.verbHits].sort((a, b) => a.first - b.first);
  for (const match of ordered) {
    const entry = match.entry;
    const v: VerbHit = { match, head: match.first };
    const head = tokens[v.head];
    const s = sentences[head.sentence];
    // A window around the verb: real sentences are far shorter, and it keeps a text with no full
    // stops (one 100,000-token "sentence") linear.
    const floor = Math.max(s.first, v.head - SENTENCE_WINDOW);
    const ceil = Math.min(s.last, v.head + SENTENCE_WINDOW);
    const form = entry.form ?? 'verb';
    if (
      form === 'verb' &&
      !(
        head.pos === 'VERB' ||
        head.pos === 'AUX' ||
        (head.pos === 'NOUN' &&
          head.lower.endsWith('s') &&
          match.last - match.first === 1 &&
          isComma(tokens[v.head - 1])) ||
        verbTaggedAsNoun(tokens, v.head, s.first)
      )
    )
      continue;
    if (form === 'noun' && head.pos !== 'NOUN' && head.pos !== 'PROPN') continue;
    // "not authorised to comment", "who asked not to be named": an infinitive or a relative clause
    // describing the source is not an attribution of its own.
    if (form === 'verb' && infinitive(tokens, v.head)) continue;
    if (
      form === 'verb' &&
      /^(who|which)$/.test(tokens[skipAdverbsLeft(tokens, v.head - 1, floor)]?.lower ?? '') &&
      /^(not|to)$/.test(tokens[match.last]?.lower ?? '')
    )
      continue;
    // "a group called Citizens First": "called" after an indefinite noun phrase names it (AP Stylebook,
    // "call": the naming sense); the reporting sense has a subject that speaks ("she called it a mistake").
    if (entry.id === 'call' && tokens[v.head - 1]?.pos === 'NOUN') {
      const np = scanLeftNP(tokens, v.head - 1, floor);
      if (/^(a|an)$/.test(tokens[np]?.lower ?? '')) continue;
    }
    // Inside a quotation the verb is the speaker's own word, not an attribution of the outlet.
    if (insideQuotation(head.start, head.end)) continue;
    if (isByline(tokens, v.head, s.first) || addsSomething(tokens, v.head, match.last)) continue;
    if (form === 'verb' && modifiesNoun(tokens, v.head, match.last)) continue;
    if (entry.id === 'call' && phones(tokens, match.last, ceil)) continue;
    if (form === 'verb' && negatedSpeech(tokens, v.head, floor) && entry.cue !== 'refusal') continue;
    if (form === 'verb' && inQuestion(tokens, v.head, floor)) continue;
    if (entry.cue === 'thought') {
      // "Cardin said he thinks …": a view inside what someone is reported to have said is part of
      // that report, not a second attribution.
      const earlier = attributionsBySentence.get(head.sentence) ?? [];
      if (earlier.some((a) => a.quoteStart <= head.start && head.end <= a.quoteEnd)) continue;
      // "she would support whoever wins": a view under a modal is conditional, not one the source holds.
      if (modalBefore(tokens, v.head, floor)) continue;
      // "a super PAC supporting Clinton", "40 percent supporting him": a participle after a noun
      // describes it.
      const before = tokens[v.head - 1];
      if (
        head.lower.endsWith('ing') &&
        before &&
        (before.pos === 'NOUN' || before.pos === 'PROPN' || before.pos === 'NUM')
      )
        continue;
    }

    let speaker: SpeakerMention | null = null;
    // A passive with no agent found reports no speaker: its subject is the one spoken of.
    let agentlessPassive = false;
    let content: Content | null = null;

    rules: {
      // ", insisting that …", "… and alleged that …": a participle or a coordinated verb shares the subject
      // of the attribution before it in the sentence.
      const leftOfVerb = tokens[skipAdverbsLeft(tokens, v.head - 1, floor)];
      const coordinated = leftOfVerb !== undefined && leftOfVerb.pos === 'CCONJ';
      if (form === 'verb' && ((/ing$/.test(head.lower) && isComma(tokens[v.head - 1])) || coordinated)) {
        const previous = attributionsBySentence.get(head.sentence)?.at(-1);
        if (!previous) break rules;
        const previousVerb = tokens[tokenAtStart(previous.verbStart) ?? v.head] ?? head;
        if (coordinated && (previous.quoteEnd > leftOfVerb.start || !sameInflection(previousVerb, head)))
          break rules;
        const prevMention = lastMentionBySentence.get(head.sentence);
        if (!prevMention) break rules;
        const from = skipTimeRight(tokens, match.last, ceil);
        const c = makeContent(from, cutBeforeLaterAttribution(from, ceil));
        if (!c) break rules;
        // "… described Clinton as a disgrace after she attacked the police and blamed …": the verb
        // before the conjunction has a subject of its own, which the coordinated verb shares.
        const own = coordinated ? conjunctSubject(tokenAtStart(previous.verbStart) ?? floor, v.head) : null;
        if (own) pushAttribution(own, true, match, c, head.sentence, s.paragraph);
        else pushAttribution(prevMention, false, match, c, head.sentence, s.paragraph);
        continue;
      }

      if (form === 'cue') {
        // according to X, … / …, according to X.
        let npEnd = scanRightNP(tokens, match.last, ceil);
        if (npEnd === match.last) npEnd = looseSourceEnd(tokens, match.last, ceil);
        speaker = analyzeSpeaker(ctx, match.last, npEnd);
        if (!speaker && npEnd > match.last) {
          // "according to the state forestry department", "according to minutes released…": a source all the same.
          let first = match.last;
          let last = npEnd;
          while (first < last && isPunct(tokens[first])) first++;
          while (last > first && isPunct(tokens[last - 1])) last--;
          if (last > first) {
            speaker = {
              speaker: text.slice(tokens[first].start, tokens[last - 1].end),
              role: null,
              speakerType: 'organization',
              affiliation: null,
              first,
              last,
            };
          }
        }
        if (!speaker) continue;
        const before = makeContent(floor, match.first);
        const after = makeContent(npEnd, ceil);
        const chosen =
          before && (!after || before.end - before.start >= after.end - after.start) ? before : after;
        if (!chosen) continue;
        content = { ...chosen, form: 'according-to' };
      } else if (form === 'noun') {
        // "the statement made on the eve by X that …"
        let byAt = -1;
        for (let i = match.last; i < Math.min(ceil, match.last + 8); i++) {
          const t = tokens[i];
          if (t.lower === 'by') {
            byAt = i;
            break;
          }
          if (isComma(t) || t.lower === 'that') break;
        }
        if (byAt < 0) continue;
        const npEnd = scanRightNP(tokens, byAt + 1, ceil);
        speaker = analyzeSpeaker(ctx, byAt + 1, npEnd);
        if (!speaker) continue;
        if (tokens[npEnd]?.lower === 'that') {
          const end = cutBeforeLaterAttribution(npEnd + 1, ceil);
          // Stop the reported clause before a trailing ", as disinformation"-style complement of an outer verb.
          let stop = end;
          for (let i = npEnd + 1; i < end - 1; i++) {
            if (isComma(tokens[i]) && tokens[i + 1].lower === 'as' && i + 4 >= end - 1) {
              stop = i;
              break;
            }
          }
          content = makeContent(npEnd + 1, stop);
        } else {
          sentenceAgents.set(head.sentence, speaker);
          continue;
        }
      } else {
        // A reporting verb. Passive first: "was announced … by X", "it was reported that …".
        const beforeVerb = skipAdverbsLeft(tokens, v.head - 1, floor);
        const auxBe = (() => {
          // "is declaring", "'s predicting": a progressive, not a passive.
          if (head.lower.endsWith('ing')) return -1;
          for (let i = v.head - 1; i >= Math.max(floor, v.head - 3); i--) {
            const t = tokens[i];
            if (t.lemma === 'be' && (t.pos === 'AUX' || t.pos === 'VERB')) return i;
            if (t.pos !== 'ADV' && t.pos !== 'AUX' && t.pos !== 'PART') return -1;
          }
          return -1;
        })();
        if (auxBe >= 0) {
          let byAt = -1;
          for (let i = match.last; i < ceil; i++) {
            if (tokens[i].lower === 'by') {
              byAt = i;
              break;
            }
            if (tokens[i].lower === 'that' || tokens[i].pos === 'VERB') break;
          }
          const subjectStart = scanLeftNP(tokens, auxBe - 1, floor);
          const subject = tokens.slice(subjectStart, auxBe);
          const thatAt = tokens
            .slice(match.last, ceil)
            .findIndex((t) => t.lower === 'that' && t.pos === 'SCONJ');
          if (byAt >= 0) {
            const npEnd = scanRightNP(tokens, byAt + 1, ceil);
            speaker = analyzeSpeaker(ctx, byAt + 1, npEnd);
          } else {
            speaker = sentenceAgents.get(head.sentence) ?? null;
            if (!speaker && subject.length === 1 && subject[0].lower === 'it') {
              speaker = {
                speaker: text.slice(subject[0].start, head.end),
                role: null,
                speakerType: 'anonymous',
                affiliation: null,
                first: subjectStart,
                last: v.head + 1,
              };
            }
          }
          if (!speaker) {
            agentlessPassive = true;
            break rules;
          }
          if (thatAt >= 0) {
            const from = match.last + thatAt + 1;
            content = makeContent(from, cutBeforeLaterAttribution(from, ceil, head));
          } else if (subject.length === 1 && DEMONSTRATIVE.has(subject[0].lower) && head.sentence > 0) {
            // "This was announced by X": the content is the sentence before.
            const prev = sentences[head.sentence - 1];
            content = makeContent(prev.first, prev.last);
            if (content) content.form = content.form === 'direct' ? 'direct' : 'indirect';
          } else if (subject.length && byAt >= 0) {
            // "The plan was announced by X": the subject is what X announced. Without an agent
            // ("how he is portrayed in the press") the subject is the one spoken of, not the words.
            content = makeContent(subjectStart, auxBe);
          }
        } else {
          // Active voice. Subject before the verb?
          let k = beforeVerb;
          let npStart = scanLeftNP(tokens, k, floor);
          let inverted = false;
          if (npStart > k && isComma(tokens[k])) {
            // "X, ROLE, said" or "X, who …, said": skip the comma-delimited segment.
            let c = k - 1;
            while (c >= floor && !isComma(tokens[c])) c--;
            const segStart0 = (comma: number) => comma + 1;
            // "Colorado-based": a participle inside a hyphenated compound is an adjective.
            const verbal = (i: number) =>
              (tokens[i].pos === 'VERB' || tokens[i].pos === 'AUX') && tokens[i - 1]?.value !== '-';
            const segIsAppositive = (a: number, b: number) => {
              let verbless = true;
              for (let i = a; i < b; i++) if (verbal(i)) verbless = false;
              return (
                verbless ||
                /^(who|which|whose)$/.test(tokens[a]?.lower ?? '') ||
                (tokens[a]?.pos === 'VERB' && tokens[a].lower.endsWith('ing'))
              );
            };
            // "X, the director of Y, a trade group, said": further appositives, each opening with an
            // article, stand between the name and the verb; step over them to the name.
            for (let hop = 1; hop < MAX_APPOSITIVES && c > floor && segIsAppositive(c + 1, k); hop++) {
              let p = c - 1;
              while (p >= floor && !isComma(tokens[p])) p--;
              if (p <= floor || !/^(the|a|an)$/.test(tokens[p + 1].lower) || !segIsAppositive(p + 1, c))
                break;
              c = p;
            }
            if (c > floor && segIsAppositive(c + 1, k)) {
              const segStart = c + 1;
              const segEnd = k;
              const npBefore = scanLeftNP(tokens, c - 1, floor);
              const segMention = analyzeSpeaker(ctx, segStart0(c), k);
              const mention = npBefore <= c - 1 ? analyzeSpeaker(ctx, npBefore, c) : null;
              if (
                segMention &&
                segMention.speakerType === 'person' &&
                !segMention.anaphor &&
                npBefore <= c - 1 &&
                mention?.speakerType !== 'person'
              ) {
                // "The county's emergency manager, Dr. Helen Fairweather, conceded…": the name is in the commas.
                speaker = {
                  ...segMention,
                  role: text.slice(tokens[npBefore].start, tokens[c - 1].end).replace(/^(the|a|an)\s+/i, ''),
                };
                npStart = npBefore;
                k = c - 1;
              } else if (mention && !mention.anaphor) {
                speaker = mention;
                const seg = analyzeSpeaker(ctx, segStart, segEnd);
                const segHasVerb = tokens.slice(segStart, segEnd).some((t) => t.pos === 'VERB');
                if (!segHasVerb && seg && !speaker.role)
                  speaker = {
                    ...speaker,
                    role: text
                      .slice(tokens[segStart].start, tokens[segEnd - 1].end)
                      .trim()
                      .replace(/^(the|a|an)\s+/i, ''),
                  };
                if (ctx.anonymousAt.slice(segStart, segEnd).some(Boolean))
                  speaker = { ...speaker, speakerType: 'anonymous' };
                npStart = npBefore;
                k = c - 1;
              }
            }
            if (!speaker) inverted = true;
          } else if (npStart > k && (isQuoteMark(tokens[k]) || v.head === floor)) {
            inverted = true;
          }

          if (!speaker && !inverted) {
            // "An investigator who spoke on condition of anonymity said…": the noun phrase before "who".
            for (let w = v.head - 1; w >= Math.max(floor, v.head - 16); w--) {
              const t = tokens[w];
              if (isComma(t)) break;
              if (t.lower === 'who' || t.lower === 'that') {
                const np = scanLeftNP(tokens, w - 1, floor);
                const m = np <= w - 1 ? analyzeSpeaker(ctx, np, w) : null;
                if (m && t.lower === 'who') {
                  speaker = ctx.anonymousAt.slice(w, v.head).some(Boolean)
                    ? {
                        ...m,
                        speakerType: 'anonymous',
                        anaphor: undefined,
                        speaker: text.slice(tokens[np].start, tokens[w - 1].end),
                      }
                    : m;
                  npStart = np;
                }
                break;
              }
            }
          }
          if (!speaker && !inverted) {
            // "Sources familiar with the deliberations said…": an unnamed source phrase reaching to the verb.
            let a = v.head - 1;
            let seenAnon = -1;
            while (
              a >= Math.max(floor, v.head - 14) &&
              !isComma(tokens[a]) &&
              tokens[a].pos !== 'VERB' &&
              tokens[a].pos !== 'AUX'
            ) {
              if (ctx.anonymousAt[a]) seenAnon = a;
              a--;
            }
            if (seenAnon >= 0) {
              let start = seenAnon;
              while (start - 1 > a && ctx.anonymousAt[start - 1]) start--;
              start =
                scanLeftNP(tokens, start - 1, a + 1) <= start - 1
                  ? scanLeftNP(tokens, start - 1, a + 1)
                  : start;
              const end = skipAdverbsLeft(tokens, v.head - 1, start) + 1;
              // "Reportedly told reporters…": the adverb itself was the only unnamed-source word.
              if (end > start)
                speaker = {
                  speaker: text.slice(tokens[start].start, tokens[end - 1].end),
                  role: null,
                  speakerType: 'anonymous',
                  affiliation: null,
                  first: start,
                  last: end,
                };
              npStart = start;
            }
          }

          if (!speaker && !inverted && npStart <= k) {
            const mention = analyzeSpeaker(ctx, npStart, k + 1);
            if (mention) {
              speaker = mention;
            } else if (
              tokens[npStart] &&
              tokens.slice(npStart, k + 1).some((t) => t.lemma === 'statement' || t.lemma === 'report')
            ) {
              // "Austin issued a statement stating that…": the issuer speaks.
              const issuing = skipAdverbsLeft(tokens, npStart - 1, floor);
              if (issuing >= floor && ISSUING_VERBS.has(tokens[issuing].lemma)) {
                const s2 = scanLeftNP(tokens, issuing - 1, floor);
                speaker = analyzeSpeaker(ctx, s2, issuing);
              }
            }
          }

          if (inverted) {
            // "…," said X / …, reports X.
            const npEnd = scanRightNP(tokens, match.last, ceil);
            speaker = analyzeSpeaker(ctx, match.last, npEnd);
            if (!speaker) break rules;
            if (isComma(tokens[npEnd]) && !speaker.role && speaker.speakerType === 'person') {
              let r = npEnd + 1;
              while (r < ceil && !isComma(tokens[r]) && !(isPunct(tokens[r]) && tokens[r].value === '.')) r++;
              const roleTokens = tokens.slice(npEnd + 1, r);
              if (roleTokens.length && roleTokens.every((t) => t.pos !== 'VERB' && t.pos !== 'AUX')) {
                speaker = {
                  ...speaker,
                  role: text
                    .slice(roleTokens[0].start, roleTokens[roleTokens.length - 1].end)
                    .replace(/^(the|a|an)\s+/i, ''),
                };
              }
            }
            if (speaker.speakerType === 'organization' && entry.id.startsWith('report'))
              speaker = { ...speaker, speakerType: 'media' };
            const q = quoteEndingAt(k) ?? (isComma(tokens[k]) ? quoteEndingAt(k - 1) : undefined);
            if (q) {
              content = { start: q.start, end: trimQuoteEnd(text, q), form: 'direct' };
            } else {
              content = makeContent(floor, k + 1);
            }
            if (npEnd < ceil && tokens.slice(npEnd, ceil).some((t) => !isPunct(t))) {
              const after = makeContent(npEnd, ceil);
              if (after && (!content || after.form === 'direct')) content = after;
            }
          } else {
            if (!speaker) break rules;
            // Content after the verb: skip a listener ("told reporters"), "that", a colon or comma.
            let c = match.last;
            if (LISTENER_VERBS.has(head.lemma)) {
              const objEnd = scanRightNP(tokens, c, ceil);
              if (objEnd > c && objEnd - c <= LISTENER_TOKENS) c = objEnd;
            }
            // Skip short adverbials ("on Friday", "in a statement") before "that" or a quotation.
            for (let i = c; i < Math.min(ceil, c + 8); i++) {
              // "said, adding that …": the next reporting verb's content is not this one's.
              if (verbHeads.has(i)) break;
              if (tokens[i].lower === 'that' && tokens[i].pos === 'SCONJ') {
                c = i;
                break;
              }
              if (quoteStartingAt(i)) {
                if (tokens.slice(c, i).every((t) => t.pos !== 'VERB')) c = i;
                break;
              }
              if (tokens[i].pos === 'VERB' && !tokens[i].lower.endsWith('ing')) break;
            }
            // What follows the verb up to a later attribution ("…, adding that …") is this verb's to report.
            const ownEnd = cutBeforeLaterAttribution(c, ceil, head);
            const q =
              quoteStartingAt(c) ??
              (isComma(tokens[c]) ? quoteStartingAt(c + 1) : undefined) ??
              quoteAfterColon(c, ownEnd);
            const rest = tokens.slice(c, ownEnd).filter((t) => !isPunct(t));
            const before = npStart - 1;
            const qBefore =
              quoteEndingAt(before) ?? (isComma(tokens[before]) ? quoteEndingAt(before - 1) : undefined);
            // '"…," X said on Saturday.': a short adverbial after the verb does not make it indirect speech.
            const onlyAdverbial =
              rest.length <= 5 &&
              rest.every((t) => t.pos !== 'VERB' && t.pos !== 'AUX' && t.lower !== 'that');
            // "CONTENT, X said on Saturday, as …": a speaker after a comma reports what came before,
            // unless "that", a colon or a quotation introduces content after the verb.
            const afterTime = skipTimeRight(tokens, c, ceil);
            // Reported speech after the verb is a clause: it has a verb of its own ("said the talks would resume").
            const clauseAfter =
              afterTime < ceil &&
              !isPunct(tokens[afterTime]) &&
              !SUBORDINATORS.has(tokens[afterTime].lower) &&
              !(tokens[afterTime].pos === 'VERB' && tokens[afterTime].lower.endsWith('ing')) &&
              tokens.slice(afterTime, ownEnd).some((t) => t.pos === 'VERB' || t.pos === 'AUX');
            const explicitAfter = tokens[c]?.lower === 'that' || tokens[c]?.value === ':' || q !== undefined;
            const introducesAfter = explicitAfter || clauseAfter;
            const speakerAfterComma = before > floor && isComma(tokens[before]) && !introducesAfter;
            if (q && q.outerEnd >= tokens[ceil - 1].start - 1) {
              content = { start: q.start, end: trimQuoteEnd(text, q), form: 'direct' };
            } else if (
              qBefore &&
              (onlyAdverbial || !introducesAfter || (!explicitAfter && !endsSentence(text, qBefore)))
            ) {
              // '"…," Ginsburg told The New York Times in an article published Sunday': after a
              // quotation that ends at the speaker, what follows the verb without "that", a colon or
              // a quotation is its circumstance (hearer, place, time), not more content.
              content = { start: qBefore.start, end: trimQuoteEnd(text, qBefore), form: 'direct' };
            } else if (speakerAfterComma) {
              content = makeContent(floor, before);
            } else if (rest.length > 0) {
              const from = skipTimeRight(tokens, c, ceil);
              content = makeContent(from, cutBeforeLaterAttribution(from, ceil, head));
              // "did not respond to a request for comment": a prepositional phrase with no clause reports nothing.
              if (
                content &&
                (tokens[from]?.pos === 'ADP' || tokens[from]?.lower === 'to') &&
                !quotesIn(content.start, content.end).length
              ) {
                let hasVerb = false;
                for (let i = from; i < ceil && tokens[i].start < content.end; i++)
                  if (tokens[i].pos === 'VERB' || tokens[i].pos === 'AUX') hasVerb = true;
                if (!hasVerb) content = null;
              }
            } else {
              // "…, Ryabkov stressed." / "“…,” Ryabkov concluded."
              if (qBefore)
                content = { start: qBefore.start, end: trimQuoteEnd(text, qBefore), form: 'direct' };
              else if (before >= floor) content = makeContent(floor, before + 1);
            }
          }
        }
      }
    }
    if (!speaker && form === 'verb' && !agentlessPassive) {
      const fallback = clauseSubjectRule(v.head, match, floor, ceil);
      if (fallback) ({ speaker, content } = fallback);
    }

    // "declined to comment": a refusal is news, but it reports no words; its content is empty.
    if (speaker && entry.cue === 'refusal') content = { start: match.end, end: match.end, form: 'indirect' };
    if (!speaker || !content || (content.end <= content.start && entry.cue !== 'refusal')) continue;
    pushAttribution(speaker, true, match, content, head.sentence, s.paragraph);
  }

  // A nominal attribution ("the statement by X that …") and a verb for the same words: keep the verb's.
  const firstVerbFor = new Map<string, number>();
  const keyOf = (a: Attribution) => `${a.quoteStart}:${a.quoteEnd}:${a.speaker}`;
  for (const a of attributions)
    firstVerbFor.set(keyOf(a), Math.min(firstVerbFor.get(keyOf(a)) ?? Infinity, a.verbStart));
  const kept = attributions.filter((a) => firstVerbFor.get(keyOf(a)) === a.verbStart);
  kept.sort((a, b) => a.start - b.start || a.verbStart - b.verbStart);
  extendRunningQuotations(kept, quotations, input.paragraphs, text);
  return { attributions: kept, diagnostics };
}

/**
 * Whether a quotation closes its own sentence ("… that.” She even joked …"): then the words after
 * it start a new sentence, and a verb there does not introduce it.
 */
function endsSentence(text: string, q: Quotation): boolean {
  return /\.\s*$/.test(text.slice(q.start, q.end));
}

/**
 * Running quotations: a quotation that fills a paragraph of its own, right after a paragraph whose
 * last attribution is a direct quotation, goes on with that speaker's words. News style names the
 * speaker once and carries a quotation over paragraphs without a new attribution (AP Stylebook,
 * "quotation marks": running quotations). The earlier attribution's content is extended over it, so
 * the words are credited without inventing a second attribution. A quotation with other words in
 * its paragraph is left alone: it may be someone else's.
 * @param attributions - the attributions found, by start; extended in place
 */
function extendRunningQuotations(
  attributions: Attribution[],
  quotations: Quotation[],
  paragraphs: { start: number; end: number }[],
  text: string,
): void {
  if (!attributions.length || quotations.length < 2) return;
  // Sorted lists and binary searches keep this linear in quotations, paragraphs and attributions.
  const sorted = [...quotations].sort((a, b) => a.start - b.start);
  const lastIn = new Map<number, Attribution>();
  for (const a of attributions) lastIn.set(lastStartingAtOrBefore(paragraphs, a.start), a);
  const covered = mergeSpans(attributions.map((a) => ({ start: a.quoteStart, end: a.quoteEnd })));
  for (const q of sorted) {
    const p = lastStartingAtOrBefore(paragraphs, q.outerStart);
    if (p <= 0) continue;
    const para = paragraphs[p];
    // The quotation fills its paragraph: nothing but spaces and punctuation around it.
    if (q.outerStart - para.start > RUNNING_QUOTE_MARGIN || para.end - q.outerEnd > RUNNING_QUOTE_MARGIN)
      continue;
    if (/[\p{L}\p{N}]/u.test(text.slice(para.start, q.outerStart) + text.slice(q.outerEnd, para.end)))
      continue;
    const over = covered[lastStartingAtOrBefore(covered, q.end - 1)];
    if (over && over.end > q.start) continue;
    const prev = paragraphs[p - 1];
    const last = lastIn.get(p - 1);
    if (!last || last.form !== 'direct' || last.quoteEnd < prev.start) continue;
    // Only the last quotation of the previous paragraph runs on: none opens after the attribution's.
    const next = sorted[lastStartingAtOrBefore(sorted, last.quoteEnd) + 1];
    if (next && next.start < prev.end) continue;
    last.quoteEnd = trimQuoteEnd(text, q);
    last.quote = text.slice(last.quoteStart, last.quoteEnd);
    last.end = Math.max(last.end, q.outerEnd);
  }
}

/** Characters a running quotation's paragraph may hold around its marks: spaces, a dash, a stray mark. */
const RUNNING_QUOTE_MARGIN = 4;

/**
 * The id that joins every mention of one speaker: the actors-lexicon id when known, else a slug of
 * the canonical name. Anonymous and unresolved speakers ("a senior official", "he") are not
 * merged: two unnamed officials may be two people, so their id carries the mention's offset.
 */
export function speakerIdOf(
  speaker: string,
  speakerType: SpeakerType,
  actor: string | undefined,
  speakerStart: number,
): string {
  if (actor) return actor;
  const slug =
    speaker
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'speaker';
  return speakerType === 'anonymous' || speakerType === 'unresolved' ? `${slug}@${speakerStart}` : slug;
}

function trimQuoteEnd(text: string, q: Quotation): number {
  let end = q.end;
  while (end > q.start && /[,;:\s]/.test(text[end - 1])) end--;
  return end;
}
