/**
 * Backup and restore: every comparison with its articles, original files
 * (base64), dismissals and extra lexicon in one JSON document. The analysis
 * cache is left out: it is recomputed from the articles and lexicons.
 */
import { z } from 'zod';
import type { Store } from './store';

export const BACKUP_FORMAT = 'framelens-backup';
export const BACKUP_VERSION = 1;

const nullableString = z.string().nullable();

const articleSchema = z.object({
  id: z.string().min(1),
  position: z.number().int(),
  source: z.string(),
  title: nullableString,
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
  id: z.string().min(1),
  articleId: z.string().min(1),
  kind: z.string(),
  entry: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  createdAt: z.string(),
});

const comparisonSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  eventDate: nullableString,
  example: z.boolean(),
  createdAt: z.string(),
  lexicon: z.object({ fileName: z.string(), content: z.string() }).nullable(),
  articles: z.array(articleSchema),
  dismissals: z.array(dismissalSchema),
});

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string(),
  comparisons: z.array(comparisonSchema),
});

export type Backup = z.infer<typeof backupSchema>;
export type BackupComparison = z.infer<typeof comparisonSchema>;

export class BackupError extends Error {
  constructor(message: string) {
    super(`framelens backup: ${message}`);
    this.name = 'BackupError';
  }
}

/**
 * Reads every comparison of the store into one backup document, oldest first.
 * @param store - the open database
 * @param now - the export time written into the document
 */
export function exportAll(store: Store, now: Date = new Date()): Backup {
  const db = store.db;
  const comparisons = db.prepare('SELECT * FROM comparisons ORDER BY created_at, rowid').all() as {
    id: string;
    title: string;
    event_date: string | null;
    example: number;
    created_at: string;
  }[];
  const originals = db.prepare(
    'SELECT file_name, media_type, content FROM original_files WHERE article_id = ?',
  );
  // One read transaction, so the document is a consistent snapshot even while the server writes.
  return store.transaction(() => ({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    comparisons: comparisons.map((c): BackupComparison => ({
      id: c.id,
      title: c.title,
      eventDate: c.event_date,
      example: c.example === 1,
      createdAt: c.created_at,
      lexicon: store.getComparisonLexicon(c.id) ?? null,
      articles: store.listArticles(c.id).map(({ comparisonId: _comparison, ...a }) => {
        const file = originals.get(a.id) as
          { file_name: string; media_type: string | null; content: Buffer } | undefined;
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
      dismissals: store.listDismissals(c.id).map(({ comparisonId: _comparison, ...d }) => d),
    })),
  }));
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
export function importAll(
  store: Store,
  backup: Backup,
  { replace = false }: { replace?: boolean } = {},
): ImportResult {
  const db = store.db;
  const insertComparison = db.prepare(
    'INSERT INTO comparisons (id, title, event_date, example, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertArticle = db.prepare(
    `INSERT INTO articles (id, comparison_id, position, source, title, date, url, author, text, body_start, file_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFile = db.prepare(
    'INSERT INTO original_files (article_id, file_name, media_type, content) VALUES (?, ?, ?, ?)',
  );
  const insertDismissal = db.prepare(
    'INSERT INTO dismissals (id, comparison_id, article_id, kind, entry, start, end, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const articleOwner = db.prepare('SELECT comparison_id FROM articles WHERE id = ?');

  return store.transaction(() => {
    const result: ImportResult = { imported: 0, replaced: 0, skipped: 0 };
    for (const c of backup.comparisons) {
      const exists = !!store.getComparison(c.id);
      if (exists && !replace) {
        result.skipped++;
        continue;
      }
      if (exists) store.deleteComparison(c.id);
      for (const a of c.articles) {
        const owner = articleOwner.get(a.id) as { comparison_id: string } | undefined;
        if (owner)
          throw new BackupError(
            `article '${a.id}' of comparison '${c.id}' already exists in comparison '${owner.comparison_id}'; nothing was imported`,
          );
      }
      insertComparison.run(c.id, c.title, c.eventDate, c.example ? 1 : 0, c.createdAt);
      for (const a of c.articles) {
        insertArticle.run(
          a.id,
          c.id,
          a.position,
          a.source,
          a.title,
          a.date,
          a.url,
          a.author,
          a.text,
          a.bodyStart,
          a.fileName,
          a.createdAt,
        );
        if (a.original)
          insertFile.run(
            a.id,
            a.original.fileName,
            a.original.mediaType,
            Buffer.from(a.original.base64, 'base64'),
          );
      }
      for (const d of c.dismissals)
        insertDismissal.run(d.id, c.id, d.articleId, d.kind, d.entry, d.start, d.end, d.text, d.createdAt);
      if (c.lexicon) store.setComparisonLexicon(c.id, c.lexicon);
      if (exists) result.replaced++;
      else result.imported++;
    }
    return result;
  });
}
