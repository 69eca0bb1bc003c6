/**
 * Noun phrases that can speak: people, institutions, media, anonymous sources,
 * pronouns and role nouns. wink-nlp's light model has no PERSON/ORG entities,
 * so people are found as runs of capitalised proper nouns, split from the
 * titles and institutions in front of them ("the Deputy Minister of Foreign
 * Affairs of the Russian Federation Sergei Ryabkov").
 */
import { isQuoteMark, type Token } from './language';
import type { Match } from './matcher';
import type { SpeakerType } from './types';

/** Days, months and relative days: capitalised at times, but never names or titles ("on Saturday Dmitry Kozak…"). */
export const DATE_WORDS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december today yesterday tomorrow'.split(
    ' ',
  ),
);

/**
 * Words that head titles and institutions rather than names of people. A
 * name is the capitalised run after the last of these (AP Stylebook,
 * "titles": formal titles are capitalised before a name).
 */
const TITLE_OR_INSTITUTION = new Set(
  `minister ministry deputy foreign affairs federation republic states kingdom union council committee agency office forces force
  army navy parliament senate congress house court party government administration commission organization organisation news
  press times post university bank fund institute service police guard secretary president vice prime chancellor ambassador
  spokesman spokeswoman spokesperson general colonel major captain lieutenant admiral sergeant commander chief head director
  governor mayor senator representative rep sen gov gen col capt lt dr mr mrs ms miss sir lord lady prince king queen pope
  councilmember councilman councilwoman councillor councilor alderman manager town superintendent sheriff chairman chairwoman
  judge justice attorney defense defence interior justice health finance security department bureau embassy consulate mission
  assembly duma rada kremlin pentagon staff chiefs white international national federal state city county region regional district
  central european american russian ukrainian british french german chinese united nations council armed people's peoples
  revolution movement front brigade battalion corps division association corporation company inc ltd group network channel
  agency tv radio daily weekly herald tribune gazette journal review dispatch ledger wire courier voice chronicle observer
  research securities capital partners holdings investments analytics associates consulting services systems media studios
  labs foundation trust center centre society guild league ceo cfo coo executive founder chair`
    .split(/\s+/)
    .filter(Boolean),
);

/** Role nouns that refer back to a person already quoted ("The diplomat called…"). */
export const ROLE_NOUNS = new Set(
  `diplomat minister spokesman spokeswoman spokesperson official president secretary ambassador envoy general commander mayor
  councillor councilor senator governor lawmaker chief head leader attaché attache adviser advisor premier chancellor
  politician analyst expert lawyer prosecutor judge officer colonel deputy representative negotiator aide director chairman
  chairwoman chair activist campaigner resident researcher professor economist`
    .split(/\s+/)
    .filter(Boolean),
);

/** Heads of noun phrases that name an organisation ("the ministry said"). */
export const ORGANIZATION_NOUNS = new Set(
  `ministry department agency company court association government council committee commission office police army military
  union party campaign group organisation organization embassy administration authority authorities service firm bank board
  prosecutor's network newspaper agency station club federation alliance coalition institute university college school hospital`
    .split(/\s+/)
    .filter(Boolean),
);

/** Heads of noun phrases that name no one: "officials said", "sources say". */
const ANONYMOUS_HEADS = new Set(
  `official officials source sources insider insiders diplomat diplomats aide aides people person observers analysts experts
  officer officers critics residents witnesses someone monitors investigators investigator staffer staffers`
    .split(/\s+/)
    .filter(Boolean),
);

const PRONOUNS: Record<string, 'male' | 'female' | 'plural' | 'self'> = {
  he: 'male',
  she: 'female',
  they: 'plural',
  we: 'self',
  i: 'self',
};

/** Nationality adjectives to the affiliation ids used in the actors lexicon. */
const DEMONYMS: Record<string, string> = {
  russian: 'russia',
  ukrainian: 'ukraine',
  american: 'us',
  british: 'uk',
  french: 'france',
  german: 'germany',
  chinese: 'china',
  european: 'eu',
  israeli: 'israel',
  palestinian: 'palestine',
};

const HONORIFIC_GENDER: Record<string, 'male' | 'female'> = {
  mr: 'male',
  mrs: 'female',
  ms: 'female',
  miss: 'female',
  sir: 'male',
  lady: 'female',
};

export interface PersonName {
  full: string;
  gender?: 'male' | 'female';
  affiliation?: string;
  role?: string;
  actor?: string;
}

export interface SpeakerMention {
  speaker: string;
  role: string | null;
  speakerType: SpeakerType;
  affiliation: string | null;
  gender?: 'male' | 'female';
  /** Id of the actors-lexicon entry, when the speaker is a known actor. */
  actor?: string;
  /** Token range of the speaker mention. */
  first: number;
  last: number;
  /** Set when the mention is a pronoun or role noun that needs an antecedent. */
  anaphor?: 'male' | 'female' | 'plural' | 'self' | 'role' | 'organization';
}

const isCap = (t: Token) => /^\p{Lu}/u.test(t.value) && t.type === 'word';

/** Per-article lookup tables the speaker analysis needs. */
export interface SpeakerContext {
  text: string;
  tokens: Token[];
  /** token index → actor match covering it */
  actorAt: (Match | undefined)[];
  /** token index → true where a place or group name (naming variant) covers it */
  placeAt: boolean[];
  /** token index → true where an anonymous-source phrase covers it */
  anonymousAt: boolean[];
  /** surname (lower case) → the full name as first introduced */
  names: Map<string, PersonName>;
  /** given name (lower case) → the sex its bearers are recorded with (the given-names lexicon) */
  givenNames?: ReadonlyMap<string, 'male' | 'female'>;
}

/** The gender a name's first word suggests, from the given-names lexicon ("Ann Ford" → female). */
function givenNameGender(ctx: SpeakerContext, a: number, b: number): 'male' | 'female' | undefined {
  if (b - a < 2 || !ctx.givenNames) return undefined;
  // The first word before the surname that is a given name ("Sen. David Perdue" → David).
  for (let k = a; k < b - 1; k++) {
    const gender = ctx.givenNames.get(ctx.tokens[k].lower);
    if (gender) return gender;
  }
  return undefined;
}

function textOf(ctx: SpeakerContext, first: number, last: number): string {
  if (last <= first) return '';
  return ctx.text.slice(ctx.tokens[first].start, ctx.tokens[last - 1].end);
}

function trimRange(ctx: SpeakerContext, first: number, last: number): [number, number] {
  const t = ctx.tokens;
  while (first < last && (t[first].type === 'punctuation' || t[first].pos === 'DET')) first++;
  while (last > first && t[last - 1].type === 'punctuation') last--;
  return [first, last];
}

/** The trailing run of capitalised tokens that can be a person's name (at most four tokens). */
/** The most words of a personal name after its title: given names, initials, surname ("Mary Anne de la Cruz" aside). */
const MAX_NAME_WORDS = 4;

function trailingNameRun(ctx: SpeakerContext, first: number, last: number): [number, number] | null {
  const t = ctx.tokens;
  let k = last;
  while (k > first) {
    const tok = t[k - 1];
    const actor = ctx.actorAt[k - 1];
    const isPersonActor = actor?.entry.actor?.category === 'person';
    if (!isCap(tok) && !(tok.value === '-' && k - 1 > first && isCap(t[k - 2]))) break;
    if (DATE_WORDS.has(tok.lower)) break;
    if (TITLE_OR_INSTITUTION.has(tok.lower) && !isPersonActor) break;
    if ((ctx.placeAt[k - 1] || (actor && !isPersonActor)) && !isPersonActor) break;
    // Five capitalised words and more are no personal name but an organisation's ("the Rocky
    // Mountain High Intensity Drug Trafficking Area"): no person run, so the whole phrase is read.
    if (last - (k - 1) > MAX_NAME_WORDS) return null;
    k--;
  }
  return k < last ? [k, last] : null;
}

/**
 * Registers the people named in an article, in order, so that a later bare
 * surname ("Stewart noted") resolves to the full name first introduced.
 */
export function collectPersonNames(ctx: SpeakerContext): void {
  const t = ctx.tokens;
  let i = 0;
  while (i < t.length) {
    if (!isCap(t[i]) || t[i].pos === 'PRON') {
      i++;
      continue;
    }
    let j = i;
    while (j < t.length && (isCap(t[j]) || (t[j].value === '-' && j + 1 < t.length && isCap(t[j + 1])))) j++;
    const run = trailingNameRun(ctx, i, j);
    if (run) {
      const [a, b] = run;
      const actor = ctx.actorAt[a]?.entry.actor;
      const count = b - a;
      const allProper = t.slice(a, b).every((x) => x.pos === 'PROPN' || x.value === '-');
      if ((count >= 2 && allProper) || actor?.category === 'person') {
        const full = textOf(ctx, a, b);
        const surname = t[b - 1].lower;
        if (!ctx.names.has(surname)) {
          const prev = a > 0 ? t[a - 1].lower.replace(/\.$/, '') : '';
          const gender = actor?.gender ?? HONORIFIC_GENDER[prev] ?? givenNameGender(ctx, a, b);
          ctx.names.set(surname, {
            full: count >= 2 ? full : (actor?.name ?? full),
            gender,
            affiliation: actor?.affiliation,
            actor: actor?.id,
          });
        }
      }
    }
    i = Math.max(j, i + 1);
  }
}

/**
 * Classifies the noun phrase `tokens[first, last)` as a speaker, or returns
 * null when it cannot speak (no name, no pronoun, no institution).
 */
export function analyzeSpeaker(
  ctx: SpeakerContext,
  rawFirst: number,
  rawLast: number,
): SpeakerMention | null {
  const t = ctx.tokens;
  const [first, last] = trimRange(ctx, rawFirst, rawLast);
  if (last <= first) return null;
  const head = t[last - 1];

  if (last - first === 1 && head.pos === 'PRON') {
    const kind = PRONOUNS[head.lower];
    if (!kind) return null;
    return {
      speaker: head.value,
      role: null,
      speakerType: 'unresolved',
      affiliation: null,
      first,
      last,
      anaphor: kind,
    };
  }

  const affiliationFromWords = () => {
    for (let k = first; k < last; k++) {
      const a = ctx.actorAt[k]?.entry.actor;
      if (a) return a.affiliation;
      const d = DEMONYMS[t[k].lower];
      if (d) return d;
    }
    return null;
  };
  /** An unnamed source, kept with its article ("a senior official", "a spokesman"). */
  const unnamedSource = (): SpeakerMention => ({
    speaker: textOf(ctx, rawFirst, last),
    role: null,
    speakerType: 'anonymous',
    affiliation: affiliationFromWords(),
    first: rawFirst,
    last,
  });

  let anonymous = false;
  for (let k = first; k < last; k++) if (ctx.anonymousAt[k]) anonymous = true;

  // A person's name at the end of the phrase, after any title. A name after a link word belongs
  // to a place or body the head noun is tied to ("attorneys general in Utah and New Mexico"), and
  // the rule for "X of Y" below reads the head.
  const run = trailingNameRun(ctx, first, last);
  let before = run ? run[0] - 1 : -1;
  // "in Utah and New Mexico": step back over the places joined to this one.
  while (before > first && (t[before].lower === 'and' || isCap(t[before]))) before--;
  const afterLink = run !== null && before > first && /^(of|from|for|in|at)$/.test(t[before].lower);
  if (run && !afterLink) {
    const [a, b] = run;
    const actorMatch = ctx.actorAt[b - 1];
    const actor = actorMatch?.entry.actor;
    const surname = t[b - 1].lower;
    let known = ctx.names.get(surname);
    // "Ivanka Trump" after "Donald Trump": a different given name is a different person.
    const given = t.slice(a, b - 1).find((x) => !x.value.endsWith('.') && !(x.lower in HONORIFIC_GENDER));
    if (known && given && !known.full.toLowerCase().split(/\s+/).includes(given.lower)) known = undefined;
    const isPerson =
      actor?.category === 'person' ||
      known !== undefined ||
      (b - a >= 2 && t.slice(a, b).every((x) => x.pos === 'PROPN' || x.value === '-'));
    if (isPerson) {
      const roleText = textOf(ctx, ...trimRange(ctx, first, a)).replace(/,\s*$/, '');
      const prev = a > 0 ? t[a - 1].lower.replace(/\.$/, '') : '';
      // The role as the article first gave it serves its later bare mentions ("Ryabkov stressed").
      if (known && !known.role && roleText && /\p{L}/u.test(roleText)) known.role = roleText;
      return {
        speaker: known?.full ?? (b - a >= 2 ? textOf(ctx, a, b) : (actor?.name ?? textOf(ctx, a, b))),
        role: roleText && /\p{L}/u.test(roleText) ? roleText : (known?.role ?? actor?.role ?? null),
        speakerType: 'person',
        affiliation: actor?.affiliation ?? known?.affiliation ?? affiliationFromWords(),
        gender: actor?.gender ?? known?.gender ?? HONORIFIC_GENDER[prev] ?? givenNameGender(ctx, a, b),
        actor: actor?.id ?? known?.actor,
        first: a,
        last: b,
      };
    }
  }

  // "Professor Alan Whitcombe of Northgate University": the phrase before "of"/"from" names the speaker.
  for (let k = first + 1; k < last - 1; k++) {
    if (/^(of|from|for|in|at)$/.test(t[k].lower)) {
      const inner = analyzeSpeaker(ctx, first, k);
      if (inner && (inner.speakerType === 'person' || inner.speakerType === 'anonymous')) {
        return inner.role ? inner : { ...inner, role: textOf(ctx, k + 1, last) };
      }
      break;
    }
  }

  // An institution, state or outlet from the actors lexicon.
  for (let k = last - 1; k >= first; k--) {
    const m = ctx.actorAt[k];
    if (!m) continue;
    const actor = m.entry.actor!;
    if (m.last < last && ORGANIZATION_NOUNS.has(head.lemma)) {
      // "the United Nations refugee agency": the actor modifies an organisation noun.
      return {
        speaker: textOf(ctx, ...trimRange(ctx, first, last)),
        role: null,
        speakerType: 'organization',
        affiliation: actor.affiliation,
        first,
        last,
      };
    }
    // The actor is a modifier ("Pentagon officials"): the phrase's head decides.
    if (m.last < last && !isQuoteMark(t[last - 1]) && ANONYMOUS_HEADS.has(head.lower)) break;
    const a = Math.max(m.first, first);
    const b = Math.min(m.last, last);
    const roleText = textOf(ctx, ...trimRange(ctx, first, a));
    return {
      speaker: textOf(ctx, ...trimRange(ctx, a, b)) || actor.name,
      role: roleText && /\p{L}/u.test(roleText) ? roleText : null,
      speakerType: actor.media ? 'media' : actor.category === 'person' ? 'person' : 'organization',
      affiliation: actor.affiliation,
      gender: actor.gender,
      actor: actor.id,
      first: a,
      last: b,
    };
  }

  if (anonymous || ANONYMOUS_HEADS.has(head.lower) || ANONYMOUS_HEADS.has(head.lemma)) {
    const definite = t[rawFirst]?.lower === 'the' || t[first - 1]?.lower === 'the';
    const plural = head.lemma !== head.lower;
    if (definite && !plural && ROLE_NOUNS.has(head.lemma) && last - first === 1) {
      return {
        speaker: textOf(ctx, rawFirst, last),
        role: head.value,
        speakerType: 'unresolved',
        affiliation: null,
        first: rawFirst,
        last,
        anaphor: 'role',
      };
    }
    // Anonymous sources keep their article ("a senior official"): the indefiniteness is the point.
    return unnamedSource();
  }

  if (ORGANIZATION_NOUNS.has(head.lemma)) {
    // "the ministry said", "the company confirmed": an organisation, resolved to the last one named so.
    const anaphoric = (t[rawFirst]?.lower === 'the' || t[first - 1]?.lower === 'the') && last - first === 1;
    return {
      speaker: textOf(ctx, anaphoric ? rawFirst : first, last),
      role: null,
      speakerType: 'organization',
      affiliation: affiliationFromWords(),
      first: anaphoric ? rawFirst : first,
      last,
      anaphor: anaphoric ? 'organization' : undefined,
    };
  }

  if (ROLE_NOUNS.has(head.lemma)) {
    const definite = t[rawFirst]?.lower === 'the' || t[first - 1]?.lower === 'the';
    const indefinite =
      /^(a|an|one)$/.test(t[rawFirst]?.lower ?? '') || /^(a|an|one)$/.test(t[first - 1]?.lower ?? '');
    if (indefinite) {
      // "A spokesman said…": a role with no name is an unnamed source.
      return unnamedSource();
    }
    if (definite) {
      return {
        speaker: textOf(ctx, rawFirst, last),
        role: textOf(ctx, first, last),
        speakerType: 'unresolved',
        affiliation: affiliationFromWords(),
        first: rawFirst,
        last,
        anaphor: 'role',
      };
    }
  }

  // A capitalised common noun alone is a sentence-initial group ("Advocates pointed out"), not a name.
  if (last - first === 1 && isCap(head) && head.pos === 'NOUN' && head.lemma !== head.lower) {
    return {
      speaker: textOf(ctx, first, last),
      role: null,
      speakerType: 'anonymous',
      affiliation: null,
      first,
      last,
    };
  }
  // A capitalised organisation not in the lexicon ("the Ukrainian Defense Ministry").
  const caps = t.slice(first, last).filter(isCap).length;
  if (caps > 0 && (head.pos === 'PROPN' || TITLE_OR_INSTITUTION.has(head.lower) || isCap(head))) {
    const quotedName = isQuoteMark(t[rawLast - 1] ?? head) || isQuoteMark(t[rawFirst] ?? head);
    return {
      speaker: textOf(ctx, first, last),
      role: null,
      speakerType: quotedName ? 'media' : 'organization',
      affiliation: affiliationFromWords(),
      first,
      last,
    };
  }
  return null;
}
