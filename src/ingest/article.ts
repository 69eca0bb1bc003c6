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

/** The longest source and title a file name or front matter may give, as for typed labels (web/validate.ts). */
export const MAX_SOURCE_CHARS = 200;
export const MAX_TITLE_CHARS = 500;

/** Shortens a label to `max` characters (whole code points), marking the cut with an ellipsis. */
export function capLabel(label: string, max: number): string {
  if (label.length <= max) return label;
  // Code points, so a cut never splits a surrogate pair; a code point is at most two UTF-16 units.
  const chars = Array.from(label.slice(0, 2 * max));
  if (chars.length <= max && label.length <= 2 * max) return label;
  return `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Builds an article from text and its file name.
 * @param fileName - used for the id and as the source when front matter has none
 * @param text - the decoded text; offsets of the analysis point into it
 */
export function articleFromText(fileName: string, text: string): ArticleInput {
  const fm = parseFrontMatter(text);
  const name = capLabel(baseName(fileName), MAX_SOURCE_CHARS);
  return {
    id: name,
    source: capLabel(fm.source ?? name, MAX_SOURCE_CHARS),
    title: fm.title === null ? null : capLabel(fm.title, MAX_TITLE_CHARS),
    date: fm.date,
    url: fm.url,
    author: fm.author,
    text,
    bodyStart: fm.bodyStart,
  };
}
