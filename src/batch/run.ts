/**
 * Batch mode (`framelens analyze ... --format jsonl`): analyses articles on
 * the worker pool (`pool.ts`, the same runner as the web uploads) and
 * streams one JSON line per article, in input order. An article that fails,
 * or passes its time or memory limit, is reported and the batch goes on.
 *
 * Memory stays flat whatever the corpus size: files are read when their turn
 * comes, `.jsonl` input is streamed by line, at most a fixed number of
 * articles are in flight (queued, being analysed, or waiting for an earlier
 * one to be written), and output waits for the stream to drain.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { listArticleFiles } from '../ingest/files';
import { lexiconSources } from '../lexicon/sources';
import { readBatchItems, totalBytes } from './input';
import { createJobPool, type LexiconSpec } from './pool';

export interface BatchOptions {
  /** Extra lexicon folders or files, as for `--lexicons`. */
  lexiconDirs: string[];
  /** Entry ids or phrases to ignore, as for `--suppress`. */
  suppress: string[];
  /** Worker threads; default one per core, at most 4. */
  workers?: number;
  /** Output file; default stdout. */
  output?: string;
  /** The compiled-lexicon snapshot folder the workers start from; null or absent to compile in each. */
  cacheDir?: string | null;
}

/** Articles allowed in flight per worker: enough to keep every worker busy while earlier ones are written. */
const IN_FLIGHT_PER_WORKER = 8;

/** Time budget of one article: far beyond any news article, short enough that a pathological one does not stall the run. */
const ARTICLE_BUDGET_MS = 120_000;

/**
 * Old-generation heap cap of a worker. An analyzer holds ~70 MB; without a
 * cap V8 lets each worker's heap grow far beyond its live data, and two
 * workers plus the main thread passed 400 MB. 256 MB still analyses a 2 MB
 * article (far beyond news length) in one piece.
 */
const WORKER_HEAP_MB = 256;

/** The default worker count: one per core, at most 4. */
export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

/** The shipped lexicons plus the extra ones, as the workers build them, keyed by their content. */
function lexiconSpec(lexiconDirs: string[], cacheDir: string | null): LexiconSpec {
  const sources = lexiconSources(lexiconDirs);
  const hash = createHash('sha256');
  for (const s of sources) hash.update(s.file).update('\u0000').update(s.content).update('\u0000');
  return { key: hash.digest('hex'), sources, cacheDir };
}

/** Writes to a stream, resolving once it is ready for more. */
async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

function progressBar(total: number): SingleBar | null {
  if (!process.stderr.isTTY) return null;
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'framelens {bar} {percentage}% | {articles} articles | {rate} articles/s | ETA {eta_formatted}',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 200,
    fps: 5,
  });
  bar.start(Math.max(1, Math.round(total)), 0, { articles: 0, rate: '0' });
  return bar;
}

/**
 * Analyses every input on worker threads and writes one JSON line per
 * article, in input order; inputs that fail are written to stderr as
 * `framelens: <message>` and counted.
 * @param paths - article files, `.jsonl` files or folders
 * @param opts - lexicons, suppressions, worker count and output file
 * @returns the number of inputs that failed
 */
export async function runBatch(paths: string[], opts: BatchOptions): Promise<number> {
  // The output may be inside an input folder: never read it back as input.
  const listed = listArticleFiles(paths, opts.output ? [opts.output] : []);
  const workerCount = Math.max(1, Math.floor(opts.workers ?? defaultWorkerCount()));
  const limit = workerCount * IN_FLIGHT_PER_WORKER;
  const out: Writable = opts.output ? createWriteStream(opts.output) : process.stdout;
  const bar = progressBar(totalBytes(listed));
  const startedAt = Date.now();

  let failures = 0;
  let written = 0;
  let articlesWritten = 0;
  let bytesDone = 0;
  /** Results that arrived before an earlier article was written, by sequence number. */
  const ready = new Map<number, { line?: string; error?: string; bytes: number }>();
  const bytesOf = new Map<number, number>();
  let fatal: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const waitForProgress = () => new Promise<void>((resolve) => (wake = resolve));

  out.on('error', (err: Error) => {
    fatal ??= err;
    notify();
  });

  const lexicons = lexiconSpec(opts.lexiconDirs, opts.cacheDir ?? null);
  const pool = createJobPool({ workers: workerCount, budgetMs: ARTICLE_BUDGET_MS, memoryMb: WORKER_HEAP_MB });

  let flushing = Promise.resolve();
  const flush = async () => {
    for (let r = ready.get(written); r; r = ready.get(written)) {
      ready.delete(written);
      written++;
      if (r.error !== undefined) {
        failures++;
        process.stderr.write(`framelens: ${r.error}\n`);
      } else {
        articlesWritten++;
        await writeLine(out, r.line!);
      }
      bytesDone += r.bytes;
      if (bar) {
        const seconds = (Date.now() - startedAt) / 1000;
        bar.update(Math.round(bytesDone), {
          articles: articlesWritten,
          rate: seconds > 0 ? (articlesWritten / seconds).toFixed(1) : '0',
        });
      }
    }
    notify();
  };
  const settle = (seq: number, result: { line?: string; error?: string }) => {
    ready.set(seq, { ...result, bytes: bytesOf.get(seq) ?? 0 });
    bytesOf.delete(seq);
    if (seq === written) {
      flushing = flushing.then(flush).catch((err: Error) => {
        fatal ??= err;
        notify();
      });
    }
  };

  let seq = 0;
  try {
    for await (const item of readBatchItems(listed)) {
      if (fatal) break;
      const n = seq++;
      bytesOf.set(n, item.bytes);
      if ('error' in item) settle(n, { error: item.error });
      else {
        const id = item.article.id;
        pool
          .run({ kind: 'analyze', article: item.article, lexicons, suppress: opts.suppress, line: true })
          .then(
            (json) => settle(n, { line: `${json}\n` }),
            (err: Error) => settle(n, { error: `${id}: analysis failed: ${err.message}` }),
          );
      }
      while (!fatal && seq - written >= limit) await waitForProgress();
    }
    while (!fatal && written < seq) await waitForProgress();
    await flushing;
  } finally {
    bar?.stop();
    await pool.close();
    if (opts.output) {
      out.end();
      await once(out, 'close');
    }
  }
  // `fatal` is set inside callbacks, which TypeScript's narrowing cannot see.
  const failure = fatal as Error | null;
  if (failure) throw failure;
  return failures;
}
