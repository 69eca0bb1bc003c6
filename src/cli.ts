#!/usr/bin/env node
/**
 * The `framelens` command line: a thin layer over the analysis core.
 *
 *   framelens analyze FILE-or-DIR... [--format json|md|jsonl] [--lexicons DIR]
 *   framelens compare FILE-or-DIR... [--format json|csv|cues|md|html|pdf|pdf-letter] [-o OUT]
 *   framelens lexicons [--lexicons DIR]
 *   framelens export FILE [--db PATH]
 *   framelens import FILE [--replace] [--db PATH]
 *
 * Machine-readable output goes to stdout (or -o); errors and progress to stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Analyzer } from './core/analyze';
import { removeFlags, suppressedFlags } from './core/flags';
import { FORMAT_NAMES, type FormatName } from './report/format-names';
import type { DismissalInput } from './report/build';
import type { ArticleAnalysis, ArticleInput } from './core/types';
import { closeExtractor } from './ingest/extract';
import { listArticleFiles } from './ingest/files';
import { readArticles } from './ingest/source';
import { cacheDir, loadConfig, redactDatabase } from './config';
import { cachedAnalyzer, prepareSnapshot } from './lexicon/compiled-cache';
import { lexiconSources } from './lexicon/sources';

// Each command loads only what it uses: the report renderers, the comparison, the store and the
// lexicon parser are imported inside the commands that need them, so that `analyze` of one
// article starts in a fraction of the time.

interface CommonOptions {
  lexicons?: string[];
  suppress?: string[];
  output?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}

function fail(message: string): never {
  process.stderr.write(`framelens: ${message}\n`);
  process.exit(2);
}

function buildAnalyzer(opts: CommonOptions): Analyzer {
  try {
    return cachedAnalyzer(opts.lexicons ?? [], cacheDir());
  } catch (err) {
    fail((err as Error).message);
  }
}

function write(opts: CommonOptions, content: string | Buffer) {
  if (opts.output) writeFileSync(opts.output, content);
  else process.stdout.write(content);
}

/** Reads every input except the run's own output file; unreadable files are reported on stderr and counted. */
async function readInputs(
  paths: string[],
  output: string | undefined,
): Promise<{ articles: ArticleInput[]; failures: number }> {
  let failures = 0;
  const articles: ArticleInput[] = [];
  for (const item of await readArticles(listArticleFiles(paths, output ? [output] : []))) {
    if ('error' in item) {
      failures++;
      process.stderr.write(`framelens: ${item.error}\n`);
    } else articles.push(item.article);
  }
  return { articles, failures };
}

/**
 * Analyses each article; one the analyzer fails on is reported on stderr and
 * counted, and the others are still analysed. The flags `--suppress` names are
 * removed as dismissals are, and listed.
 */
function analyzeEach(
  analyzer: Analyzer,
  articles: ArticleInput[],
  suppress: string[] = [],
): { analyses: ArticleAnalysis[]; suppressed: DismissalInput[]; failures: number } {
  const analyses: ArticleAnalysis[] = [];
  const suppressed: DismissalInput[] = [];
  let failures = 0;
  for (const article of articles) {
    try {
      const analysis = analyzer.analyze(article);
      const flags = suppress.length ? suppressedFlags(analysis, suppress) : [];
      analyses.push(removeFlags(analysis, flags));
      for (const f of flags) suppressed.push({ articleId: analysis.id, ...f });
    } catch (err) {
      failures++;
      process.stderr.write(`framelens: ${article.id}: analysis failed: ${(err as Error).message}\n`);
    }
  }
  return { analyses, suppressed, failures };
}

async function runAnalyze(paths: string[], opts: CommonOptions & { format: string; workers?: number }) {
  if (opts.format === 'jsonl') {
    // The workers start from the compiled-lexicon snapshot; it is made here when missing, so
    // they do not each compile, and a broken lexicon fails fast.
    const dir = cacheDir();
    try {
      prepareSnapshot(lexiconSources(opts.lexicons ?? []), dir);
    } catch (err) {
      fail((err as Error).message);
    }
    const { runBatch } = await import('./batch/run');
    const failures = await runBatch(paths, {
      cacheDir: dir,
      lexiconDirs: opts.lexicons ?? [],
      suppress: opts.suppress ?? [],
      workers: opts.workers,
      output: opts.output,
    });
    process.exitCode = failures ? 1 : 0;
    return;
  }
  const analyzer = buildAnalyzer(opts);
  const read = await readInputs(paths, opts.output);
  const { analyses, failures } = analyzeEach(analyzer, read.articles, opts.suppress);
  const report = { articles: analyses, lexicons: analyzer.versions };
  if (opts.format === 'md') {
    const { renderAnalysisMarkdown } = await import('./format/analysis-markdown');
    write(opts, renderAnalysisMarkdown(report));
  } else {
    const { referencedArticles } = await import('./report/entries');
    const { articles, entries } = referencedArticles(analyses);
    write(opts, `${JSON.stringify({ articles, lexicons: report.lexicons, entries }, null, 2)}\n`);
  }
  process.exitCode = read.failures + failures ? 1 : 0;
}

async function runCompare(paths: string[], opts: CommonOptions & { format: FormatName }) {
  const analyzer = buildAnalyzer(opts);
  const read = await readInputs(paths, opts.output);
  const { analyses, suppressed, failures: failed } = analyzeEach(analyzer, read.articles, opts.suppress);
  const failures = read.failures + failed;
  if (analyses.length < 2) fail(`compare needs at least two articles, found ${analyses.length}`);
  const { compareArticles } = await import('./compare');
  const { buildReport, FORMATS } = await import('./report');
  const { headlineAnalysis } = await import('./core/headline');
  const report = buildReport({
    analyses,
    headlines: analyses.flatMap((a) => headlineAnalysis(analyzer, a) ?? []),
    comparison: compareArticles(analyses),
    dismissed: suppressed,
    lexicons: analyzer.versions,
  });
  // A command-line comparison has no stored title or creation time; a fixed date keeps a PDF's bytes reproducible.
  const meta = {
    title: `framelens comparison of ${analyses.length} articles`,
    eventDate: null,
    createdAt: '1970-01-01T00:00:00.000Z',
  };
  write(opts, await FORMATS[opts.format].render(report, meta));
  process.exitCode = failures ? 1 : 0;
}

function runLexicons(opts: CommonOptions) {
  const analyzer = buildAnalyzer(opts);
  const set = analyzer.lexicons;
  for (const [kind, entries] of Object.entries(set.entries)) {
    process.stdout.write(
      `${kind.padEnd(18)} ${String((entries as unknown[]).length).padStart(5)} entries  version ${set.versions[kind as keyof typeof set.versions]}  ${set.files[kind as keyof typeof set.files].join(', ')}\n`,
    );
  }
  process.stdout.write(`${analyzer.matcher.patternCount} patterns compiled\n`);
}

/** The database the server uses (FRAMELENS_DATABASE_URL, else FRAMELENS_DB, default data/framelens.db), unless --db names another. */
async function openDatabase(db: string | undefined) {
  const { openStore } = await import('./store');
  const location = db ?? loadConfig(process.env).database;
  // Named in messages without a password a URL may hold.
  return { store: await openStore(location), file: redactDatabase(location) };
}

async function runExport(file: string, opts: { db?: string }) {
  const { exportToFile } = await import('./store');
  const { store, file: dbFile } = await openDatabase(opts.db);
  try {
    // Written one comparison at a time: a large database never becomes one string.
    const { comparisons, articles } = await exportToFile(store, file);
    process.stderr.write(
      `framelens: exported ${comparisons} comparisons with ${articles} articles from ${dbFile} to ${file}\n`,
    );
  } finally {
    await store.close();
  }
}

async function runImport(file: string, opts: { db?: string; replace?: boolean }) {
  const { importAll, parseBackup } = await import('./store');
  const { buildLexiconSet } = await import('./lexicon/parse');
  const { DEFAULT_LEXICON_DIR, readLexiconSources } = await import('./lexicon/sources');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`${file}: cannot read the backup: ${(err as Error).message}`);
  }
  const backup = parseBackup(parsed, file);
  const { store, file: dbFile } = await openDatabase(opts.db);
  try {
    const r = await importAll(store, backup, {
      replace: !!opts.replace,
      // An extra lexicon must load next to the shipped ones, as it did when it was uploaded.
      checkLexicon: (lexicon) =>
        void buildLexiconSet([
          ...readLexiconSources(DEFAULT_LEXICON_DIR, true),
          { file: lexicon.fileName, content: lexicon.content },
        ]),
    });
    const skipped = r.skipped
      ? `, skipped ${r.skipped} that already exist${opts.replace ? '' : ' (use --replace to overwrite them)'}`
      : '';
    process.stderr.write(
      `framelens: imported ${r.imported} comparisons${r.replaced ? `, replaced ${r.replaced}` : ''}${skipped} into ${dbFile}\n`,
    );
  } finally {
    await store.close();
  }
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('framelens')
    .description('Shows how different news sources frame the same event.')
    .showHelpAfterError();
  const lexiconOption = () =>
    new Option('--lexicons <dir>', 'an extra lexicon folder or file (repeatable)').argParser(collect);
  const suppressOption = () =>
    new Option('--suppress <entry-or-phrase>', 'ignore a lexicon entry id or phrase (repeatable)').argParser(
      collect,
    );

  program
    .command('analyze')
    .description('analyse single articles')
    .argument('<paths...>', 'article files or folders')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'md', 'jsonl']).default('json'),
    )
    .addOption(lexiconOption())
    .addOption(suppressOption())
    .option(
      '--workers <n>',
      'worker threads for --format jsonl (default: one per core, at most 4)',
      positiveInt,
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(runAnalyze);

  program
    .command('compare')
    .description('compare how two or more articles frame one event')
    .argument('<paths...>', 'article files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('json'))
    .addOption(lexiconOption())
    .addOption(suppressOption())
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(runCompare);

  program
    .command('lexicons')
    .description('validate the lexicons and list their versions')
    .addOption(lexiconOption())
    .action(runLexicons);

  const dbOption = () =>
    new Option(
      '--db <path-or-url>',
      'the database: an SQLite file or a postgres:// URL (default: FRAMELENS_DATABASE_URL, else FRAMELENS_DB, or data/framelens.db)',
    );
  program
    .command('export')
    .description(
      'write every comparison, article, original file, dismissal and extra lexicon to one JSON file',
    )
    .argument('<file>', 'the backup file to write')
    .addOption(dbOption())
    .action(runExport);
  program
    .command('import')
    .description('restore a backup written by export; comparisons that already exist are skipped')
    .argument('<file>', 'the backup file to read')
    .option('--replace', 'overwrite comparisons that already exist')
    .addOption(dbOption())
    .action(runImport);
  return program;
}

if (require.main === module) {
  // `framelens … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  buildProgram()
    .parseAsync(process.argv)
    // The HTML/PDF extraction worker would keep the process alive once the work is done.
    .then(() => closeExtractor())
    .catch((err: Error) => fail(err.message));
}
