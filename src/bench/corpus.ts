/**
 * A reproducible benchmark corpus: the seed articles, plus articles from a
 * seeded generator that recombines the seeds' sentences and swaps in names,
 * places, weekdays and figures from realistic vocabulary. The same seed
 * always gives the same corpus, so runs on different machines measure the
 * same texts.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { ArticleInput } from '../core/types';
import { articleFromText } from '../ingest/article';

/** The seed folders shipped with framelens. */
export const SEEDS_DIR = path.resolve(__dirname, '..', '..', 'seeds');

/** mulberry32: a small, fast, seeded pseudo-random generator (Tommy Ettinger's public-domain design). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** Seed articles by event folder, in name order. */
export function readSeedArticles(
  seedsDir: string = SEEDS_DIR,
): { event: string; articles: ArticleInput[] }[] {
  return readdirSync(seedsDir)
    .filter((name) => statSync(path.join(seedsDir, name)).isDirectory())
    .sort()
    .map((event) => ({
      event,
      articles: readdirSync(path.join(seedsDir, event))
        .filter((f) => /\.(txt|md)$/i.test(f))
        .sort()
        .map((f) =>
          articleFromText(path.join(seedsDir, event, f), readFileSync(path.join(seedsDir, event, f), 'utf8')),
        ),
    }));
}

/** Splits a body into sentences at end punctuation (and a closing quote) followed by a capital or an opening quote. */
function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?]["\u201d\u2019]?)\s+(?=["\u201c]?[A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

const SURNAMES = [
  'Novak',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Castillo',
  'Haddad',
  'Kowalski',
  'Brennan',
  'Tanaka',
  'Adeyemi',
  'Petrenko',
  'Varga',
  'Schultz',
  'Delgado',
  'Rahman',
  'Oyelaran',
  'Fischer',
  'Mbeki',
  'Quinn',
  'Sorensen',
];
const FIRST_NAMES = [
  'Anna',
  'David',
  'Maria',
  'Oleksandr',
  'Grace',
  'Tomas',
  'Leila',
  'Marcus',
  'Irina',
  'Samuel',
  'Nadia',
  'Pavel',
  'Helen',
  'Victor',
  'Amara',
  'Jonas',
];
const OUTLETS = [
  'Harbor Times',
  'The Northern Courier',
  'Metro Ledger',
  'Daily Sentinel',
  'Capital Wire',
  'Valley Observer',
  'Eastern Herald',
  'The Civic Post',
  'Global Dispatch',
  'Plains Tribune',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Extra sentences in the register of news copy, so the generated text is not only the seeds reshuffled. */
const TEMPLATES = [
  '{Name}, a spokesperson for the ministry, said the talks would continue next week.',
  '"We will not accept any further delays," {Name} told reporters on {Day}.',
  'According to {Outlet}, the agreement was reached after {N} hours of negotiations.',
  '{Name} denied that the government had been informed in advance.',
  'Officials, speaking on condition of anonymity, said the decision could be reversed.',
  'The opposition claimed the figures were misleading and demanded an independent inquiry.',
  'Critics argue the plan will cost taxpayers at least ${N} million over three years.',
  '{Name} admitted that mistakes had been made but insisted the policy was working.',
  'The report, published on {Day}, found that {N} percent of residents supported the measure.',
  'Protesters gathered outside the parliament building, where police said {N} people were detained.',
  'It is unclear whether the ceasefire will hold, analysts said.',
  '{Name} stressed that the country remained committed to a diplomatic solution.',
];

interface Pool {
  sentences: string[];
  /** Surnames found in the seeds, swapped for others per generated article. */
  names: string[];
}

function buildPool(articles: ArticleInput[]): Pool {
  const sentences: string[] = [];
  const names = new Set<string>();
  for (const a of articles) {
    const body = a.text.slice(a.bodyStart ?? 0).replace(/^\s*date\s+\d{4}-\d{2}-\d{2}\s+/, '');
    for (const paragraph of body.split(/\n\s*\n/))
      sentences.push(...splitSentences(paragraph.replace(/\s+/g, ' ')));
    for (const m of body.matchAll(/\b[A-Z][a-z]+ ([A-Z][a-z]{3,})\b/g)) names.add(m[1]);
  }
  return { sentences, names: [...names].filter((n) => !WEEKDAYS.includes(n)) };
}

/** Generates articles about the events of the seeds, deterministically from `seed`. */
export class CorpusGenerator {
  private readonly random: () => number;
  private readonly pools: { event: string; pool: Pool }[];
  private count = 0;

  constructor(seed: number, seedsDir: string = SEEDS_DIR) {
    this.random = createRandom(seed);
    this.pools = readSeedArticles(seedsDir).map(({ event, articles }) => ({
      event,
      pool: buildPool(articles),
    }));
  }

  /**
   * The next article.
   * @param event - restrict to one seed event (folder name); default: any
   */
  next(event?: string): ArticleInput {
    const r = this.random;
    const candidates = event ? this.pools.filter((p) => p.event === event) : this.pools;
    if (candidates.length === 0) throw new Error(`framelens bench: no seed event '${event}' in ${SEEDS_DIR}`);
    const { event: chosen, pool } = pick(r, candidates);
    const rename = new Map(pool.names.map((n) => [n, r() < 0.5 ? n : pick(r, SURNAMES)]));
    const renameRe = pool.names.length ? new RegExp(`\\b(${pool.names.join('|')})\\b`, 'g') : null;
    const fill = (s: string) =>
      s
        .replace(/\{Name\}/g, () => `${pick(r, FIRST_NAMES)} ${pick(r, SURNAMES)}`)
        .replace(/\{Outlet\}/g, () => pick(r, OUTLETS))
        .replace(/\{Day\}/g, () => pick(r, WEEKDAYS))
        .replace(/\{N\}/g, () => String(2 + Math.floor(r() * 97)));
    const paragraphs: string[] = [];
    const paragraphCount = 5 + Math.floor(r() * 8);
    for (let p = 0; p < paragraphCount; p++) {
      const sentences: string[] = [];
      const n = 1 + Math.floor(r() * 3);
      for (let s = 0; s < n; s++) {
        let sentence = r() < 0.2 ? fill(pick(r, TEMPLATES)) : pick(r, pool.sentences);
        if (renameRe) sentence = sentence.replace(renameRe, (m) => rename.get(m) ?? m);
        sentence = sentence.replace(/\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g, () =>
          pick(r, WEEKDAYS),
        );
        sentences.push(sentence);
      }
      paragraphs.push(sentences.join(' '));
    }
    this.count++;
    const source = pick(r, OUTLETS);
    const day = 1 + Math.floor(r() * 28);
    return {
      id: `gen-${String(this.count).padStart(6, '0')}`,
      source,
      title: paragraphs[0].split(/[.,;:]/)[0].slice(0, 90),
      date: `${chosen.slice(0, 7)}-${String(day).padStart(2, '0')}`,
      text: paragraphs.join('\n\n'),
    };
  }
}

/**
 * Writes a `.jsonl` corpus of at least `bytes` bytes, one article object per line, streaming to disk.
 * @returns the number of articles written
 */
export function writeJsonlCorpus(file: string, bytes: number, seed: number): number {
  const generator = new CorpusGenerator(seed);
  const fd = openSync(file, 'w');
  let written = 0;
  let count = 0;
  try {
    let chunk = '';
    while (written + Buffer.byteLength(chunk) < bytes) {
      const a = generator.next();
      chunk += `${JSON.stringify({ id: a.id, source: a.source, title: a.title, date: a.date, text: a.text })}\n`;
      count++;
      if (chunk.length > 1 << 20) {
        written += writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) written += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return count;
}

/**
 * Writes a folder of `count` article files (`00000.txt`, …) with `source`, `title` and `date`
 * front matter. Each body joins generated articles until it has at least
 * `minChars` characters, the length of a long news story.
 * @returns the total bytes written
 */
export function writeArticleFolder(dir: string, count: number, seed: number, minChars: number): number {
  const generator = new CorpusGenerator(seed);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    const a = generator.next();
    let body = a.text;
    while (body.length < minChars) body += `\n\n${generator.next().text}`;
    const file = `source: ${a.source}\ntitle: ${a.title}\ndate: ${a.date}\n\n${body}\n`;
    writeFileSync(path.join(dir, `${String(n).padStart(5, '0')}.txt`), file);
    bytes += Buffer.byteLength(file);
  }
  return bytes;
}
