/**
 * `npm run bench`: framelens's performance benchmark (issue 5).
 *
 * Every figure is a ratio of two things measured in the same run, since
 * absolute times vary between machines. Each measurement runs several times
 * after a warm-up and reports the median. Prints a table and writes
 * bench/results.json.
 *
 *   node dist/bench/run.js [measurement...]   (throughput news lexicons comparison start batch server memory hostile)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer } from '../core/analyze';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { language } from '../core/language';
import type { ArticleAnalysis, ArticleInput } from '../core/types';
import { DEFAULT_LEXICON_DIR, loadLexicons } from '../lexicon/load';
import { CorpusGenerator, readSeedArticles, writeJsonlCorpus } from './corpus';
import { entryCounts, vocabularyOf, writeTenfoldLexicons } from './lexicon10x';
import { machineInfo, median, pairedRatio, round, runSampled, timeAlternating, timeOnce } from './measure';
import { measureRealNews } from './peers';
import { measureBatchPace, measureCliStart } from './processes';
import { measureServer, type ServerResult } from './server';
import { measureHostile } from './hostile';

/** One line of the results table. */
export interface Measurement {
  name: string;
  value: number | null;
  unit: string;
  target: string;
  met: boolean | null;
  /** Why a measurement did not run, when it did not. */
  note?: string;
  details?: Record<string, unknown>;
}

const SEED = 20210410;
const RESULTS_FILE = path.resolve(__dirname, '..', '..', 'bench', 'results.json');
const CLI = path.resolve(__dirname, '..', 'cli.js');

const MB = 2 ** 20;

function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The seed articles plus `generated` articles from the generator. */
function throughputCorpus(generated: number): ArticleInput[] {
  const generator = new CorpusGenerator(SEED);
  return [
    ...readSeedArticles().flatMap((e) => e.articles),
    ...Array.from({ length: generated }, () => generator.next()),
  ];
}

/** Word tokens wink-nlp finds in the analysed part of each text. */
function countTokens(nlp: ReturnType<typeof winkNLP>, bodies: string[]): number {
  return bodies.reduce((n, body) => n + nlp.readDoc(body).tokens().length(), 0);
}

function measureThroughput(corpus: ArticleInput[], runs: number): Measurement {
  // The reference is wink-nlp as a user gets it: its default pipeline (sbd, ner, negation, sentiment, pos, cer).
  const wink = winkNLP(model);
  // The analysis's own wink instance, which skips the annotations it does not read; reported for transparency.
  const own = language().nlp;
  const analyzer = createAnalyzer(loadLexicons());
  const bodies = corpus.map((a) => a.text.slice(a.bodyStart ?? 0));
  const tokens = countTokens(wink, bodies);
  const times = timeAlternating(
    {
      readDoc: () => {
        for (const body of bodies) wink.readDoc(body);
      },
      analyze: () => {
        for (const a of corpus) analyzer.analyze(a);
      },
      ownReadDoc: () => {
        for (const body of bodies) own.readDoc(body);
      },
    },
    runs,
  );
  const perSecond = (ms: number[]) => Math.round(tokens / (median(ms) / 1000));
  // Ratio of each adjacent pair of runs, then the median: load from other processes hits both sides of a pair alike.
  const ratio = pairedRatio(times.readDoc, times.analyze);
  return {
    name: 'analysis throughput (full / readDoc)',
    value: round(ratio),
    unit: 'ratio',
    target: '>= 0.5',
    met: ratio >= 0.5,
    details: {
      articles: corpus.length,
      tokens,
      runs,
      readDocTokensPerSecond: perSecond(times.readDoc),
      analysisTokensPerSecond: perSecond(times.analyze),
      analysisPipelineReadDocTokensPerSecond: perSecond(times.ownReadDoc),
      ratioToAnalysisPipelineReadDoc: round(pairedRatio(times.ownReadDoc, times.analyze)),
      msReadDoc: times.readDoc.map((t) => round(t, 1)),
      msAnalysis: times.analyze.map((t) => round(t, 1)),
    },
  };
}

function measureLexiconScaling(corpus: ArticleInput[], runs: number, tmp: string): Measurement {
  const shipped = loadLexicons();
  const dir = path.join(tmp, 'lexicons-10x');
  writeTenfoldLexicons(shipped, DEFAULT_LEXICON_DIR, dir, vocabularyOf(corpus.map((a) => a.text)), SEED);
  const tenfold = loadLexicons([], dir);
  const small = createAnalyzer(shipped);
  let compileMs = 0;
  const large = (() => {
    let a!: ReturnType<typeof createAnalyzer>;
    compileMs = timeOnce(() => (a = createAnalyzer(tenfold)));
    return a;
  })();
  const hits = (an: typeof small) => corpus.reduce((n, a) => n + an.analyze(a).hits.length, 0);
  const times = timeAlternating(
    {
      shipped: () => {
        for (const a of corpus) small.analyze(a);
      },
      tenfold: () => {
        for (const a of corpus) large.analyze(a);
      },
    },
    runs,
  );
  const ratio = pairedRatio(times.tenfold, times.shipped);
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  return {
    name: 'lexicon scaling (10x entries / shipped)',
    value: round(ratio),
    unit: 'time ratio',
    target: '<= 1.15',
    met: ratio <= 1.15,
    details: {
      entriesShipped: sum(entryCounts(shipped)),
      entriesTenfold: sum(entryCounts(tenfold)),
      patternsShipped: small.matcher.patternCount,
      patternsTenfold: large.matcher.patternCount,
      hitsShipped: hits(small),
      hitsTenfold: hits(large),
      compileMsTenfold: round(compileMs, 1),
      msShipped: median(times.shipped),
      msTenfold: median(times.tenfold),
    },
  };
}

type Compare = (analyses: ArticleAnalysis[]) => unknown;

/** The comparison module, once src/compare exists; loaded by path so the bench builds without it. */
function loadCompare(): Compare | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(__dirname, '..', 'compare')) as { compareArticles?: Compare };
    return typeof mod.compareArticles === 'function' ? mod.compareArticles : null;
  } catch {
    return null;
  }
}

function measureComparison(): Measurement {
  const name = 'comparison scaling (100 / 10 articles)';
  const compare = loadCompare();
  if (!compare)
    return {
      name,
      value: null,
      unit: 'time ratio',
      target: '<= 15',
      met: null,
      note: 'not run: src/compare (compareArticles) missing',
    };
  const analyzer = createAnalyzer(loadLexicons());
  const generator = new CorpusGenerator(SEED + 1);
  const event = readSeedArticles()[0].event;
  log('comparison: analysing 1,000 articles on one event');
  const analyses = Array.from({ length: 1000 }, () => analyzer.analyze(generator.next(event)));
  const ms: Record<number, number[]> = {};
  for (const n of [10, 100, 1000]) {
    const subset = analyses.slice(0, n);
    // Small sizes repeat inside one timed run so the clock's resolution does not matter.
    const repeat = n === 10 ? 20 : n === 100 ? 3 : 1;
    // 1,000 articles take seconds a call: two runs, warmed up by the smaller sizes.
    const runs = n === 1000 ? 2 : 5;
    if (n < 1000) compare(subset);
    ms[n] = Array.from(
      { length: runs },
      () =>
        timeOnce(() => {
          for (let i = 0; i < repeat; i++) compare(subset);
        }) / repeat,
    );
  }
  const t = (n: number) => median(ms[n]);
  const ratio = t(100) / t(10);
  return {
    name,
    value: round(ratio, 2),
    unit: 'time ratio',
    target: '<= 15',
    met: ratio <= 15,
    details: {
      ms10: round(t(10), 2),
      ms100: round(t(100), 2),
      ms1000: round(t(1000), 2),
      ratio1000to100: round(t(1000) / t(100), 2),
    },
  };
}

async function measureMemory(tmp: string): Promise<Measurement[]> {
  const peaks: Record<string, number> = {};
  const details: Record<string, unknown> = {};
  for (const size of [5, 50]) {
    const file = path.join(tmp, `corpus-${size}mb.jsonl`);
    const articles = writeJsonlCorpus(file, size * MB, SEED + size);
    log(`memory: batch-analysing ${size} MB (${articles} articles) with the default worker count`);
    const r = await runSampled(process.execPath, [
      CLI,
      'analyze',
      file,
      '--format',
      'jsonl',
      '-o',
      path.join(tmp, 'out.jsonl'),
    ]);
    if (r.code !== 0)
      throw new Error(`framelens bench: batch run on ${size} MB failed (exit ${r.code}): ${r.stderr}`);
    peaks[size] = r.peakRss / MB;
    details[`${size}MB`] = {
      articles,
      peakRssMB: round(r.peakRss / MB, 1),
      seconds: round(r.ms / 1000, 1),
      articlesPerSecond: round(articles / (r.ms / 1000), 1),
    };
    if (size === 5) {
      // The same run without the CLI around it, to show what batch mode itself holds.
      const direct = `require(${JSON.stringify(path.join(__dirname, '..', 'batch', 'run'))}).runBatch([${JSON.stringify(file)}], { lexiconDirs: [], suppress: [], output: ${JSON.stringify(path.join(tmp, 'out.jsonl'))} }).then((n) => process.exit(n ? 1 : 0))`;
      const d = await runSampled(process.execPath, ['-e', direct]);
      details.runBatchWithoutCli5MB = { peakRssMB: round(d.peakRss / MB, 1), exit: d.code };
    }
    rmSync(file);
  }
  const peak = Math.max(peaks[5], peaks[50]);
  const growth = peaks[50] / peaks[5];
  return [
    {
      name: 'memory: batch peak RSS (5 and 50 MB)',
      value: round(peak, 1),
      unit: 'MB',
      target: '< 400',
      met: peak < 400,
      details,
    },
    {
      name: 'memory: flat (peak 50 MB / peak 5 MB)',
      value: round(growth, 2),
      unit: 'ratio',
      target: '<= 1.2',
      met: growth <= 1.2,
    },
  ];
}

function printTable(results: Measurement[]) {
  const rows = results.map((r) => [
    r.name,
    r.value === null ? '-' : `${r.value} ${r.unit}`,
    r.target,
    r.met === null ? (r.note ?? 'not run') : r.met ? 'met' : 'NOT MET',
  ]);
  const header = ['measurement', 'median', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(
    `${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`,
  );
}

async function main() {
  const only = new Set(process.argv.slice(2));
  const wanted = (name: string) => only.size === 0 || only.has(name);
  const started = Date.now();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'framelens-bench-'));
  const results: Measurement[] = [];
  try {
    const corpus = throughputCorpus(150);
    if (wanted('throughput')) {
      log('analysis throughput');
      results.push(measureThroughput(corpus, 15));
    }
    if (wanted('news')) {
      log('real news, framelens beside readDoc, write-good and alex');
      results.push(...measureRealNews(createAnalyzer(loadLexicons())));
    }
    if (wanted('lexicons')) {
      log('lexicon scaling');
      results.push(measureLexiconScaling(corpus, 15, tmp));
    }
    if (wanted('comparison')) {
      log('comparison scaling');
      results.push(measureComparison());
    }
    if (wanted('start')) {
      log('CLI start, whole process');
      results.push(measureCliStart(tmp));
    }
    if (wanted('batch')) {
      log('batch end to end, whole process');
      results.push(measureBatchPace(tmp, SEED));
    }
    if (wanted('server')) {
      log('server');
      const server: ServerResult = await measureServer(tmp);
      results.push(...server.measurements);
    }
    if (wanted('memory')) results.push(...(await measureMemory(tmp)));
    if (wanted('hostile')) {
      log('hostile uploads');
      results.push(...(await measureHostile(tmp)));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const seconds = round((Date.now() - started) / 1000, 1);
  printTable(results);
  const report = { date: new Date().toISOString(), machine: machineInfo(), seconds, results };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\n${results.filter((r) => r.met === true).length} of ${results.length} targets met in ${seconds} s; written to ${path.relative(process.cwd(), RESULTS_FILE)}\n`,
  );
}

main().catch((err: Error) => {
  process.stderr.write(`framelens bench: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
