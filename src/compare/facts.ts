/**
 * Fact units and their key content, for telling whether an article carries a
 * fact another reports. A fact unit is a sentence of the article, with
 * sentences a splitter broke after an abbreviation ("Sen. Mitch McConnell,
 * R-Ky.") joined again. Its key content is what a paraphrase has to keep
 * (Nenkova & Passonneau 2004, the Pyramid method: a content unit is the same
 * fact whatever the wording, identified by its participants and predicate):
 * the named entities, the numbers and the content-word stems. Names and places
 * with a lexicon entry (actors, naming variants) become their entry, so
 * "Kiev" and "Kyiv" are the same key. Pure.
 */
import type { ArticleAnalysis } from '../core/types';
import { DATE_WORDS } from '../core/speakers';
import { inSpans, mergeSpans } from '../core/spans';
import { stem, STOPWORDS, withoutAcronymStops, words } from './text';

export type KeyKind = 'entity' | 'number' | 'content';

/** A fact unit: a sentence, or sentences joined across a broken split. */
export interface FactUnit {
  articleIndex: number;
  articleId: string;
  /** Index of the unit's first sentence in the article's `tone.sentences`. */
  sentence: number;
  start: number;
  end: number;
  text: string;
  paragraph: number;
  /** Share of the unit's words inside quotation marks (0..1). */
  quoted: number;
  /**
   * Key terms and their kind. A term is a content-word stem, `#` and a number,
   * or `@`/`=` and the actor or naming concept a lexicon entry names.
   */
  keys: Map<string, KeyKind>;
  /** A surface form of each key term as written, for evidence. */
  forms: Map<string, string>;
  /** False for a fragment: no capital or digit at its start, no end punctuation, or under MIN_UNIT_WORDS. */
  whole: boolean;
}

/** "CORRECTION:", "UPDATE:", "EDITOR'S NOTE:": a note about the article, not the event. */
const NOTE_LABEL = /^[\p{Lu}'’ ]{4,}:/u;

/**
 * Whether the straight and curly double quotation marks of a unit pair up: a unit that opens a
 * quotation it does not close (or closes one it did not open) is a piece of a longer quotation.
 */
function balancedQuotes(text: string): boolean {
  const opens = (text.match(/\u201c/g) ?? []).length;
  const closes = (text.match(/\u201d/g) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  return opens === closes && straight % 2 === 0;
}

/** A unit shorter than this is a dateline, a caption or a fragment, not a fact a reader can check. */
const MIN_UNIT_WORDS = 6;

/**
 * A sentence ending in one of these was cut after an abbreviation, not at its
 * end: a single capital ("John F."), a courtesy or military title, a US
 * party-state label ("R-Ky.", "D-Calif.") or a state abbreviation (AP
 * Stylebook, "state names" and "party affiliation").
 */
const ABBREVIATION_END =
  /(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Cong|Prof|Supt|Gov|Gen|Lt|Col|Capt|Sgt|St|Jr|Sr|Rev|Gen|Adm|Maj|No|U\.S|U\.N|Calif|Fla|Mass|Conn|Penn|Ill|Ky|Tenn|Wash|Ariz|Colo|Mich|Minn|Wis|Nev|Okla|Ore|Ala|Ark|Del|Ga|Ind|Kan|La|Md|Miss|Mo|Mont|Neb|Va|Vt|Wyo)|-[A-Z][A-Za-z]{0,4})\.["\u201d)]?$/;

/** Number words a paraphrase may write as digits (AP Stylebook, "numerals": spell out one to nine). */
const NUMBER_WORDS: Record<string, string> = {
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
  twenty: '20',
  dozen: '12',
  hundred: '100',
  thousand: '1000',
  million: 'million',
  billion: 'billion',
};

/**
 * Courtesy and formal titles (AP Stylebook, "courtesy titles", "titles"):
 * capitalised before a name but not a name, so one outlet's "Sen. McCaskill"
 * and another's "Claire McCaskill" carry the same names.
 */
const TITLE =
  /^(mr|mrs|ms|dr|sen|senator|senators|rep|reps|representative|gov|governor|president|vice|speaker|leader|secretary|justice|judge|attorney|general|gen|chairman|chairwoman|director|minister|prime|former|majority|minority|chief|mayor|ambassador|whip|deputy|acting|lt|col|sgt|capt|adm)$/;
/** US party-state labels after a legislator's name (AP Stylebook, "party affiliation"): "R-Texas", "D-Mo". */
const PARTY_STATE = /^[dri]-[a-z]{2,}$/;

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();

/** Quotation offsets as a test: is this offset inside quoted words? */
function quotedTest(a: ArticleAnalysis): (offset: number) => boolean {
  const qs = [...a.quotations].sort((x, y) => x.start - y.start);
  return (offset) => {
    let lo = 0;
    let hi = qs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (qs[mid].end <= offset) lo = mid + 1;
      else if (qs[mid].start > offset) hi = mid - 1;
      else return true;
    }
    return false;
  };
}

/**
 * Words written with a capital inside a sentence somewhere in the articles: a
 * sentence-initial capital is a name only if the word is capitalised elsewhere too.
 */
function midSentenceCapitals(analyses: ArticleAnalysis[]): Set<string> {
  const out = new Set<string>();
  for (const a of analyses)
    for (const s of a.tone.sentences) {
      const ws = words(a.text.slice(s.start, s.end), s.start);
      for (let k = 1; k < ws.length; k++) if (isUpper(a.text[ws[k].start])) out.add(ws[k].norm);
    }
  return out;
}

/**
 * Spans that name one thing whatever the form: actors and contested names (every variant).
 * @returns the hits by start, each with the key it stands for
 */
function namedSpans(a: ArticleAnalysis): { start: number; end: number; key: string }[] {
  return [
    ...a.hits
      .filter((h) => h.lexicon === 'actors')
      .map((h) => ({ start: h.start, end: h.end, key: `@${h.entry}` })),
    ...a.names.map((n) => ({ start: n.start, end: n.end, key: `=${n.concept}` })),
  ].sort((x, y) => x.start - y.start);
}

/**
 * Splits every article into fact units with their key content.
 * @param analyses - the articles, in input order
 */
export function factUnits(analyses: ArticleAnalysis[]): FactUnit[][] {
  const capitals = midSentenceCapitals(analyses);
  return analyses.map((a, articleIndex) => {
    // Join sentences split after an abbreviation or before a lower-case continuation, within one paragraph.
    const spans: { sentence: number; start: number; end: number; paragraph: number }[] = [];
    a.tone.sentences.forEach((s, k) => {
      const prev = spans[spans.length - 1];
      const text = a.text.slice(s.start, s.end);
      if (
        prev &&
        prev.paragraph === s.paragraph &&
        (ABBREVIATION_END.test(a.text.slice(prev.start, prev.end).trimEnd()) || /^[a-z]/.test(text))
      )
        prev.end = s.end;
      else spans.push({ sentence: k, start: s.start, end: s.end, paragraph: s.paragraph });
    });
    const inQuote = quotedTest(a);
    const named = namedSpans(a);
    // Merged once and searched, not scanned per word: a scan made the cost words × cues.
    const cues = mergeSpans(a.hits.filter((h) => h.lexicon === 'reporting-verbs'));
    const inCue = (start: number) => inSpans(cues, start, start + 1);
    // Acronyms with stops ("F.B.I.") read as their letters ("FBI"), padded so offsets hold.
    const plain = withoutAcronymStops(a.text);
    let h = 0;
    return spans.map((sp) => {
      const text = a.text.slice(sp.start, sp.end);
      const ws = words(plain.slice(sp.start, sp.end), sp.start);
      const keys = new Map<string, KeyKind>();
      const forms = new Map<string, string>();
      const add = (key: string, kind: KeyKind, form: string) => {
        // A word capitalised once is a name throughout the unit.
        if (keys.get(key) !== 'entity') keys.set(key, kind);
        if (!forms.has(key)) forms.set(key, form);
      };
      let quoted = 0;
      while (h < named.length && named[h].end <= sp.start) h++;
      let n = h;
      ws.forEach((w, k) => {
        if (inQuote(w.start)) quoted++;
        while (n < named.length && named[n].end <= w.start) n++;
        const form = plain.slice(w.start, w.end);
        if (n < named.length && named[n].start <= w.start) {
          add(named[n].key, 'entity', a.text.slice(named[n].start, named[n].end));
          return;
        }
        // "75-year-old" and "1989-2013" carry the numbers 75, 1989 and 2013.
        if (/^\d/.test(w.norm)) {
          for (const d of w.norm.replace(/,/g, '').match(/\d+(?:\.\d+)?/g) ?? [])
            add(`#${d}`, 'number', form);
          return;
        }
        if (NUMBER_WORDS[w.norm]) return add(`#${NUMBER_WORDS[w.norm]}`, 'number', form);
        if (STOPWORDS.has(w.norm) || w.norm.length < 2 || DATE_WORDS.has(w.norm) || inCue(w.start)) return;
        // Titles and party-state labels ("Sen.", "Majority Whip", "R-Texas") say who someone is, not what happened.
        if (TITLE.test(w.norm) || PARTY_STATE.test(w.norm)) return;
        // A capital after an opening quotation mark starts the quoted sentence: a name only if capitalised elsewhere too.
        const opensQuote = /["\u201c\u2018']$/.test(
          plain.slice(Math.max(sp.start, w.start - 2), w.start).trim(),
        );
        const capital = isUpper(form[0]) && ((k > 0 && !opensQuote) || capitals.has(w.norm));
        add(stem(w.norm), capital ? 'entity' : 'content', form);
      });
      const trimmed = text.trim();
      const whole =
        ws.length >= MIN_UNIT_WORDS &&
        /^["'\u201c\u2018(]?[\p{Lu}\d]/u.test(trimmed) &&
        /[.!?]["'\u201d\u2019)]?$/.test(trimmed) &&
        !NOTE_LABEL.test(trimmed) &&
        balancedQuotes(trimmed);
      return {
        articleIndex,
        articleId: a.id,
        sentence: sp.sentence,
        start: sp.start,
        end: sp.end,
        text,
        paragraph: sp.paragraph,
        quoted: ws.length ? quoted / ws.length : 0,
        keys,
        forms,
        whole,
      };
    });
  });
}
