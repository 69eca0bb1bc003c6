/**
 * Whole-process measurements: what a user waits for when running the command line, against
 * a process that only loads wink-nlp with its model and reads the same texts (its default
 * pipeline, as a user gets it). Both sides run in alternation, so load from other processes
 * hits them alike; each figure is the median of the ratios of adjacent runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeArticleFolder } from './corpus';
import { median, pairedRatio, round } from './measure';
import type { Measurement } from './run';

const CLI = path.resolve(__dirname, '..', 'cli.js');
const SHORT_ARTICLE = path.resolve(
  __dirname,
  '..',
  '..',
  'seeds',
  '2021-04-ukraine-contacts',
  '000_d8f5a990ccd71f66.txt',
);

/** The batch corpus: about 3,500 articles and 14 MB, the size the figures of issue 15 were taken on. */
const BATCH_ARTICLES = 3500;
const BATCH_MIN_CHARS = 3000;

/**
 * A program that loads wink-nlp with its model and reads every file named on its command line,
 * or every file of a folder, on one thread.
 */
const READ_DOC_PROGRAM = `
const fs = require('node:fs');
const path = require('node:path');
const nlp = require(${JSON.stringify(require.resolve('wink-nlp'))})(require(${JSON.stringify(require.resolve('wink-eng-lite-web-model'))}));
let tokens = 0;
for (const arg of process.argv.slice(1)) {
  const files = fs.statSync(arg).isDirectory() ? fs.readdirSync(arg).sort().map((f) => path.join(arg, f)) : [arg];
  for (const file of files) tokens += nlp.readDoc(fs.readFileSync(file, 'utf8')).tokens().length();
}
process.stdout.write(String(tokens));
`;

/**
 * Preloaded into each timed process: at exit it writes the CPU time of the whole process, all
 * its threads, to stderr, so a figure can also be given in CPU work, which other processes on a
 * busy machine disturb far less than wall time.
 */
const CPU_REPORT = `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu-ms ' + Math.round((u.user + u.system) / 1000) + '\\n'); });\n`;

interface Timing {
  ms: number;
  cpuMs: number;
}

/** Runs a process to its end; its wall time and CPU time in milliseconds. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv, preload: string): Timing {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', preload, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const stderr = r.stderr.toString();
  if (r.status !== 0)
    throw new Error(`framelens bench: ${args.slice(0, 3).join(' ')} … failed (exit ${r.status}): ${stderr}`);
  return { ms, cpuMs: Number(/cpu-ms (\d+)\s*$/.exec(stderr)?.[1] ?? NaN) };
}

/** Times two commands in alternation after warm-up runs of each. */
function alternate(
  a: () => Timing,
  b: () => Timing,
  runs: number,
  warmups: number,
): { a: Timing[]; b: Timing[] } {
  for (let w = 0; w < warmups; w++) {
    a();
    b();
  }
  const out = { a: [] as Timing[], b: [] as Timing[] };
  for (let r = 0; r < runs; r++) {
    out.a.push(a());
    out.b.push(b());
  }
  return out;
}

const wall = (t: Timing[]) => t.map((x) => x.ms);
const cpu = (t: Timing[]) => t.map((x) => x.cpuMs);

/** Writes the CPU-time reporter into a scratch folder; its path, for `--require`. */
function cpuReporter(tmp: string): string {
  const file = path.join(tmp, 'cpu-report.js');
  writeFileSync(file, CPU_REPORT);
  return file;
}

/**
 * `framelens analyze` of one short article, whole process, against loading wink-nlp and reading
 * the same article; with the compiled lexicons in the cache, as on every run after the first.
 * @param tmp - a scratch folder for the cache
 */
export function measureCliStart(tmp: string, runs = 11): Measurement {
  const cache = path.join(tmp, 'start-cache');
  const env = { ...process.env, FRAMELENS_CACHE: cache };
  const preload = cpuReporter(tmp);
  const analyze = () => timeProcess([CLI, 'analyze', SHORT_ARTICLE], env, preload);
  const readDoc = () => timeProcess(['-e', READ_DOC_PROGRAM, SHORT_ARTICLE], env, preload);
  const cold = analyze();
  const times = alternate(analyze, readDoc, runs, 2);
  const uncached = timeProcess([CLI, 'analyze', SHORT_ARTICLE], { ...env, FRAMELENS_CACHE: 'none' }, preload);
  const ratio = pairedRatio(wall(times.a), wall(times.b));
  return {
    name: 'CLI start: analyze one article / wink load + readDoc',
    value: round(ratio, 2),
    unit: 'time ratio',
    target: '<= 2',
    met: ratio <= 2,
    details: {
      article: path.relative(process.cwd(), SHORT_ARTICLE),
      bytes: statSync(SHORT_ARTICLE).size,
      runs,
      msAnalyze: round(median(wall(times.a)), 1),
      msReadDoc: round(median(wall(times.b)), 1),
      cpuRatio: round(pairedRatio(cpu(times.a), cpu(times.b)), 2),
      cpuMsAnalyze: median(cpu(times.a)),
      cpuMsReadDoc: median(cpu(times.b)),
      msFirstRunWritingTheCache: round(cold.ms, 1),
      msWithoutCache: round(uncached.ms, 1),
    },
  };
}

/**
 * `framelens analyze DIR --format jsonl` with the default worker count over a generated folder
 * of ~3,500 articles (~14 MB), whole process, against one thread of `readDoc` over the same
 * files, whole process. The figure is framelens's pace as a share of readDoc's.
 * @param tmp - a scratch folder for the corpus, the output and the cache
 * @param seed - the corpus generator's seed
 */
export function measureBatchPace(tmp: string, seed: number, runs = 3): Measurement {
  const dir = path.join(tmp, 'batch-articles');
  mkdirSync(dir, { recursive: true });
  const bytes = writeArticleFolder(dir, BATCH_ARTICLES, seed, BATCH_MIN_CHARS);
  const out = path.join(tmp, 'batch-out.jsonl');
  const env = { ...process.env, FRAMELENS_CACHE: path.join(tmp, 'batch-cache') };
  const preload = cpuReporter(tmp);
  const batch = () => timeProcess([CLI, 'analyze', dir, '--format', 'jsonl', '-o', out], env, preload);
  const readDoc = () => timeProcess(['-e', READ_DOC_PROGRAM, dir], env, preload);
  const times = alternate(batch, readDoc, runs, 1);
  const outputBytes = statSync(out).size;
  rmSync(out);
  const pace = pairedRatio(wall(times.b), wall(times.a));
  return {
    name: 'batch: analyze DIR --format jsonl pace / readDoc one thread',
    value: round(pace),
    unit: 'ratio',
    target: '>= 0.8',
    met: pace >= 0.8,
    details: {
      articles: readdirSync(dir).length,
      inputMB: round(bytes / 2 ** 20, 1),
      outputMB: round(outputBytes / 2 ** 20, 1),
      runs,
      msBatch: round(median(wall(times.a)), 1),
      msReadDoc: round(median(wall(times.b)), 1),
      // CPU work per text, all threads: the wall pace on idle cores is at most workers × this.
      cpuPace: round(pairedRatio(cpu(times.b), cpu(times.a))),
      cpuMsBatch: median(cpu(times.a)),
      cpuMsReadDoc: median(cpu(times.b)),
    },
  };
}
