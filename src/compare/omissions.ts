/**
 * Omissions: facts, actors and quoted speakers present in some articles and
 * missing from others. What a source leaves out is framing by selection
 * (Entman 1993, "Framing: toward clarification of a fractured paradigm":
 * frames are defined by what they omit as well as what they include). Pure.
 *
 * A fact of article A is omitted by B only when no passage of B (one sentence
 * or two adjacent ones) carries its key content: its names, numbers and
 * content words, so a fact B words differently or spreads over two sentences
 * is not declared missing. Between "carried" and "absent" lies a band where
 * the tool cannot tell; there it claims nothing.
 */
import { ORGANIZATION_NOUNS } from '../core/speakers';
import type { ArticleAnalysis, Attribution } from '../core/types';
import type { AlignmentResult } from './alignment';
import { isSpeech, orgName, type SpeakerIndex } from './attributions';
import { factUnits, type FactUnit, type KeyKind } from './facts';
import { cmp, round, withoutAcronymStops, words, type Word } from './text';
import type { ClosestPassage, NamingComparison, Omission, Omissions, PassageRef } from './types';

/**
 * Weight of a key term by kind: names and numbers identify a fact more
 * surely than its other words (Nenkova & Passonneau 2004: content units are
 * anchored by their participants), so a paraphrase must keep them.
 */
const KIND_WEIGHT: Record<KeyKind, number> = { entity: 2, number: 2, content: 1 };
/** A passage with this share of the fact's weighted key terms carries the fact. */
const CARRIED = 0.4;
/** Below this share the fact is absent from the article; between the two the tool claims nothing. */
const ABSENT = 0.2;
/** Names and numbers of a fact an article must never use for the fact to be missing from it. */
const ANCHORS_NOWHERE = 2;
/** A fact needs this many key terms, one of them a name or number, to be checkable. */
const MIN_KEYS = 5;
/** Units read per key term when looking for passages: a term in more units than this is topic, not fact. */
const MAX_POSTINGS = 50;
/**
 * Above this many articles fact omissions are not computed: a fact "missing
 * from" dozens of articles is no reading aid, and the check grows with the
 * square of the number of articles (the frame matrix has the same bound).
 */
export const OMISSION_ARTICLE_LIMIT = 50;

/** A unit mostly in quotation marks is a speaker's words: its omission is a speaker's, not a fact's. */
const MAX_QUOTED = 0.5;

interface Passage {
  start: number;
  end: number;
  terms: Set<string>;
}

/** An article's passages (each unit, then each unit with the next) and an index from key term to unit. */
interface ArticleIndex {
  singles: Passage[];
  /** `pairs[k]` joins units k and k + 1. */
  pairs: Passage[];
  byTerm: Map<string, number[]>;
}

function indexOf(units: FactUnit[]): ArticleIndex {
  const byTerm = new Map<string, number[]>();
  units.forEach((u, k) => {
    for (const t of u.keys.keys()) (byTerm.get(t) ?? byTerm.set(t, []).get(t)!).push(k);
  });
  const singles = units.map((u) => ({ start: u.start, end: u.end, terms: new Set(u.keys.keys()) }));
  const pairs = singles.slice(1).map((next, k) => ({
    start: singles[k].start,
    end: next.end,
    terms: new Set([...singles[k].terms, ...next.terms]),
  }));
  return { singles, pairs, byTerm };
}

/**
 * The passages of an article that could carry a unit: each unit sharing one of
 * its key terms, alone and with its neighbour on either side. A passage that
 * shares no term scores 0, so it need not be looked at; the index keeps the
 * cost to the units that share words rather than every unit of every article.
 */
function candidatePassages(unit: FactUnit, index: ArticleIndex): Passage[] {
  const ks = new Set<number>();
  for (const t of unit.keys.keys())
    for (const k of index.byTerm.get(t)?.slice(0, MAX_POSTINGS) ?? []) ks.add(k);
  const out: Passage[] = [];
  const pairs = new Set<number>();
  for (const k of [...ks].sort((x, y) => x - y)) {
    out.push(index.singles[k]);
    if (k > 0) pairs.add(k - 1);
    if (k < index.pairs.length) pairs.add(k);
  }
  for (const k of [...pairs].sort((x, y) => x - y)) out.push(index.pairs[k]);
  return out;
}

/** Smoothed inverse document frequency of each term over all units (Spärck Jones 1972). */
function idfOf(all: FactUnit[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const u of all) for (const t of u.keys.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = all.length;
  const idf = new Map([...df].map(([t, d]) => [t, Math.log((n + 1) / (d + 1)) + 1]));
  const unseen = Math.log(n + 1) + 1;
  return (t) => idf.get(t) ?? unseen;
}

interface Coverage {
  passage: Passage | null;
  score: number;
  missing: string[];
}

/** The passage of an article that carries most of a unit's weighted key terms. */
function bestPassage(unit: FactUnit, passages: Passage[], idf: (t: string) => number): Coverage {
  let total = 0;
  for (const [t, kind] of unit.keys) total += KIND_WEIGHT[kind] * idf(t);
  let best: Coverage = { passage: null, score: 0, missing: [] };
  for (const p of passages) {
    let got = 0;
    for (const [t, kind] of unit.keys) if (p.terms.has(t)) got += KIND_WEIGHT[kind] * idf(t);
    const score = total ? got / total : 0;
    if (score > best.score || (score === best.score && best.passage && p.start < best.passage.start))
      best = { passage: p, score, missing: [] };
  }
  best.missing = [...unit.keys]
    .filter(([t, kind]) => kind !== 'content' && !best.passage?.terms.has(t))
    .map(([t]) => unit.forms.get(t)!);
  return best;
}

/** Importance of a fact for ranking: reported by more outlets, nearer the lead, with names and numbers. */
function importance(unit: FactUnit, presentIn: number): number {
  let names = 0;
  let numbers = 0;
  for (const kind of unit.keys.values()) {
    if (kind === 'entity') names++;
    if (kind === 'number') numbers++;
  }
  const lead = unit.paragraph === 0 ? 3 : unit.paragraph <= 2 ? 2 : unit.paragraph <= 5 ? 1 : 0;
  return presentIn * 4 + lead + Math.min(names, 3) + Math.min(numbers, 2);
}

const ref = (a: ArticleAnalysis, start: number, end: number): PassageRef => ({
  articleId: a.id,
  start,
  end,
  text: a.text.slice(start, end),
});

function reasonOf(c: Coverage, label: string): string {
  const share = `${Math.round(c.score * 100)}%`;
  const never = `${label} never mentions ${c.missing.map((m) => `“${m}”`).join(', ')}`;
  if (!c.passage) return `${never}, and has no sentence to compare.`;
  return `${never}; its closest passage carries only ${share} of the fact's key words.`;
}

/**
 * Lists omissions, most important first within each kind, each with its evidence.
 * @param analyses - the articles, in input order
 * @param aligned - the fact alignment: sentences it groups are carried by each other's articles
 * @param naming - the naming comparison, for actors
 * @param speakers - the shared speaker index
 */
export function findOmissions(
  analyses: ArticleAnalysis[],
  aligned: AlignmentResult,
  naming: NamingComparison,
  speakers: SpeakerIndex,
): Omissions {
  const ids = analyses.map((a) => a.id);
  const units = analyses.length <= OMISSION_ARTICLE_LIMIT ? factUnits(analyses) : analyses.map(() => []);
  const indexes = units.map(indexOf);
  const idf = idfOf(units.flat());
  const vocabulary = units.map((list) => new Set(list.flatMap((u) => [...u.keys.keys()])));
  // Sentences the alignment put together: each carries the other's fact.
  const alignedIn = new Map<string, Set<string>>();
  for (const g of aligned.alignment.groups)
    for (const m of g.members) alignedIn.set(`${m.articleId}#${m.sentence}`, new Set(g.articles));

  const facts: (Omission & { unitKey: string })[] = [];
  // Units already standing in another article's omission: listing them again would count one fact twice.
  const carriers = new Set<string>();
  units.forEach((list, i) => {
    for (const u of list) {
      const key = `${u.articleId}#${u.sentence}`;
      if (carriers.has(key) || !u.whole || u.quoted > MAX_QUOTED || u.keys.size < MIN_KEYS) continue;
      if (![...u.keys.values()].some((k) => k !== 'content')) continue;
      // Only an article that never uses one of the fact's names or numbers can omit it: a cheap test that
      // spares the passage search for the facts every article names.
      const lacks = (j: number) => [...u.keys].some(([t, k]) => k !== 'content' && !vocabulary[j].has(t));
      if (!analyses.some((_, j) => j !== i && lacks(j))) continue;
      const viaAlignment = alignedIn.get(key) ?? new Set<string>();
      const present: PassageRef[] = [ref(analyses[i], u.start, u.end)];
      const presentIn = [u.articleId];
      const missing: { id: string; c: Coverage }[] = [];
      const carrierUnits: string[] = [];
      analyses.forEach((b, j) => {
        if (j === i) return;
        const c = bestPassage(u, candidatePassages(u, indexes[j]), idf);
        if (viaAlignment.has(b.id) || c.score >= CARRIED) {
          presentIn.push(b.id);
          if (c.passage) {
            present.push(ref(b, c.passage.start, c.passage.end));
            for (const v of units[j])
              if (v.start >= c.passage.start && v.end <= c.passage.end)
                carrierUnits.push(`${v.articleId}#${v.sentence}`);
          }
        } else if (c.score < ABSENT && lacks(j)) {
          // A name or number of the fact that the article never uses anywhere: the reader's check that it is absent.
          const anchors = [...u.keys].filter(([, kind]) => kind !== 'content');
          const nowhere = anchors.filter(([t]) => !vocabulary[j].has(t)).map(([t]) => u.forms.get(t)!);
          // One stray name or date the article never uses ("on Tuesday", a middle name) is weak
          // evidence: an outlet that tells the fact in other words often drops one.
          if (nowhere.length >= Math.min(ANCHORS_NOWHERE, anchors.length))
            missing.push({ id: b.id, c: { ...c, missing: nowhere } });
        }
      });
      if (!missing.length) continue;
      for (const k of carrierUnits) carriers.add(k);
      const order = (x: string, y: string) => ids.indexOf(x) - ids.indexOf(y);
      presentIn.sort(order);
      present.sort((x, y) => order(x.articleId, y.articleId));
      facts.push({
        kind: 'fact',
        key,
        unitKey: key,
        label: u.text.trim(),
        presentIn,
        missingFrom: missing.map((m) => m.id),
        importance: importance(u, presentIn.length),
        evidence: {
          present,
          closest: missing.map(({ id, c }): ClosestPassage => {
            const b = analyses[ids.indexOf(id)];
            return {
              articleId: id,
              start: c.passage?.start ?? null,
              end: c.passage?.end ?? null,
              text: c.passage ? b.text.slice(c.passage.start, c.passage.end) : null,
              score: round(c.score, 2),
              missing: c.missing,
              reason: reasonOf(c, b.source),
            };
          }),
        },
      });
    }
  });
  facts.sort(
    (x, y) =>
      y.importance - x.importance ||
      ids.indexOf(x.presentIn[0]) - ids.indexOf(y.presentIn[0]) ||
      x.evidence.present[0].start - y.evidence.present[0].start,
  );

  const bodyWords = new Map(
    analyses.map((a) => [a.id, words(a.text.slice(a.body.start, a.body.end), a.body.start)]),
  );
  // Each actor's category (person, institution, state, media …), read once from the hits.
  const actorCategories = new Map<string, string>();
  for (const a of analyses)
    for (const h of a.hits)
      if (h.lexicon === 'actors' && !actorCategories.has(h.entry)) actorCategories.set(h.entry, h.category);
  const actors = actorOmissions(analyses, naming, actorCategories);
  const quoted = speakerOmissions(analyses, speakers, bodyWords, actorCategories);
  return {
    items: [...facts.map(({ unitKey: _u, ...o }) => o), ...actors, ...quoted],
  };
}

/** The sentence of an article around an offset. */
function sentenceAt(a: ArticleAnalysis, offset: number): PassageRef {
  const s = a.tone.sentences.find((x) => x.start <= offset && offset < x.end);
  return s ? ref(a, s.start, s.end) : ref(a, offset, offset);
}

/** Actors of the actors lexicon named in some articles and not in others. */
function actorOmissions(
  analyses: ArticleAnalysis[],
  naming: NamingComparison,
  actorCategories: ReadonlyMap<string, string>,
): Omission[] {
  const byId = new Map(analyses.map((a) => [a.id, a]));
  // Acronyms with or without stops are one word: "F.B.I." names the FBI.
  const vocab = new Map(
    analyses.map((a) => [
      a.id,
      new Set(words(withoutAcronymStops(a.text.slice(a.body.start, a.body.end))).map((w) => w.norm)),
    ]),
  );
  // The actor's forms as words: an article that uses the last word of one ("Obama" for "Barack Obama") names it.
  const mentions = (a: ArticleAnalysis, forms: string[]) =>
    forms.some((f) => {
      const ws = words(withoutAcronymStops(f)).map((w) => w.norm);
      return ws.length > 0 && vocab.get(a.id)!.has(ws[ws.length - 1]);
    });
  // People and institutions: that an outlet never names a country, a capital ("Washington", often
  // only a dateline), a party or a newspaper another one cites is background, and an adjective
  // ("Republican leaders") names a party without its noun.
  const claimable = new Set(['person', 'institution']);
  return naming.actors
    .filter((r) => claimable.has(actorCategories.get(r.actor) ?? ''))
    .map((r) => {
      const forms = [...new Set(r.uses.flatMap((u) => u.forms.map((f) => f.form)))];
      return { r, forms, absent: r.absent.filter((id) => !mentions(byId.get(id)!, forms)) };
    })
    .filter(({ absent }) => absent.length)
    .map(({ r, forms, absent }) => {
      const label = r.uses
        .flatMap((u) => u.forms.map((f) => f.form))
        .reduce((x, y) => (y.length > x.length || (y.length === x.length && cmp(y, x) < 0) ? y : x));
      return {
        kind: 'actor' as const,
        key: r.actor,
        label,
        presentIn: r.uses.map((u) => u.articleId),
        missingFrom: absent,
        importance: r.uses.length,
        evidence: {
          present: r.uses.map((u) => {
            const a = byId.get(u.articleId)!;
            const hit = a.hits.find((h) => h.lexicon === 'actors' && h.entry === r.actor)!;
            return sentenceAt(a, hit.start);
          }),
          closest: absent.map((id) => ({
            articleId: id,
            start: null,
            end: null,
            text: null,
            score: 0,
            missing: forms,
            reason: `${byId.get(id)!.source} never names ${forms.map((f) => `“${f}”`).join(' or ')}.`,
          })),
        },
      };
    });
}

/** A word of a name: capitalised ("Holt", "McCain", "O'Neill"), an initial ("J."), or a particle. */
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’.-]*\p{Ll}[\p{L}'’.-]*|\p{Lu}\.|of|the|de|van|von|al-\p{Lu}\p{Ll}+)$/u;

/**
 * A speaker whose absence can be claimed: an actor of the lexicon that is not a country or an
 * outlet, or a name of two words or more that looks like one. A person's name does not end in an
 * organisation noun ("Houston College"); an organisation's does ("the Washington Post's editorial
 * board").
 */
function claimableSpeaker(
  at: Attribution,
  label: string,
  actorCategories: ReadonlyMap<string, string>,
): boolean {
  const actorCategory = at.actor ? actorCategories.get(at.actor) : undefined;
  // A country speaks through its government, and an outlet named as a speaker is more often the one
  // a source talked to ("told Politico") than a source itself.
  if (actorCategory === 'state' || actorCategory === 'media') return false;
  if (at.actor) return true;
  // Without a lexicon entry, a name of one word is too often a misread ("Dmitry" of "Dmitry Bam"),
  // and a name must look like one: capitalised words, no dateline ("DENVER — Two states").
  const parts = label.split(/\s+/);
  if (parts.length < 2 || !parts.every((w) => NAME_WORD.test(w))) return false;
  const head = parts[parts.length - 1].toLowerCase();
  // A person's name does not end in an organisation noun ("Houston College"); an organisation's does.
  return at.speakerType === 'person' ? !ORGANIZATION_NOUNS.has(head) : ORGANIZATION_NOUNS.has(head);
}

/**
 * Named speakers quoted in some articles and never named in others. An article that names the
 * speaker without an attribution the extractor found is left out of the claim: its quotation may
 * sit behind a pronoun or a construction the extractor misses, and "leaves out their voice" would
 * then be false.
 */
function speakerOmissions(
  analyses: ArticleAnalysis[],
  speakers: SpeakerIndex,
  bodyWords: Map<string, Word[]>,
  actorCategories: ReadonlyMap<string, string>,
): Omission[] {
  const quotedIn = new Map<string, Map<string, PassageRef>>();
  // An outlet compared here is no source the others left out: "told Fox News" is Fox's own reporting.
  const bare = (name: string) => orgName(name).replace(/['’]s$/, '');
  const outlets = new Set(analyses.map((a) => bare(a.source)));
  for (const a of analyses) {
    for (const at of a.attributions) {
      const id = speakers.of(at);
      if (!/^(person|org):/.test(id.key) || !speakers.isName(id.key) || !isSpeech(at)) continue;
      if (!claimableSpeaker(at, id.label, actorCategories) || outlets.has(bare(id.label))) continue;
      const uses = quotedIn.get(id.key) ?? quotedIn.set(id.key, new Map()).get(id.key)!;
      if (!uses.has(a.id)) uses.set(a.id, sentenceAt(a, at.start));
    }
  }
  const claims = [...quotedIn.keys()].sort(cmp).map((key) => {
    const label = speakers.all.get(key)!.label;
    const name = words(label).map((w) => w.norm);
    // A person by surname; an organisation by the longest word of its name.
    const mark = key.startsWith('person:')
      ? (name[name.length - 1] ?? '')
      : name.reduce((x, y) => (y.length > x.length ? y : x), '');
    const names = (a: ArticleAnalysis) =>
      bodyWords.get(a.id)!.some((w) => w.norm === mark || w.norm === `${mark}'s`);
    const uses = quotedIn.get(key)!;
    return { key, label, uses, missing: analyses.filter((a) => !uses.has(a.id) && !names(a)) };
  });
  return claims
    .filter((c) => c.missing.length > 0)
    .map(({ key, label, uses, missing }) => ({
      kind: 'speaker' as const,
      key,
      label,
      presentIn: analyses.filter((a) => uses.has(a.id)).map((a) => a.id),
      missingFrom: missing.map((a) => a.id),
      importance: uses.size,
      evidence: {
        present: analyses.filter((a) => uses.has(a.id)).map((a) => uses.get(a.id)!),
        closest: missing.map((a): ClosestPassage => ({
          articleId: a.id,
          start: null,
          end: null,
          text: null,
          score: 0,
          missing: [label],
          reason: `${a.source} neither names nor quotes ${label}.`,
        })),
      },
    }));
}
