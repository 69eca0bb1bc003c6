/**
 * Backup and restore: every comparison with its articles, original files
 * (base64), dismissals and extra lexicon in one JSON document. The analysis
 * cache is left out: it is recomputed from the articles and lexicons.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { sql } from 'kysely';
import { DISMISSAL_PARTS, dismissalRow, type Store } from './store';

export const BACKUP_FORMAT = 'framelens-backup';
export const BACKUP_VERSION = 1;

/** Ids as the store makes them (base64url) and no longer than any it would make, so an imported record can be opened and deleted. */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of 1 to 64 letters, digits, "-" or "_"');
const nullableString = z.string().max(2000).nullable();
/** Labels as typed labels are limited (web/validate.ts and ingest/article.ts). */
const label = (max: number) => z.string().max(max);

const articleSchema = z.object({
  id,
  position: z.number().int().min(0),
  source: label(200),
  title: label(500).nullable(),
  date: nullableString,
  url: nullableString,
  author: nullableString,
  text: z.string(),
  bodyStart: z.number().int().min(0),
  fileName: nullableString,
  createdAt: z.string(),
  original: z.object({ fileName: z.string(), mediaType: nullableString, base64: z.string() }).nullable(),
});

const dismissalSchema = z.object({
  id,
  articleId: id,
  // Exports made before headline flags could be dismissed have no part: their dismissals are of body flags.
  part: z.enum(DISMISSAL_PARTS).default('body'),
  kind: label(100),
  entry: label(500),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
  createdAt: z.string(),
});

const comparisonSchema = z
  .object({
    id,
    title: label(500),
    eventDate: nullableString,
    example: z.boolean(),
    createdAt: z.string(),
    lexicon: z.object({ fileName: z.string(), content: z.string() }).nullable(),
    articles: z.array(articleSchema),
    dismissals: z.array(dismissalSchema),
  })
  .superRefine((c, ctx) => {
    // References inside one comparison: every dismissal points at one of its own articles, inside that article's text or title.
    const articles = new Map(c.articles.map((a) => [a.id, a]));
    c.articles.forEach((a, i) => {
      if (a.bodyStart > a.text.length)
        ctx.addIssue({
          code: 'custom',
          path: ['articles', i, 'bodyStart'],
          message: `article '${a.id}': bodyStart is past the end of its text`,
        });
    });
    c.dismissals.forEach((d, i) => {
      const article = articles.get(d.articleId);
      const text = d.part === 'headline' ? (article?.title ?? '') : (article?.text ?? '');
      if (article === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['dismissals', i, 'articleId'],
          message: `dismissal '${d.id}' points at article '${d.articleId}', which is not in comparison '${c.id}'`,
        });
      else if (d.start > d.end || d.end > text.length || text.slice(d.start, d.end) !== d.text)
        ctx.addIssue({
          code: 'custom',
          path: ['dismissals', i],
          message: `dismissal '${d.id}': ${d.start}-${d.end} is not the span of ${JSON.stringify(d.text.slice(0, 40))} in ${d.part === 'headline' ? 'the headline of ' : ''}article '${d.articleId}'`,
        });
    });
  });

const backupSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: z.string(),
    comparisons: z.array(comparisonSchema),
  })
  .superRefine((b, ctx) => {
    // Ids are unique across the whole document, as they are in the database.
    const seen = new Map<string, string>();
    b.comparisons.forEach((c, ci) => {
      const records: [string, string, (string | number)[]][] = [
        [c.id, `comparison '${c.id}'`, ['comparisons', ci, 'id']],
        ...c.articles.map((a, ai): [string, string, (string | number)[]] => [
          a.id,
          `article '${a.id}' of comparison '${c.id}'`,
          ['comparisons', ci, 'articles', ai, 'id'],
        ]),
        ...c.dismissals.map((d, di): [string, string, (string | number)[]] => [
          `dismissal:${d.id}`,
          `dismissal '${d.id}' of comparison '${c.id}'`,
          ['comparisons', ci, 'dismissals', di, 'id'],
        ]),
      ];
      for (const [key, what, path] of records) {
        const before = seen.get(key);
        if (before) ctx.addIssue({ code: 'custom', path, message: `${what} repeats the id of ${before}` });
        else seen.set(key, what);
      }
    });
  });

export type Backup = z.infer<typeof backupSchema>;
export type BackupComparison = z.infer<typeof comparisonSchema>;

export class BackupError extends Error {
  constructor(message: string) {
    super(`framelens backup: ${message}`);
    this.name = 'BackupError';
  }
}

/** Calls `each` with every comparison of the store as a backup record, oldest first, one at a time. */
async function eachComparison(store: Store, each: (c: BackupComparison) => void): Promise<void> {
  const comparisons = await store.db
    .selectFrom('comparisons')
    .select(['id', 'title', 'event_date', 'example', 'created_at'])
    .orderBy('created_at')
    .orderBy(sql`rowid`)
    .execute();
  for (const c of comparisons) {
    const files = await store.db
      .selectFrom('original_files as f')
      .innerJoin('articles as a', 'a.id', 'f.article_id')
      .select(['f.article_id', 'f.file_name', 'f.media_type', 'f.content'])
      .where('a.comparison_id', '=', c.id)
      .execute();
    const originals = new Map(files.map((f) => [f.article_id, f]));
    each({
      id: c.id,
      title: c.title,
      eventDate: c.event_date,
      example: c.example === 1,
      createdAt: c.created_at,
      lexicon: (await store.getComparisonLexicon(c.id)) ?? null,
      articles: (await store.listArticles(c.id)).map(({ comparisonId: _comparison, ...a }) => {
        const file = originals.get(a.id);
        return {
          ...a,
          original: file
            ? {
                fileName: file.file_name,
                mediaType: file.media_type,
                base64: file.content.toString('base64'),
              }
            : null,
        };
      }),
      dismissals: (await store.listDismissals(c.id)).map(({ comparisonId: _comparison, ...d }) => d),
    });
  }
}

/**
 * Reads every comparison of the store into one backup document, oldest first.
 * @param store - the open database
 * @param now - the export time written into the document
 */
export async function exportAll(store: Store, now: Date = new Date()): Promise<Backup> {
  const comparisons: BackupComparison[] = [];
  // One read transaction, so the document is a consistent snapshot even while the server writes.
  await store.transaction((tx) => eachComparison(tx, (c) => comparisons.push(c)), { snapshot: true });
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), comparisons };
}

/**
 * Writes the backup document of {@link exportAll} to a file one comparison
 * at a time, so a database of any size is exported without holding it (or
 * one string of it) in memory.
 * @param store - the open database
 * @param file - the file to write
 * @param now - the export time written into the document
 * @returns how many comparisons and articles were written
 */
export async function exportToFile(
  store: Store,
  file: string,
  now: Date = new Date(),
): Promise<{ comparisons: number; articles: number }> {
  const fd = openSync(file, 'w');
  const counts = { comparisons: 0, articles: 0 };
  try {
    const head = JSON.stringify({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now.toISOString(),
    });
    writeSync(fd, `${head.slice(0, -1)},"comparisons":[`);
    await store.transaction(
      (tx) =>
        eachComparison(tx, (c) => {
          writeSync(fd, `${counts.comparisons ? ',' : ''}${JSON.stringify(c)}`);
          counts.comparisons++;
          counts.articles += c.articles.length;
        }),
      { snapshot: true },
    );
    writeSync(fd, ']}\n');
  } finally {
    closeSync(fd);
  }
  return counts;
}

/**
 * Checks that a parsed JSON value is a framelens backup.
 * @param value - the parsed file
 * @param file - the file name, for the message
 */
export function parseBackup(value: unknown, file = 'backup'): Backup {
  const result = backupSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BackupError(
      `${file}: not a framelens backup: ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
  }
  return result.data;
}

export interface ImportResult {
  imported: number;
  replaced: number;
  skipped: number;
}

/**
 * Restores a backup in one transaction (all of it or, on any error, nothing).
 * A comparison whose id already exists is skipped, or with `replace`
 * deleted (with everything it holds) and restored from the backup.
 * @param store - the open database
 * @param backup - a document from {@link exportAll} (checked with {@link parseBackup})
 * @param options - `replace`: overwrite comparisons that already exist
 */
export async function importAll(
  store: Store,
  backup: Backup,
  {
    replace = false,
    checkLexicon,
  }: {
    replace?: boolean;
    /** Validates a comparison's extra lexicon (throws, e.g. a LexiconError naming file, entry and field). */
    checkLexicon?: (lexicon: { fileName: string; content: string }) => void;
  } = {},
): Promise<ImportResult> {
  /** Runs one insert, naming the record when the database refuses it. */
  const inserting = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      throw new BackupError(`${what}: ${(err as Error).message}; nothing was imported`);
    }
  };

  return store.transaction(async (tx) => {
    const result: ImportResult = { imported: 0, replaced: 0, skipped: 0 };
    for (const c of backup.comparisons) {
      const exists = !!(await tx.getComparison(c.id));
      if (exists && !replace) {
        result.skipped++;
        continue;
      }
      if (exists) await tx.deleteComparison(c.id);
      for (const a of c.articles) {
        const owner = await tx.db
          .selectFrom('articles')
          .select('comparison_id')
          .where('id', '=', a.id)
          .executeTakeFirst();
        if (owner)
          throw new BackupError(
            `article '${a.id}' of comparison '${c.id}' already exists in comparison '${owner.comparison_id}'; nothing was imported`,
          );
      }
      if (c.lexicon && checkLexicon) {
        try {
          checkLexicon(c.lexicon);
        } catch (err) {
          throw new BackupError(
            `the lexicon of comparison '${c.id}' is not valid: ${(err as Error).message}; nothing was imported`,
          );
        }
      }
      await inserting(`comparison '${c.id}'`, () =>
        tx.db
          .insertInto('comparisons')
          .values({
            id: c.id,
            title: c.title,
            event_date: c.eventDate,
            example: c.example ? 1 : 0,
            created_at: c.createdAt,
          })
          .execute(),
      );
      for (const a of c.articles) {
        await inserting(`article '${a.id}' of comparison '${c.id}'`, () =>
          tx.db
            .insertInto('articles')
            .values({
              id: a.id,
              comparison_id: c.id,
              position: a.position,
              source: a.source,
              title: a.title,
              date: a.date,
              url: a.url,
              author: a.author,
              text: a.text,
              body_start: a.bodyStart,
              file_name: a.fileName,
              created_at: a.createdAt,
            })
            .execute(),
        );
        if (a.original) {
          const original = a.original;
          await inserting(`the original file of article '${a.id}'`, () =>
            tx.db
              .insertInto('original_files')
              .values({
                article_id: a.id,
                file_name: original.fileName,
                media_type: original.mediaType,
                content: Buffer.from(original.base64, 'base64'),
              })
              .execute(),
          );
        }
      }
      for (const d of c.dismissals)
        await inserting(`dismissal '${d.id}' of comparison '${c.id}'`, () =>
          tx.db
            .insertInto('dismissals')
            .values(dismissalRow({ ...d, comparisonId: c.id }))
            .execute(),
        );
      if (c.lexicon) await tx.setComparisonLexicon(c.id, c.lexicon);
      if (exists) result.replaced++;
      else result.imported++;
    }
    return result;
  });
}
