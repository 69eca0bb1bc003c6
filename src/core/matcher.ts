/**
 * Compiles every lexicon into one token trie, once, and matches it against a
 * tokenized article. The cost per token depends on the longest pattern and
 * the branching at each step, not on the number of entries: each trie node
 * keeps its children in a Map keyed by token form (retext-equality's
 * "compile once" pattern, on tokens instead of regular expressions).
 */
import type { LexiconSet } from '../lexicon/parse';
import type { ActorEntry, AttributionCue, PatternKind, Stance } from '../lexicon/schema';
import { language, normalizeSameLength, readDocAlone, type Token } from './language';

/** What a match points back to: one lexicon entry (for naming variants, one variant). */
export interface CompiledEntry {
  index: number;
  kind: PatternKind;
  /** Entry id; for naming variants the variant id. */
  id: string;
  category: string;
  alternatives: string[];
  note: string;
  citation: string;
  concept?: string;
  signals?: string;
  /** naming-variants: the variant is preferred or neutral, so its uses are compared, not flagged. */
  neutral?: boolean;
  stance?: Stance;
  form?: 'verb' | 'noun' | 'cue';
  /** reporting-verbs: what the cue reports (speech, thought, evidence, refusal). */
  cue?: AttributionCue;
  domain?: string;
  actor?: ActorEntry;
  /** Sense rules (see {@link senseHolds}): parts of speech, required and forbidden neighbours. */
  pos?: ReadonlySet<string>;
  near?: ReadonlySet<string>;
  notNear?: ReadonlySet<string>;
}

/** The sense fields an entry may declare in its lexicon file. */
interface SenseFields {
  pos?: readonly string[];
  near?: readonly string[];
  notNear?: readonly string[];
}

const lowerSet = (xs?: readonly string[]) => (xs ? new Set(xs.map((x) => x.toLowerCase())) : undefined);

/** The compiled sense rules of an entry, only those it declares. */
function senseOf(e: SenseFields): Pick<CompiledEntry, 'pos' | 'near' | 'notNear'> {
  const out: Pick<CompiledEntry, 'pos' | 'near' | 'notNear'> = {};
  if (e.pos) out.pos = new Set(e.pos);
  if (e.near) out.near = lowerSet(e.near);
  if (e.notNear) out.notNear = lowerSet(e.notNear);
  return out;
}

/**
 * How far a required or forbidden neighbour may stand from a match, in tokens: a short phrase
 * around the head word ("blasted the plan", "the plan he blasted"), the span spaCy's Matcher
 * examples and NegEx-style rules use for local context.
 */
export const NEIGHBOUR_WINDOW = 4;

/**
 * True when a match keeps the sense its entry declares: one of its words has an allowed part of
 * speech, a required neighbour stands within {@link NEIGHBOUR_WINDOW} tokens in the same
 * sentence, and no forbidden one does.
 */
function senseHolds(entry: CompiledEntry, tokens: Token[], first: number, last: number): boolean {
  if (entry.pos) {
    let ok = false;
    for (let i = first; i < last && !ok; i++) ok = entry.pos.has(tokens[i].pos);
    if (!ok) return false;
  }
  if (!entry.near && !entry.notNear) return true;
  const sentence = tokens[first].sentence;
  let near = false;
  const from = Math.max(0, first - NEIGHBOUR_WINDOW);
  const to = Math.min(tokens.length, last + NEIGHBOUR_WINDOW);
  for (let i = from; i < to; i++) {
    if (i >= first && i < last) continue;
    const t = tokens[i];
    if (t.sentence !== sentence) continue;
    if (entry.notNear && (entry.notNear.has(t.lower) || entry.notNear.has(t.lemma))) return false;
    if (entry.near && (entry.near.has(t.lower) || entry.near.has(t.lemma))) near = true;
  }
  return entry.near ? near : true;
}

const CAPITALISED = /^\p{Lu}/u;

/**
 * True when a match lies inside a proper name: every word of it is capitalised and a capitalised
 * word that does not start the sentence stands right before or after it ("Freedom Caucus",
 * "the Radical Party"). A loaded term inside an organisation's official name is the name, not
 * the outlet's word choice (Wikipedia:Manual of Style/Words to watch: "the guideline does not
 * apply to ... names"; AP Stylebook: use an organisation's formal name).
 */
function insideProperName(tokens: Token[], first: number, last: number): boolean {
  for (let i = first; i < last; i++)
    if (tokens[i].type === 'word' && !CAPITALISED.test(tokens[i].value)) return false;
  const before = tokens[first - 1];
  const after = tokens[last];
  const sentenceStart = (i: number) => i === 0 || tokens[i - 1].sentence !== tokens[i].sentence;
  const capitalWord = (t: Token | undefined) =>
    t !== undefined && t.type === 'word' && CAPITALISED.test(t.value);
  return (
    (capitalWord(before) && before.sentence === tokens[first].sentence && !sentenceStart(first - 1)) ||
    (capitalWord(after) && after.sentence === tokens[first].sentence)
  );
}

/** A pattern that ends at a trie node: its entry and its length in tokens. */
export interface TrieOutput {
  entry: number;
  length: number;
  /** True when this pattern is an exception that suppresses `entry`. */
  exception: boolean;
}

/** One step of the trie: the next token keys, and the patterns that end here. */
export interface TrieNode {
  children: Map<string, TrieNode>;
  outputs: TrieOutput[];
}

/**
 * A compiled matcher as data: the entries and the token trie, nothing but plain objects, Maps
 * and Sets, so it survives `structuredClone` and `v8.serialize` (the compiled-lexicon cache).
 */
export interface CompiledMatcher {
  entries: CompiledEntry[];
  root: TrieNode;
  patternCount: number;
}

export interface Match {
  entry: CompiledEntry;
  /** Token indices `[first, last)`. */
  first: number;
  last: number;
  start: number;
  end: number;
}

export interface Matcher {
  entries: CompiledEntry[];
  /** Number of patterns compiled, exceptions included. */
  patternCount: number;
  match(tokens: Token[]): Match[];
}

const CASE_SENSITIVE = /^(?=.*[A-Z].*[A-Z])[A-Z0-9.&-]+$/;

/** Keys a pattern word can be reached by: its lemma and its surface form, or the exact form for an all-caps word. */
function patternKeys(value: string, lemma: string): string[] {
  if (CASE_SENSITIVE.test(value)) return [`=${value}`];
  const lower = value.toLowerCase();
  const lem = lemma.toLowerCase();
  return lem === lower ? [lower] : [lower, lem];
}

/** -ing nouns that are words of their own, not the action of their verb. */
const LEXICALISED_ING = new Set([
  'evening',
  'morning',
  'building',
  'meeting',
  'hearing',
  'ceiling',
  'wedding',
  'during',
  'nothing',
  'something',
  'anything',
  'everything',
  'string',
  'spring',
  'feeling',
  'being',
]);

/**
 * Keys an article token offers: its exact form, its lower-case form and its
 * lemma. A nominal -ing or -ed form keeps its -ing in wink's lemma
 * ("the shelling"), so its verb stem is offered too (shell, bomb, fire, run):
 * exact keys only, so nothing but that verb's pattern can match.
 */
function tokenKeys(token: Token): string[] {
  // Only an all-caps pattern word has an exact key, so only a token that could equal one offers it
  // (a lower-case token, most of them, cannot): one Map lookup fewer per token and step.
  const keys =
    token.value !== token.lower && CASE_SENSITIVE.test(token.value)
      ? [`=${token.value}`, token.lower]
      : [token.lower];
  if (token.lemma !== token.lower) keys.push(token.lemma);
  const lemma = token.lemma;
  const m =
    lemma.length > 4 && (lemma.endsWith('ing') || lemma.endsWith('ed'))
      ? /^([a-z]{3,})(ing|ed)$/.exec(lemma)
      : null;
  if (m && token.type === 'word' && !LEXICALISED_ING.has(token.lemma)) {
    const stem = m[1];
    keys.push(stem, `${stem}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(stem)) keys.push(stem.slice(0, -1));
  }
  return keys;
}

function tokenizePattern(pattern: string): { value: string; lemma: string }[] {
  const { its } = language();
  const doc = readDocAlone(normalizeSameLength(pattern));
  const values: string[] = doc.tokens().out();
  const lemmas = doc.tokens().out(its.lemma as never) as unknown as string[];
  return values.map((value, i) => ({ value, lemma: lemmas[i] ?? value }));
}

function flattenEntries(
  set: LexiconSet,
): { entry: Omit<CompiledEntry, 'index'>; patterns: string[]; exceptions: string[] }[] {
  const out: { entry: Omit<CompiledEntry, 'index'>; patterns: string[]; exceptions: string[] }[] = [];
  const e = set.entries;
  for (const t of e['loaded-terms']) {
    out.push({
      entry: {
        kind: 'loaded-terms',
        id: t.id,
        category: t.category,
        alternatives: t.alternatives,
        note: t.loads ? `${t.note} Loads: ${t.loads}.` : t.note,
        citation: t.citation,
        domain: t.domain,
        ...senseOf(t),
      },
      patterns: t.patterns,
      exceptions: t.exceptions,
    });
  }
  for (const c of e['naming-variants']) {
    for (const v of c.variants) {
      const others = c.variants.filter((o) => o !== v);
      const preferred = others.filter((o) => o.preferred);
      const neutral = others.filter((o) => o.neutral);
      out.push({
        entry: {
          kind: 'naming-variants',
          id: v.id,
          concept: c.id,
          category: c.category,
          alternatives: (preferred.length ? preferred : neutral.length ? neutral : others).map(
            (o) => o.patterns[0],
          ),
          note: `${c.concept}: ${v.signals} ${c.note}`,
          signals: v.signals,
          neutral: v.preferred || v.neutral,
          citation: c.citation,
        },
        patterns: v.patterns,
        exceptions: v.exceptions,
      });
    }
  }
  for (const v of e['reporting-verbs']) {
    out.push({
      entry: {
        kind: 'reporting-verbs',
        id: v.id,
        category: v.category,
        alternatives: v.alternatives,
        note: v.note,
        citation: v.citation,
        stance: v.stance,
        form: v.form,
        ...senseOf(v),
        cue: v.cue,
      },
      patterns: v.patterns,
      exceptions: v.exceptions,
    });
  }
  for (const kind of ['hedges', 'boosters', 'anonymous-sources'] as const) {
    for (const h of e[kind]) {
      out.push({
        entry: {
          kind,
          id: h.id,
          category: h.category,
          alternatives: h.alternatives,
          note: h.note,
          citation: h.citation,
          ...senseOf(h),
        },
        patterns: h.patterns,
        exceptions: h.exceptions,
      });
    }
  }
  for (const a of e.actors) {
    out.push({
      entry: {
        kind: 'actors',
        id: a.id,
        category: a.category,
        alternatives: a.alternatives,
        note: a.note,
        citation: a.citation,
        actor: a,
      },
      patterns: a.patterns,
      exceptions: a.exceptions,
    });
  }
  for (const f of e.frames) {
    out.push({
      entry: {
        kind: 'frames',
        id: f.id,
        category: f.category,
        alternatives: f.alternatives,
        note: f.note,
        citation: f.citation,
        ...senseOf(f),
      },
      patterns: f.patterns,
      exceptions: f.exceptions,
    });
  }
  return out;
}

function insert(root: TrieNode, words: { value: string; lemma: string }[], output: TrieOutput) {
  // Each word may be reachable by more than one key (surface and lemma): insert every path.
  let frontier: TrieNode[] = [root];
  for (const word of words) {
    const next: TrieNode[] = [];
    for (const node of frontier) {
      for (const key of patternKeys(word.value, word.lemma)) {
        let child = node.children.get(key);
        if (!child) {
          child = { children: new Map(), outputs: [] };
          node.children.set(key, child);
        }
        if (!next.includes(child)) next.push(child);
      }
    }
    frontier = next;
  }
  for (const node of frontier) {
    if (
      !node.outputs.some(
        (o) => o.entry === output.entry && o.exception === output.exception && o.length === output.length,
      )
    )
      node.outputs.push(output);
  }
}

/**
 * Compiles a validated lexicon set into a single matcher.
 * @param set - the lexicons, as returned by the loader
 */
export function compileMatcher(set: LexiconSet): Matcher {
  return createMatcher(compileMatcherData(set));
}

/**
 * Compiles a validated lexicon set into the matcher's data: every pattern tokenized by wink-nlp
 * and inserted into one trie. This is the costly step; {@link createMatcher} is immediate.
 * @param set - the lexicons, as returned by the loader
 */
export function compileMatcherData(set: LexiconSet): CompiledMatcher {
  const root: TrieNode = { children: new Map(), outputs: [] };
  const entries: CompiledEntry[] = [];
  let patternCount = 0;
  for (const { entry, patterns, exceptions } of flattenEntries(set)) {
    const index = entries.length;
    entries.push({ ...entry, index });
    for (const [list, exception] of [
      [patterns, false],
      [exceptions, true],
    ] as const) {
      for (const pattern of list) {
        const words = tokenizePattern(pattern);
        if (words.length === 0) continue;
        insert(root, words, { entry: index, length: words.length, exception });
        patternCount++;
      }
    }
  }
  return { entries, root, patternCount };
}

/**
 * The matcher over compiled data, fresh or read back from the cache.
 * @param data - from {@link compileMatcherData}
 */
export function createMatcher(data: CompiledMatcher): Matcher {
  const { entries, root, patternCount } = data;

  function match(tokens: Token[]): Match[] {
    const raw: { entry: number; first: number; last: number; exception: boolean }[] = [];
    const keys = tokens.map(tokenKeys);
    for (let i = 0; i < tokens.length; i++) {
      // Most tokens start no pattern: test the root's children before allocating a frontier.
      const starts = keys[i];
      let startsAny = false;
      for (let k = 0; k < starts.length && !startsAny; k++) startsAny = root.children.has(starts[k]);
      if (!startsAny) continue;
      let frontier: TrieNode[] = [root];
      for (let j = i; j < tokens.length && frontier.length; j++) {
        const next: TrieNode[] = [];
        for (const node of frontier) {
          for (const key of keys[j]) {
            const child = node.children.get(key);
            if (child && !next.includes(child)) next.push(child);
          }
        }
        for (const node of next) {
          for (const o of node.outputs)
            raw.push({ entry: o.entry, first: i, last: j + 1, exception: o.exception });
        }
        frontier = next;
      }
    }
    // Exceptions suppress the entry they belong to wherever they overlap it.
    const exceptions = raw.filter((r) => r.exception);
    let hits = raw.filter((r) => !r.exception);
    if (exceptions.length) {
      const excepted = new Set<string>();
      for (const x of exceptions) for (let i = x.first; i < x.last; i++) excepted.add(`${x.entry}:${i}`);
      hits = hits.filter((h) => {
        for (let i = h.first; i < h.last; i++) if (excepted.has(`${h.entry}:${i}`)) return false;
        return true;
      });
    }
    // An entry's sense rules; no loaded term inside a proper name or a known actor's name.
    const inActor = new Array<boolean>(tokens.length).fill(false);
    for (const h of hits)
      if (entries[h.entry].kind === 'actors') for (let i = h.first; i < h.last; i++) inActor[i] = true;
    hits = hits.filter((h) => {
      const entry = entries[h.entry];
      if (!senseHolds(entry, tokens, h.first, h.last)) return false;
      if (entry.kind !== 'loaded-terms') return true;
      for (let i = h.first; i < h.last; i++) if (inActor[i]) return false;
      return !insideProperName(tokens, h.first, h.last);
    });
    // Within one kind the longest match wins; ties go to the earlier entry.
    hits.sort((a, b) => a.first - b.first || b.last - b.first - (a.last - a.first) || a.entry - b.entry);
    const lastEndByKind = new Map<PatternKind, number>();
    const out: Match[] = [];
    for (const h of hits) {
      const entry = entries[h.entry];
      const lastEnd = lastEndByKind.get(entry.kind) ?? -1;
      if (h.first < lastEnd) continue;
      lastEndByKind.set(entry.kind, h.last);
      out.push({
        entry,
        first: h.first,
        last: h.last,
        start: tokens[h.first].start,
        end: tokens[h.last - 1].end,
      });
    }
    return out;
  }

  return { entries, patternCount, match };
}
