/**
 * Attribution comparison: who each article quotes, how much room each speaker
 * and side gets, how each is introduced, and the asymmetries between
 * articles. Pure.
 */
import { STANCES } from '../lexicon/schema';
import { inSpans, mergeSpans } from '../core/spans';
import type { ArticleAnalysis, Attribution, Stance } from '../core/types';
import { cmp, countWords, distinct, round } from './text';
import type {
  ArticleAttributions,
  Asymmetry,
  AttributionComparison,
  NamedShare,
  SideSummary,
  SpeakerSummary,
  StanceCounts,
  StanceUse,
} from './types';

/** Stances that put distance between the outlet and the speaker's words. */
const DISTANCING: ReadonlySet<Stance> = new Set(['distancing', 'denial']);
/** Stances that pass the words on as given or lend them weight. */
const CREDITED: ReadonlySet<Stance> = new Set(['neutral', 'emphatic', 'endorsing']);

/** A speaker's identity across articles. */
export interface SpeakerIdentity {
  key: string;
  label: string;
  side: string;
}

export interface SpeakerIndex {
  /** Identity of one attribution. */
  of(attribution: Attribution): SpeakerIdentity;
  /** Every identity, by key. */
  all: Map<string, SpeakerIdentity>;
  /** True when the identity is a named person or organisation, not a pronoun, a common noun or an anonymous source. */
  isName(key: string): boolean;
}

/** Day and month words the extractor can leave in front of a name ("Thursday Dmitry Kozak"). */
const DATE_WORD =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|on|and)$/i;

/**
 * Courtesy titles and formal titles that can stand before a name and are not
 * part of it (AP Stylebook, "courtesy titles" and "titles": "President Barack
 * Obama", "Sen. Mitch McConnell", "Mr. Steele"), and generational suffixes after it.
 */
const TITLE_WORD =
  /^(mr|mrs|ms|miss|dr|sen|senator|rep|representative|gov|governor|president|vice|speaker|leader|secretary|justice|judge|attorney|general|gen|chairman|chairwoman|director|minister|prime|former|house|senate|majority|minority|chief|mayor|ambassador|rev|lt|col|adm|sgt|capt|maj|whip|spokesman|spokeswoman|press|aide|adviser|advisor|counsel|deputy|assistant|acting|special|democratic|republican|u\.s\.)\.?$/i;
const SUFFIX_WORD = /^(jr|sr|ii|iii|iv)\.?$/i;
/**
 * A person's name as first name and surname, without titles, initials, middle
 * names or suffixes: "Ruth Bader Ginsburg" and "Justice Ginsburg" share the surname key.
 * @param speaker - the speaker as the attribution gives it
 */
export function personName(speaker: string): { first: string | null; surname: string } {
  const ws = speaker
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/'s$/, '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/,$/, ''));
  while (ws.length > 1 && (DATE_WORD.test(ws[0]) || TITLE_WORD.test(ws[0]))) ws.shift();
  while (ws.length > 1 && SUFFIX_WORD.test(ws[ws.length - 1])) ws.pop();
  const surname = (ws[ws.length - 1] ?? speaker).toLowerCase();
  const first = ws.length > 1 && !/^[A-Z]\.?$/.test(ws[0]) ? ws[0].toLowerCase() : null;
  return { first, surname };
}

/** True unless the attribution says its cue is not speech (thought, evidence, refusal). */
export const isSpeech = (a: Attribution) => {
  const cue = (a as { cue?: string }).cue;
  return cue === undefined || cue === 'speech';
};

/**
 * A person's name for display: the words after the last title ("Patrol Capt.
 * Ron Johnson" is "Ron Johnson"), without leading punctuation.
 */
function personLabel(speaker: string): string {
  const ws = speaker
    .replace(/^[^\p{L}]+/u, '')
    .split(/\s+/)
    .filter(Boolean);
  let from = 0;
  ws.forEach((w, k) => {
    if (k < ws.length - 1 && (TITLE_WORD.test(w) || DATE_WORD.test(w) || /^\p{Lu}\p{Ll}+\.$/u.test(w)))
      from = k + 1;
  });
  return ws.slice(from).join(' ') || speaker.trim();
}

/** An organisation's or outlet's name as it is matched across articles: lower case, without a leading "the". */
export const orgName = (name: string) =>
  name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ');

const isNamed = (a: Attribution) =>
  a.speakerType === 'person' || a.speakerType === 'organization' || a.speakerType === 'media';

/** A name starts with a capital (after an optional "the"): "group", "one" or "officials" are not names. */
const looksLikeName = (s: string) => /^(?:the\s+)?\p{Lu}/u.test(s.trim());

/**
 * Builds the speaker index: one identity per person across articles, from the
 * attribution's canonical `speaker`. A person is keyed by surname when the
 * articles give that surname one first name at most (news style introduces a
 * person in full and uses the title and surname after, AP Stylebook "names"
 * and "courtesy titles", so "Michael S. Steele", "Mr. Steele" and "Steele" are
 * one speaker); when two people share a surname, each full name keeps its
 * own key and a bare surname goes to the one of that surname the same article
 * introduced. Organisations and media are matched by lower-cased name without
 * a leading "the"; anonymous and unresolved speakers stay per article, since
 * two articles' "officials" need not be the same people.
 * @param analyses - the articles, in input order
 */
export function createSpeakerIndex(analyses: ArticleAnalysis[]): SpeakerIndex {
  const firstNames = new Map<string, Set<string>>();
  // Per article, the full names introduced for each surname.
  const introduced = new Map<string, Map<string, Set<string>>>();
  // The actors-lexicon entry of each surname, where one entry claims it: stable across articles and nicknames.
  const actorOf = new Map<string, Set<string>>();
  for (const a of analyses) {
    const local = new Map<string, Set<string>>();
    introduced.set(a.id, local);
    for (const at of a.attributions) {
      if (at.speakerType !== 'person') continue;
      const { first, surname } = personName(at.speaker);
      if (at.actor) (actorOf.get(surname) ?? actorOf.set(surname, new Set()).get(surname)!).add(at.actor);
      const set = firstNames.get(surname) ?? new Set<string>();
      if (first) {
        set.add(first);
        (local.get(surname) ?? local.set(surname, new Set()).get(surname)!).add(first);
      }
      firstNames.set(surname, set);
    }
  }
  // Two first names for one surname are two people only when one article names both ("Jeb Bush" and
  // "George W. Bush"); across articles they are one person's formal name and nickname ("Richard J. Durbin", "Dick Durbin").
  const twoPeople = new Set<string>();
  for (const local of introduced.values())
    for (const [surname, f] of local) if (f.size > 1) twoPeople.add(surname);
  const keyOf = (at: Attribution, articleId: string): string => {
    if (at.speakerType === 'person') {
      const { first, surname } = personName(at.speaker);
      const actors = actorOf.get(surname);
      if (at.actor) return `person:@${at.actor}`;
      if (actors?.size === 1) return `person:@${[...actors][0]}`;
      const firsts = firstNames.get(surname)!;
      if (firsts.size <= 1 || !twoPeople.has(surname)) return `person:${surname}`;
      if (first) return `person:${first} ${surname}`;
      const here = introduced.get(articleId)!.get(surname);
      if (here?.size === 1) return `person:${[...here][0]} ${surname}`;
      return `person:${surname}`;
    }
    if (at.speakerType === 'organization' || at.speakerType === 'media') return `org:${orgName(at.speaker)}`;
    return `${at.speakerType}:${articleId}:${at.speaker.toLowerCase()}`;
  };

  // Label: the fullest form without titles; side: the most frequent known affiliation.
  const labels = new Map<string, string>();
  const names = new Map<string, boolean>();
  const sides = new Map<string, Map<string, number>>();
  const keyByAttribution = new Map<Attribution, string>();
  for (const a of analyses) {
    for (const at of a.attributions) {
      const key = keyOf(at, a.id);
      keyByAttribution.set(at, key);
      const name = at.speakerType === 'person' ? personLabel(at.speaker) : at.speaker.trim();
      const prev = labels.get(key);
      if (
        prev === undefined ||
        name.length > prev.length ||
        (name.length === prev.length && cmp(name, prev) < 0)
      )
        labels.set(key, name);
      names.set(key, (names.get(key) ?? false) || (isNamed(at) && looksLikeName(at.speaker)));
      if (at.affiliation) {
        const s = sides.get(key) ?? new Map<string, number>();
        s.set(at.affiliation, (s.get(at.affiliation) ?? 0) + 1);
        sides.set(key, s);
      }
    }
  }
  const all = new Map<string, SpeakerIdentity>();
  for (const [key, label] of [...labels.entries()].sort(([x], [y]) => cmp(x, y))) {
    const s = sides.get(key);
    const side = s ? [...s.entries()].sort(([x, nx], [y, ny]) => ny - nx || cmp(x, y))[0][0] : UNKNOWN_SIDE;
    all.set(key, { key, label, side });
  }
  return {
    all,
    isName: (key) => names.get(key) ?? false,
    of: (at) =>
      all.get(keyByAttribution.get(at) ?? '') ?? {
        key: `unknown:${at.speaker}`,
        label: at.speaker,
        side: at.affiliation ?? UNKNOWN_SIDE,
      },
  };
}

/** The side of a speaker the actors lexicon does not place. */
export const UNKNOWN_SIDE = 'unknown';

const zeroStances = (): StanceCounts => Object.fromEntries(STANCES.map((s) => [s, 0])) as StanceCounts;

/**
 * Compares attributions across articles.
 * @param analyses - the articles, in input order
 * @param speakers - the shared speaker index (built once for all parts)
 */
export function compareAttributions(
  analyses: ArticleAnalysis[],
  speakers: SpeakerIndex = createSpeakerIndex(analyses),
): AttributionComparison {
  const byArticle: ArticleAttributions[] = analyses.map((a) => {
    const total = a.attributions.reduce((n, at) => n + countWords(at.quote), 0);
    const share = (w: number) => (total ? round(w / total) : 0);
    const bySpeaker = new Map<string, SpeakerSummary>();
    const bySide = new Map<string, SideSummary & { speakerSet: Set<string> }>();
    const named: NamedShare = { count: 0, words: 0, share: 0 };
    const anonymous: NamedShare = { count: 0, words: 0, share: 0 };
    const unresolved: NamedShare = { count: 0, words: 0, share: 0 };
    for (const at of a.attributions) {
      const id = speakers.of(at);
      const w = countWords(at.quote);
      const s = bySpeaker.get(id.key) ?? {
        key: id.key,
        speaker: id.label,
        speakerType: at.speakerType,
        side: id.side,
        attributions: [],
        stances: zeroStances(),
        words: 0,
        share: 0,
      };
      s.attributions.push({
        verb: at.verb,
        stance: at.stance,
        form: at.form,
        paragraph: at.paragraph,
        start: at.start,
        end: at.end,
      });
      s.stances[at.stance]++;
      s.words += w;
      bySpeaker.set(id.key, s);
      const side = bySide.get(id.side) ?? {
        side: id.side,
        speakers: [],
        speakerSet: new Set<string>(),
        count: 0,
        words: 0,
        share: 0,
        stances: zeroStances(),
      };
      side.speakerSet.add(id.label);
      side.count++;
      side.words += w;
      side.stances[at.stance]++;
      bySide.set(id.side, side);
      const bucket = isNamed(at) ? named : at.speakerType === 'anonymous' ? anonymous : unresolved;
      bucket.count++;
      bucket.words += w;
    }
    const n = a.attributions.length;
    for (const b of [named, anonymous, unresolved]) b.share = n ? round(b.count / n) : 0;
    return {
      articleId: a.id,
      count: n,
      words: total,
      speakers: [...bySpeaker.values()]
        .map((s) => ({ ...s, share: share(s.words) }))
        .sort((x, y) => y.words - x.words || cmp(x.key, y.key)),
      sides: [...bySide.values()]
        .map(({ speakerSet, ...s }) => ({ ...s, speakers: distinct(speakerSet), share: share(s.words) }))
        .sort((x, y) => y.words - x.words || cmp(x.side, y.side)),
      named,
      anonymous,
      unresolved,
    };
  });

  // Sides say something only where speakers stand on two or more: in a domestic story every known
  // side is the same country, and "us 56%, unknown 44%" compares nothing.
  const knownSides = distinct(
    byArticle.flatMap((b) => b.sides.map((x) => x.side)).filter((x) => x !== UNKNOWN_SIDE),
  );
  const sidesCompared = knownSides.length >= 2;
  return {
    byArticle,
    sides: knownSides,
    sidesCompared,
    asymmetries: findAsymmetries(analyses, speakers, sidesCompared),
  };
}

/**
 * The same speaker or side introduced with a distancing or denial verb in one
 * article and only with neutral, emphatic or endorsing verbs in another:
 * "claimed" casts doubt that "said" or "stressed" does not (Reuters Handbook
 * of Journalism, "said"; Bell 1991, The Language of News Media, ch. 9).
 */
function findAsymmetries(
  analyses: ArticleAnalysis[],
  speakers: SpeakerIndex,
  sidesCompared: boolean,
): Asymmetry[] {
  type Uses = Map<string, { verbs: Map<string, Stance>; stances: Set<Stance>; verbStarts: number[] }>;
  const groups = new Map<string, { kind: 'speaker' | 'side'; label: string; uses: Uses }>();
  const add = (gkey: string, kind: 'speaker' | 'side', label: string, articleId: string, at: Attribution) => {
    const g = groups.get(gkey) ?? { kind, label, uses: new Map() as Uses };
    const u = g.uses.get(articleId) ?? {
      verbs: new Map<string, Stance>(),
      stances: new Set<Stance>(),
      verbStarts: [],
    };
    u.verbs.set(at.verb.toLowerCase(), at.stance);
    u.verbStarts.push(at.verbStart);
    u.stances.add(at.stance);
    g.uses.set(articleId, u);
    groups.set(gkey, g);
  };
  for (const a of analyses) {
    // The reported words of the article, merged once: a verb outside them all needs no closer look.
    const reported = mergeSpans(a.attributions.map((o) => ({ start: o.quoteStart, end: o.quoteEnd })));
    const insideReported = (at: Attribution) =>
      inSpans(reported, at.verbStart, at.verbEnd) &&
      a.attributions.some((o) => o !== at && o.quoteStart <= at.verbStart && at.verbEnd <= o.quoteEnd);
    for (const at of a.attributions) {
      // Anonymous and unresolved speakers cannot be matched across articles; how a speaker is
      // introduced is a claim about speech, so votes, thoughts and refusals are left out where the cue is known.
      if (!isNamed(at) || !isSpeech(at)) continue;
      // A verb inside what another source is reported to have said ("Republicans said he had
      // claimed …") is that source's word, not the outlet's choice.
      if (insideReported(at)) continue;
      // A speaker found through a pronoun or a role noun ("he speculated") is right often, not always:
      // too weak to say an outlet introduced that person with a verb.
      if (at.resolved) continue;
      const id = speakers.of(at);
      add(`speaker\u0000${id.key}`, 'speaker', id.label, a.id, at);
      // "unknown" gathers unrelated speakers; comparing it as a side would be noise.
      if (sidesCompared && id.side !== UNKNOWN_SIDE) add(`side\u0000${id.side}`, 'side', id.side, a.id, at);
    }
  }
  const out: Asymmetry[] = [];
  for (const [gkey, g] of groups) {
    const distancing: StanceUse[] = [];
    const credited: StanceUse[] = [];
    for (const a of analyses) {
      const u = g.uses.get(a.id);
      if (!u) continue;
      const stances = STANCES.filter((s) => u.stances.has(s));
      const verbs = [...u.verbs.entries()]
        .map(([verb, stance]) => ({ verb, stance }))
        .sort((x, y) => cmp(x.verb, y.verb));
      const use = { articleId: a.id, verbs, stances, verbStarts: u.verbStarts };
      if (stances.some((s) => DISTANCING.has(s))) distancing.push(use);
      else if (stances.some((s) => CREDITED.has(s))) credited.push(use);
    }
    if (distancing.length && credited.length)
      out.push({ kind: g.kind, key: gkey.split('\u0000')[1], label: g.label, distancing, credited });
  }
  return out.sort((x, y) => (cmp(x.kind, y.kind) === 0 ? cmp(x.key, y.key) : x.kind === 'speaker' ? -1 : 1));
}

/**
 * What the reports say instead of voice shares by side when sides are not compared.
 * @param c - the attribution comparison
 * @returns the sentence, or null when sides are compared
 */
export function sidesNotCompared(c: AttributionComparison): string | null {
  if (c.sidesCompared) return null;
  return c.sides.length
    ? `Sides are not compared: every speaker with a known side is on the same one (${c.sides[0]}).`
    : 'Sides are not compared: no speaker has a known side.';
}
