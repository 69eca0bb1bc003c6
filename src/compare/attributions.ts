/**
 * Attribution comparison: who each article quotes, how much room each speaker
 * and side gets, how each is introduced, and the asymmetries between
 * articles. Pure.
 */
import { STANCES } from '../lexicon/schema';
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
}

/** Day and month words the extractor can leave in front of a name ("Thursday Dmitry Kozak"). */
const DATE_WORD =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|on|and)$/i;

function nameWords(speaker: string): string[] {
  const ws = speaker
    .replace(/[\u2018\u2019]/g, "'")
    .split(/\s+/)
    .filter(Boolean);
  while (ws.length > 1 && DATE_WORD.test(ws[0])) ws.shift();
  return ws;
}

const isNamed = (a: Attribution) =>
  a.speakerType === 'person' || a.speakerType === 'organization' || a.speakerType === 'media';

/**
 * Builds the speaker index: people are matched by full name or, when no two
 * different first names share it, by surname alone (news style introduces a
 * person in full and uses the surname on later reference, AP Stylebook
 * "names"); organisations and media by lower-cased name without a leading
 * "the"; anonymous and unresolved speakers stay per article, since two
 * articles' "officials" need not be the same people.
 * @param analyses - the articles, in input order
 */
export function createSpeakerIndex(analyses: ArticleAnalysis[]): SpeakerIndex {
  const firstNames = new Map<string, Set<string>>();
  for (const a of analyses) {
    for (const at of a.attributions) {
      if (at.speakerType !== 'person') continue;
      const ws = nameWords(at.speaker);
      const surname = ws[ws.length - 1].toLowerCase();
      const set = firstNames.get(surname) ?? new Set<string>();
      if (ws.length > 1) set.add(ws[0].toLowerCase());
      firstNames.set(surname, set);
    }
  }
  const keyOf = (at: Attribution, articleId: string): string => {
    if (at.speakerType === 'person') {
      const ws = nameWords(at.speaker);
      const surname = ws[ws.length - 1].toLowerCase();
      const firsts = firstNames.get(surname)!;
      if (firsts.size <= 1 || ws.length === 1) return `person:${surname}`;
      return `person:${ws[0].toLowerCase()} ${surname}`;
    }
    if (at.speakerType === 'organization' || at.speakerType === 'media') {
      return `org:${at.speaker
        .toLowerCase()
        .replace(/^the\s+/, '')
        .replace(/\s+/g, ' ')}`;
    }
    return `${at.speakerType}:${articleId}:${at.speaker.toLowerCase()}`;
  };

  // Label: the fullest form; side: the most frequent known affiliation.
  const labels = new Map<string, string>();
  const sides = new Map<string, Map<string, number>>();
  const keyByAttribution = new Map<Attribution, string>();
  for (const a of analyses) {
    for (const at of a.attributions) {
      const key = keyOf(at, a.id);
      keyByAttribution.set(at, key);
      const name = at.speakerType === 'person' ? nameWords(at.speaker).join(' ') : at.speaker;
      const prev = labels.get(key);
      if (
        prev === undefined ||
        name.length > prev.length ||
        (name.length === prev.length && cmp(name, prev) < 0)
      )
        labels.set(key, name);
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
    const side = s ? [...s.entries()].sort(([x, nx], [y, ny]) => ny - nx || cmp(x, y))[0][0] : 'unaffiliated';
    all.set(key, { key, label, side });
  }
  return {
    all,
    of: (at) =>
      all.get(keyByAttribution.get(at) ?? '') ?? {
        key: `unknown:${at.speaker}`,
        label: at.speaker,
        side: at.affiliation ?? 'unaffiliated',
      },
  };
}

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

  return { byArticle, asymmetries: findAsymmetries(analyses, speakers) };
}

/**
 * The same speaker or side introduced with a distancing or denial verb in one
 * article and only with neutral, emphatic or endorsing verbs in another:
 * "claimed" casts doubt that "said" or "stressed" does not (Reuters Handbook
 * of Journalism, "said"; Bell 1991, The Language of News Media, ch. 9).
 */
function findAsymmetries(analyses: ArticleAnalysis[], speakers: SpeakerIndex): Asymmetry[] {
  type Uses = Map<string, { verbs: Map<string, Stance>; stances: Set<Stance> }>;
  const groups = new Map<string, { kind: 'speaker' | 'side'; label: string; uses: Uses }>();
  const add = (gkey: string, kind: 'speaker' | 'side', label: string, articleId: string, at: Attribution) => {
    const g = groups.get(gkey) ?? { kind, label, uses: new Map() as Uses };
    const u = g.uses.get(articleId) ?? { verbs: new Map<string, Stance>(), stances: new Set<Stance>() };
    u.verbs.set(at.verb.toLowerCase(), at.stance);
    u.stances.add(at.stance);
    g.uses.set(articleId, u);
    groups.set(gkey, g);
  };
  for (const a of analyses) {
    for (const at of a.attributions) {
      // Anonymous and unresolved speakers cannot be matched across articles.
      if (!isNamed(at)) continue;
      const id = speakers.of(at);
      add(`speaker\u0000${id.key}`, 'speaker', id.label, a.id, at);
      // "unaffiliated" gathers unrelated speakers; comparing it as a side would be noise.
      if (id.side !== 'unaffiliated') add(`side\u0000${id.side}`, 'side', id.side, a.id, at);
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
      const use = { articleId: a.id, verbs, stances };
      if (stances.some((s) => DISTANCING.has(s))) distancing.push(use);
      else if (stances.some((s) => CREDITED.has(s))) credited.push(use);
    }
    if (distancing.length && credited.length)
      out.push({ kind: g.kind, key: gkey.split('\u0000')[1], label: g.label, distancing, credited });
  }
  return out.sort((x, y) => (cmp(x.kind, y.kind) === 0 ? cmp(x.key, y.key) : x.kind === 'speaker' ? -1 : 1));
}
