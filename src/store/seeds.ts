/**
 * Example comparisons: on first start with an empty database, every folder in
 * `seeds/` becomes a comparison titled from the folder name
 * (`2021-04-ukraine-contacts` → "Ukraine contacts", event date 2021-04).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readArticleFile, SUPPORTED_EXTENSIONS } from '../ingest/read';
import { newArticleFrom, type NewArticle, type Store } from './store';

const SEEDED = 'seeded';

/** "2021-04-ukraine-contacts" → { title: "Ukraine contacts", eventDate: "2021-04" }. */
export function titleFromFolder(name: string): { title: string; eventDate: string | null } {
  const m = /^(\d{4}(?:-\d{2}){0,2})[-_ ]+(.+)$/.exec(name);
  const words = (m ? m[2] : name).replace(/[-_]+/g, ' ').trim();
  return { title: words.charAt(0).toUpperCase() + words.slice(1), eventDate: m ? m[1] : null };
}

/**
 * Loads the seed folders once, into an empty database.
 * @param store - the open store
 * @param seedsDir - folder whose sub-folders each hold one event's articles
 * @returns the number of comparisons created (0 when the database was not empty or already seeded)
 */
export async function loadSeeds(store: Store, seedsDir: string): Promise<number> {
  if ((await store.getMeta(SEEDED)) || (await store.countComparisons()) > 0) return 0;
  let folders: string[];
  try {
    folders = readdirSync(seedsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    folders = [];
  }
  const batches: { folder: string; articles: NewArticle[] }[] = [];
  for (const folder of folders) {
    const dir = path.join(seedsDir, folder);
    const files = readdirSync(dir)
      .filter((f) => path.extname(f).toLowerCase() in SUPPORTED_EXTENSIONS)
      .sort();
    const articles: NewArticle[] = [];
    for (const f of files) {
      const file = path.join(dir, f);
      const a = await readArticleFile(file);
      articles.push(newArticleFrom(a, { fileName: f, mediaType: null, content: readFileSync(file) }));
    }
    if (articles.length) batches.push({ folder, articles });
  }
  await store.transaction(async (tx) => {
    for (const { folder, articles } of batches) {
      const c = await tx.createComparison({ ...titleFromFolder(folder), example: true });
      await tx.addArticles(c.id, articles);
    }
    await tx.setMeta(SEEDED, new Date().toISOString());
  });
  return batches.length;
}
