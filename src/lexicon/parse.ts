/**
 * Parses and validates lexicon files. Pure: takes file names and contents,
 * returns a validated {@link LexiconSet} or throws a {@link LexiconError} that
 * names the file, the entry and the field.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  LEXICON_KINDS,
  lexiconFile,
  type ActorEntry,
  type FrameEntry,
  type HedgeEntry,
  type LexiconKind,
  type LoadedTermEntry,
  type NamingConcept,
  type ReportingVerbEntry,
} from './schema';

export class LexiconError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly entry?: string,
  ) {
    super(`framelens lexicon: ${message}`);
    this.name = 'LexiconError';
  }
}

export interface EntriesByKind {
  'loaded-terms': LoadedTermEntry[];
  'naming-variants': NamingConcept[];
  'reporting-verbs': ReportingVerbEntry[];
  hedges: HedgeEntry[];
  boosters: HedgeEntry[];
  'anonymous-sources': HedgeEntry[];
  actors: ActorEntry[];
  frames: FrameEntry[];
}

/** Every lexicon kind with its entries, the files they came from, and a version hash. */
export interface LexiconSet {
  entries: EntriesByKind;
  /** kind → short SHA-256 of the files' contents, so reports can be reproduced. */
  versions: Record<LexiconKind, string>;
  /** kind → file names that contributed entries. */
  files: Record<LexiconKind, string[]>;
}

export interface LexiconSource {
  /** File name as shown in error messages, e.g. "lexicons/loaded-terms.yaml". */
  file: string;
  content: string;
}

function emptySet(): {
  entries: EntriesByKind;
  files: Record<LexiconKind, string[]>;
  contents: Record<LexiconKind, string[]>;
} {
  const entries = {} as Record<LexiconKind, unknown[]>;
  const files = {} as Record<LexiconKind, string[]>;
  const contents = {} as Record<LexiconKind, string[]>;
  for (const kind of LEXICON_KINDS) {
    entries[kind] = [];
    files[kind] = [];
    contents[kind] = [];
  }
  return { entries: entries as unknown as EntriesByKind, files, contents };
}

function describeIssue(file: string, raw: unknown, issue: z.core.$ZodIssue): LexiconError {
  const path = issue.path;
  let entryLabel: string | undefined;
  let fieldPath = path.map(String).join('.');
  if (path[0] === 'entries' && typeof path[1] === 'number') {
    const entries = (raw as { entries?: unknown[] }).entries ?? [];
    const entry = entries[path[1]] as { id?: unknown } | undefined;
    entryLabel = entry && typeof entry.id === 'string' ? entry.id : `#${path[1] + 1}`;
    fieldPath = path.slice(2).map(String).join('.') || '(entry)';
  }
  const where = entryLabel
    ? `entry '${entryLabel}', field '${fieldPath}'`
    : `field '${fieldPath || '(file)'}'`;
  return new LexiconError(`${file}: ${where}: ${issue.message}`, file, entryLabel);
}

/** Parses one file's text (YAML or JSON) and validates it against the schema. */
export function parseLexiconFile(source: LexiconSource) {
  let raw: unknown;
  try {
    raw = parseYaml(source.content);
  } catch (err) {
    throw new LexiconError(
      `${source.file}: not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`,
      source.file,
    );
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new LexiconError(
      `${source.file}: expected a mapping with 'kind' and 'entries', found ${Array.isArray(raw) ? 'a list' : typeof raw}`,
      source.file,
    );
  }
  const kind = (raw as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(LEXICON_KINDS as readonly string[]).includes(kind)) {
    throw new LexiconError(
      `${source.file}: field 'kind' must be one of ${LEXICON_KINDS.join(', ')}; found ${JSON.stringify(kind)}`,
      source.file,
    );
  }
  const result = lexiconFile.safeParse(raw);
  if (!result.success) throw describeIssue(source.file, raw, result.error.issues[0]);
  return result.data;
}

function patternsOf(
  kind: LexiconKind,
  entry: { id: string; patterns?: string[]; variants?: { id: string; patterns: string[] }[] },
) {
  if (kind === 'naming-variants' && entry.variants) {
    return entry.variants.flatMap((v) =>
      v.patterns.map((p) => ({ pattern: p, owner: `${entry.id}/${v.id}` })),
    );
  }
  return (entry.patterns ?? []).map((p) => ({ pattern: p, owner: entry.id }));
}

/**
 * Validates and merges lexicon files. Rejects a duplicate entry id within a
 * kind, and a pattern claimed by two entries of one kind, naming both.
 */
export function buildLexiconSet(sources: LexiconSource[]): LexiconSet {
  const set = emptySet();
  const seenIds = new Map<string, string>();
  const seenPatterns = new Map<string, string>();
  for (const source of sources) {
    const parsed = parseLexiconFile(source);
    const kind = parsed.kind;
    set.files[kind].push(source.file);
    set.contents[kind].push(source.content);
    for (const entry of parsed.entries as { id: string }[]) {
      const key = `${kind}\u0000${entry.id}`;
      const earlier = seenIds.get(key);
      if (earlier) {
        throw new LexiconError(
          `${source.file}: entry '${entry.id}': duplicate id; '${kind}' already has an entry '${entry.id}' in ${earlier}`,
          source.file,
          entry.id,
        );
      }
      seenIds.set(key, source.file);
      if (kind === 'naming-variants') {
        const variantIds = new Set<string>();
        for (const v of (entry as NamingConcept).variants) {
          if (variantIds.has(v.id))
            throw new LexiconError(
              `${source.file}: entry '${entry.id}': duplicate variant id '${v.id}'`,
              source.file,
              entry.id,
            );
          variantIds.add(v.id);
        }
      }
      const own = new Set<string>();
      for (const { pattern, owner } of patternsOf(kind, entry)) {
        const norm = pattern.toLowerCase().replace(/\s+/g, ' ');
        const pkey = `${kind}\u0000${norm}`;
        const other = seenPatterns.get(pkey);
        if (other !== undefined && other !== owner) {
          throw new LexiconError(
            `${source.file}: entry '${entry.id}': pattern '${pattern}' is already used by entry '${other}' of '${kind}'`,
            source.file,
            entry.id,
          );
        }
        if (own.has(pkey)) continue;
        own.add(pkey);
        seenPatterns.set(pkey, owner);
      }
      (set.entries[kind] as unknown[]).push(entry);
    }
  }
  const versions = {} as Record<LexiconKind, string>;
  for (const kind of LEXICON_KINDS) {
    const hash = createHash('sha256');
    for (const c of set.contents[kind]) hash.update(c).update('\u0000');
    versions[kind] = hash.digest('hex').slice(0, 12);
  }
  return { entries: set.entries, versions, files: set.files };
}
