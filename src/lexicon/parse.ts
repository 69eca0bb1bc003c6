/**
 * Parses and validates lexicon files. Pure: takes file names and contents,
 * returns a validated {@link LexiconSet} or throws a {@link LexiconError} that
 * names the file, the entry and the field.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { LexiconError } from './errors';
import {
  LEXICON_KINDS,
  lexiconFile,
  referencesFile,
  type Reference,
  type ActorEntry,
  type FrameEntry,
  type GivenNamesEntry,
  type HedgeEntry,
  type LexiconKind,
  type LoadedTermEntry,
  type NamingConcept,
  type ReportingVerbEntry,
} from './schema';

export { LexiconError };

export interface EntriesByKind {
  'loaded-terms': LoadedTermEntry[];
  'naming-variants': NamingConcept[];
  'reporting-verbs': ReportingVerbEntry[];
  hedges: HedgeEntry[];
  boosters: HedgeEntry[];
  'anonymous-sources': HedgeEntry[];
  actors: ActorEntry[];
  frames: FrameEntry[];
  'given-names': GivenNamesEntry[];
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
  /** True for the lexicons framelens ships: their entries must cite a known `ref`. */
  shipped?: boolean;
}

/** A file named `references.yaml` (or .yml, .json) holds the bibliography, not entries. */
const REFERENCES_FILE = /(^|[\\/])references\.(ya?ml|json)$/i;

/** True when a source is a bibliography rather than a lexicon file. */
export function isReferencesSource(source: LexiconSource): boolean {
  return REFERENCES_FILE.test(source.file);
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

function readMapping(source: LexiconSource, expected: string): object {
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
      `${source.file}: expected a mapping with ${expected}, found ${Array.isArray(raw) ? 'a list' : typeof raw}`,
      source.file,
    );
  }
  return raw;
}

/** Parses a bibliography file (`references.yaml`) and validates every reference. */
export function parseReferencesFile(source: LexiconSource): Reference[] {
  const raw = readMapping(source, "'references'");
  const result = referencesFile.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path;
    if (path[0] === 'references' && typeof path[1] === 'number') {
      const ref = ((raw as { references?: { id?: unknown }[] }).references ?? [])[path[1]];
      const label = ref && typeof ref.id === 'string' ? ref.id : `#${path[1] + 1}`;
      const field = path.slice(2).map(String).join('.') || '(reference)';
      throw new LexiconError(
        `${source.file}: reference '${label}', field '${field}': ${issue.message}`,
        source.file,
        label,
      );
    }
    throw new LexiconError(
      `${source.file}: field '${path.map(String).join('.') || '(file)'}': ${issue.message}`,
      source.file,
    );
  }
  return result.data.references;
}

/**
 * The citation text reports show for a reference: "Who Year, Title" and the
 * locator after a colon, e.g. "Associated Press 2024, AP Stylebook: entry 'refute'".
 */
export function formatReference(reference: Reference, locator?: string): string {
  const who = reference.authors ?? reference.publisher ?? '';
  const where = reference.edition ? ` (${reference.edition})` : '';
  return `${who} ${reference.year}, ${reference.title}${where}${locator ? `: ${locator}` : ''}`;
}

/** Parses one file's text (YAML or JSON) and validates it against the schema. */
export function parseLexiconFile(source: LexiconSource) {
  const raw = readMapping(source, "'kind' and 'entries'");
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

/**
 * "framelens rationale" is the project's own judgement, not a published source;
 * no lexicon may give it as a citation, and a shipped entry may not mention it.
 */
const NOT_A_SOURCE = /framelens rationale/i;

/** The dotted path of the first string field of `value` that says "framelens rationale", if any. */
function fieldCitingRationale(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return NOT_A_SOURCE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = fieldCitingRationale(inner, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

interface CitingEntry {
  id: string;
  ref?: string;
  locator?: string;
  also?: { ref: string; locator?: string }[];
  citation?: string;
}

/**
 * Checks how an entry cites and returns the citation text reports show. A
 * shipped entry must cite a known `ref` (a free-text citation is for user
 * lexicons); a user entry may give either.
 */
function resolveCitation(
  source: LexiconSource,
  entry: CitingEntry,
  references: Map<string, Reference>,
): string {
  const fail = (field: string, message: string) =>
    new LexiconError(
      `${source.file}: entry '${entry.id}', field '${field}': ${message}`,
      source.file,
      entry.id,
    );
  const rationale = fieldCitingRationale(
    source.shipped ? entry : { citation: entry.citation, locator: entry.locator, also: entry.also },
    '',
  );
  if (rationale !== undefined)
    throw fail(
      rationale,
      "'framelens rationale' is not a published source; cite a work a reader can check, or leave the entry out",
    );
  if (source.shipped) {
    if (entry.ref === undefined)
      throw fail('ref', "a shipped entry needs a 'ref' to a reference id in lexicons/references.yaml");
    if (entry.citation !== undefined)
      throw fail(
        'citation',
        "a shipped entry cites with 'ref' and 'locator'; a free-text citation is for user lexicons",
      );
  } else if (entry.ref === undefined && entry.citation === undefined) {
    throw fail('citation', "needs a free-text 'citation' or a 'ref' to a known reference");
  }
  if (entry.ref === undefined) {
    if (entry.locator !== undefined || entry.also !== undefined)
      throw fail('ref', "'locator' and 'also' need a 'ref'");
    return entry.citation!;
  }
  const cited = [{ ref: entry.ref, locator: entry.locator, field: 'ref' }].concat(
    (entry.also ?? []).map((a, i) => ({ ref: a.ref, locator: a.locator, field: `also.${i}.ref` })),
  );
  return cited
    .map(({ ref, locator, field }) => {
      const reference = references.get(ref);
      if (!reference) throw fail(field, `unknown reference '${ref}'; expected an id from references.yaml`);
      return formatReference(reference, locator);
    })
    .join('; ');
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
  const references = new Map<string, Reference>();
  const referenceContents: string[] = [];
  for (const source of sources.filter(isReferencesSource)) {
    for (const reference of parseReferencesFile(source)) {
      if (references.has(reference.id))
        throw new LexiconError(
          `${source.file}: reference '${reference.id}': duplicate id`,
          source.file,
          reference.id,
        );
      references.set(reference.id, reference);
    }
    referenceContents.push(source.content);
  }
  for (const source of sources.filter((s) => !isReferencesSource(s))) {
    const parsed = parseLexiconFile(source);
    const kind = parsed.kind;
    set.files[kind].push(source.file);
    set.contents[kind].push(source.content);
    for (const entry of parsed.entries as CitingEntry[]) {
      entry.citation = resolveCitation(source, entry, references);
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
    for (const c of [...set.contents[kind], ...referenceContents]) hash.update(c).update('\u0000');
    versions[kind] = hash.digest('hex').slice(0, 12);
  }
  return { entries: set.entries, versions, files: set.files };
}
