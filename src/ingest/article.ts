/**
 * Turns a file's decoded text into an {@link ArticleInput}. Pure.
 */
import path from 'node:path';
import type { ArticleInput } from '../core/types';
import { parseFrontMatter } from './frontmatter';

/** The article id and fallback source name: the file name without its extension. */
export function baseName(fileName: string): string {
  const base = path.basename(fileName);
  const ext = path.extname(base);
  return ext ? base.slice(0, -ext.length) : base;
}

/**
 * Builds an article from text and its file name.
 * @param fileName - used for the id and as the source when front matter has none
 * @param text - the decoded text; offsets of the analysis point into it
 */
export function articleFromText(fileName: string, text: string): ArticleInput {
  const fm = parseFrontMatter(text);
  const name = baseName(fileName);
  return {
    id: name,
    source: fm.source ?? name,
    title: fm.title,
    date: fm.date,
    url: fm.url,
    author: fm.author,
    text,
    bodyStart: fm.bodyStart,
  };
}
