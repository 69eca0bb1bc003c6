/**
 * A lexicon set with ten times the shipped entries, for the lexicon-scaling
 * measurement. The shipped files are copied; every kind gets a generated
 * file with nine times its entry count (the 15 frame ids are fixed by the
 * codebook, so frames get ten times their cue patterns instead).
 *
 * Generated patterns are built from words of the corpus itself, so the trie
 * is really walked: most are two or three real words in an order that
 * rarely occurs, and a few are single invented words, so the number of hits
 * stays close to what a real lexicon of that size would give.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LexiconSet } from '../lexicon/parse';
import type { LexiconKind } from '../lexicon/schema';
import { createRandom } from './corpus';

const CITATION = 'framelens bench: generated entry for the lexicon-scaling measurement';

/** Entries per kind as the scaling measurement counts them (naming variants: concepts). */
export function entryCounts(set: LexiconSet): Record<LexiconKind, number> {
  const out = {} as Record<LexiconKind, number>;
  for (const [kind, entries] of Object.entries(set.entries))
    out[kind as LexiconKind] = (entries as unknown[]).length;
  return out;
}

/**
 * Writes the 10× lexicon folder.
 * @param shipped - the shipped lexicons (for counts and existing patterns)
 * @param shippedDir - their folder, copied as is
 * @param dir - the folder to write
 * @param vocabulary - lower-case words from the corpus
 * @param seed - generator seed
 */
export function writeTenfoldLexicons(
  shipped: LexiconSet,
  shippedDir: string,
  dir: string,
  vocabulary: string[],
  seed: number,
): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(shippedDir)) {
    if (/\.(ya?ml|json)$/i.test(name) && !/^frames\./.test(name))
      copyFileSync(path.join(shippedDir, name), path.join(dir, name));
  }
  const random = createRandom(seed);
  const pick = () => vocabulary[Math.floor(random() * vocabulary.length)];
  const used = new Set<string>();
  for (const entries of Object.values(shipped.entries) as {
    patterns?: string[];
    variants?: { patterns: string[] }[];
  }[][]) {
    for (const e of entries)
      for (const p of [...(e.patterns ?? []), ...(e.variants ?? []).flatMap((v) => v.patterns)])
        used.add(p.toLowerCase());
  }
  const syllables = ['ka', 'lor', 'vim', 'ster', 'qua', 'bren', 'dol', 'mex', 'tor', 'ul', 'zin', 'phe'];
  const pattern = (): string => {
    for (;;) {
      const r = random();
      const p =
        r < 0.15
          ? `${syllables[Math.floor(random() * syllables.length)]}${syllables[Math.floor(random() * syllables.length)]}${pick()}`
          : r < 0.8
            ? `${pick()} ${pick()}`
            : `${pick()} ${pick()} ${pick()}`;
      if (!used.has(p)) {
        used.add(p);
        return p;
      }
    }
  };
  const patterns = () => Array.from({ length: 1 + Math.floor(random() * 3) }, pattern);
  const counts = entryCounts(shipped);
  const base = (kind: string, i: number) => ({
    id: `bench-${kind}-${i}`,
    patterns: patterns(),
    category: 'bench-generated',
    alternatives: ['neutral wording'],
    note: 'Generated entry.',
    citation: CITATION,
  });
  const files: Partial<Record<LexiconKind, unknown[]>> = {};
  const extra = (kind: LexiconKind) => Array.from({ length: counts[kind] * 9 }, (_, i) => i);
  files['loaded-terms'] = extra('loaded-terms').map((i) => ({ ...base('loaded', i), domain: 'general' }));
  files['reporting-verbs'] = extra('reporting-verbs').map((i) => ({
    ...base('verb', i),
    stance: 'neutral',
    form: 'verb',
  }));
  for (const kind of ['hedges', 'boosters', 'anonymous-sources'] as const)
    files[kind] = extra(kind).map((i) => base(kind, i));
  files.actors = extra('actors').map((i) => ({
    ...base('actor', i),
    name: `Actor ${i}`,
    affiliation: 'bench',
  }));
  files['naming-variants'] = extra('naming-variants').map((i) => ({
    id: `bench-concept-${i}`,
    concept: `generated concept ${i}`,
    category: 'bench-generated',
    note: 'Generated concept.',
    citation: CITATION,
    variants: [
      { id: `a-${i}`, patterns: patterns(), signals: 'generated variant' },
      { id: `b-${i}`, patterns: patterns(), signals: 'generated variant' },
    ],
  }));
  for (const [kind, entries] of Object.entries(files)) {
    if (entries.length)
      writeFileSync(path.join(dir, `zz-bench-${kind}.json`), JSON.stringify({ kind, entries }));
  }
  // Frames: the same 15 ids with ten times the cue patterns.
  const frames = shipped.entries.frames.map((f) => ({
    ...f,
    patterns: [...f.patterns, ...Array.from({ length: f.patterns.length * 9 }, pattern)],
  }));
  writeFileSync(path.join(dir, 'frames.json'), JSON.stringify({ kind: 'frames', entries: frames }));
}

/** Lower-case words of at least four letters from some texts, most frequent first, for generated patterns. */
export function vocabularyOf(texts: string[], size = 3000): string[] {
  const counts = new Map<string, number>();
  for (const t of texts)
    for (const w of t.toLowerCase().match(/\b[a-z]{4,}\b/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size)
    .map(([w]) => w);
}
