/**
 * The analysis runner: a pool of worker threads that does every piece of
 * work whose cost an article's author controls (HTML, PDF and .docx
 * extraction, analysis, and the rendering of a comparison's reports), so the
 * thread that answers requests never runs it. Each job gets a time budget and each worker a heap cap
 * (`resourceLimits`); a job over either is ended with a {@link JobLimitError}
 * naming the limit, its worker is replaced, and the jobs queued behind it
 * wait for the new worker instead of failing. The web uploads, the CLI and
 * the batch mode all run through it.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArticleAnalysis, ArticleInput } from '../core/types';
import type { DismissalInput, FormatName, ReportMeta } from '../report';
import type { LexiconSource } from '../lexicon/parse';
import type { DocxText, HtmlText, PdfText } from '../ingest/extractors';

/** The lexicons an analysis job uses: the files themselves, under a key that names their content. */
export interface LexiconSpec {
  /** Changes whenever the sources do; the worker keeps an analyzer per key. */
  key: string;
  sources: LexiconSource[];
  /** The compiled-lexicon snapshot folder (see lexicon/compiled-cache.ts); without it the worker compiles. */
  cacheDir?: string | null;
}

/** The work a job can do. */
export type Job =
  | { kind: 'html'; html: string }
  | { kind: 'pdf'; data: Uint8Array }
  | { kind: 'docx'; data: Uint8Array; maxUnpackedBytes: number }
  | {
      kind: 'analyze';
      article: ArticleInput;
      lexicons: LexiconSpec;
      suppress?: string[];
      /** Answer the JSONL line (entries referenced, see report/entries) instead of the analysis's JSON. */
      line?: boolean;
    }
  | {
      kind: 'report';
      /** Each article's analysis as JSON, as analysed (the analysis cache's value), in column order. */
      analyses: string[];
      /** The labels each article has in the store now, by position in `analyses`. */
      labels: Pick<ArticleAnalysis, 'id' | 'source' | 'title' | 'date'>[];
      /** The titled articles' headlines, each analysed on its own (short: titles are capped). */
      headlines: ArticleAnalysis[];
      dismissed: DismissalInput[];
      lexicons: Record<string, string>;
      format: FormatName;
      meta: ReportMeta;
    };

/** What each kind of job answers; an analysis comes back as its JSON, which is what callers store or write. */
export interface JobResults {
  html: HtmlText;
  pdf: PdfText;
  docx: DocxText;
  analyze: string;
  /** The rendered report: text, or the bytes of a PDF. */
  report: string | Uint8Array;
}

/**
 * Lexicon sets a worker keeps the files of, by key, oldest dropped first. The pool keeps the same
 * list for each worker, so it sends a set's files (~700 KB for the shipped lexicons) only the
 * first time, and the key alone after that.
 */
export const LEXICON_SOURCES_PER_WORKER = 16;

/**
 * Drops the oldest keys of a list until one more fits under {@link LEXICON_SOURCES_PER_WORKER}.
 * The pool and the worker call it as each job is sent and received, so their lists agree.
 * @param keys - a Set or Map, in insertion order
 */
export function makeRoomForLexicons(keys: Set<string> | Map<string, unknown>): void {
  while (keys.size >= LEXICON_SOURCES_PER_WORKER) keys.delete(keys.keys().next().value!);
}

/** An analysis job as sent: the lexicon files only when the worker has not been given them yet. */
type AnalyzeMessage = Omit<Extract<Job, { kind: 'analyze' }>, 'lexicons'> & {
  lexicons: LexiconSpec | { key: string; cacheDir?: string | null };
};

/** A message to a worker and its answer. */
export type JobMessage = (Exclude<Job, { kind: 'analyze' }> | AnalyzeMessage) & { id: number };
export type JobReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string; name?: string };

/** A job stopped because it passed its time budget or its worker's memory cap. */
export class JobLimitError extends Error {
  constructor(
    readonly limit: 'time' | 'memory',
    message: string,
  ) {
    super(message);
    this.name = 'JobLimitError';
  }
}

/** An error the job itself raised in the worker (a damaged file, a bug), with the worker's message. */
export class JobFailedError extends Error {
  constructor(
    message: string,
    /** The error's class name in the worker, e.g. `ZipError`. */
    readonly kind: string | undefined,
  ) {
    super(message);
    this.name = 'JobFailedError';
  }
}

export interface PoolOptions {
  /** Worker threads; jobs beyond them wait in a queue. */
  workers: number;
  /** How long one job may run before its worker is ended, in milliseconds. */
  budgetMs: number;
  /** Old-generation heap cap of each worker, in MB. */
  memoryMb: number;
}

/**
 * Defaults for a machine of this size: one worker per core up to two (each
 * holds a compiled analyzer, ~70 MB), 30 s per job (a long news article is
 * analysed in well under a second), 384 MB of heap per worker (a 1 MB text
 * needs ~150 MB next to the analyzer).
 */
export function defaultPoolOptions(): PoolOptions {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return { workers: Math.max(1, Math.min(2, cores)), budgetMs: 30_000, memoryMb: 384 };
}

interface Pending {
  id: number;
  job: Job;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Keys of the lexicon sets whose files this worker has been sent (see LEXICON_SOURCES_PER_WORKER). */
  lexiconKeys: Set<string>;
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** Starts a job worker from compiled JavaScript, or from TypeScript through tsx under ts-jest or tsx. */
function startWorker(memoryMb: number): Worker {
  const fromSource = __filename.endsWith('.ts');
  const script = path.join(__dirname, fromSource ? 'job-worker.ts' : 'job-worker.js');
  const worker = new Worker(script, {
    execArgv: fromSource ? ['--require', 'tsx/cjs'] : [],
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 16 },
  });
  // An idle pool must not keep a CLI run or a test alive.
  worker.unref();
  return worker;
}

/** A job as sent to a worker: an analysis carries its lexicon files only when that worker lacks them. */
function messageFor(slot: Slot, pending: Pending): JobMessage {
  const job = pending.job;
  if (job.kind !== 'analyze') return { ...job, id: pending.id };
  const { key, cacheDir } = job.lexicons;
  if (slot.lexiconKeys.has(key)) return { ...job, lexicons: { key, cacheDir }, id: pending.id };
  makeRoomForLexicons(slot.lexiconKeys);
  slot.lexiconKeys.add(key);
  return { ...job, id: pending.id };
}

/** Describes a job for messages: its kind and the article or file it works on. */
function describe(job: Job): string {
  if (job.kind === 'analyze') return 'the analysis';
  if (job.kind === 'report') return `the ${job.format.toUpperCase()} report`;
  return `the ${job.kind === 'docx' ? '.docx' : job.kind.toUpperCase()} extraction`;
}

/**
 * Creates a pool. Workers start when the first job arrives and are unref'd,
 * so an idle pool keeps no process alive.
 * @param options - worker count, time budget and memory cap
 */
export function createJobPool(options: PoolOptions = defaultPoolOptions()) {
  const { workers: size, budgetMs, memoryMb } = options;
  const slots: (Slot | null)[] = Array.from({ length: Math.max(1, size) }, () => null);
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(index: number): Slot {
    const slot: Slot = {
      worker: startWorker(memoryMb),
      lexiconKeys: new Set(),
      ready: false,
      current: null,
      timer: null,
    };
    slots[index] = slot;
    slot.worker.on('message', (reply: JobReply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        dispatch();
        return;
      }
      const pending = slot.current;
      if (!pending || pending.id !== reply.id) return;
      finish(slot);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new JobFailedError(reply.error, reply.name));
      dispatch();
    });
    const lost = (err: Error | null) => {
      if (slots[index] !== slot) return;
      slots[index] = null;
      const pending = slot.current;
      finish(slot);
      if (!slot.ready) {
        // A worker that cannot start would fail again: fail the queue rather than loop.
        for (const p of queue.splice(0))
          p.reject(
            new JobFailedError(`the worker could not start: ${err?.message ?? 'it exited'}`, undefined),
          );
        return;
      }
      if (pending) {
        const oom = (err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        pending.reject(
          oom
            ? new JobLimitError(
                'memory',
                `${describe(pending.job)} needed more than the limit of ${memoryMb} MB of memory`,
              )
            : new JobFailedError(`the worker stopped: ${err?.message ?? 'it exited'}`, undefined),
        );
      }
      dispatch();
    };
    slot.worker.on('error', (err) => lost(err));
    slot.worker.on('exit', () => lost(null));
    return slot;
  }

  function finish(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
  }

  function dispatch() {
    if (closed) return;
    for (let i = 0; i < slots.length && queue.length; i++) {
      const slot = slots[i] ?? spawn(i);
      if (!slot.ready || slot.current) continue;
      const pending = queue.shift()!;
      slot.current = pending;
      slot.timer = setTimeout(() => {
        if (slot.current !== pending) return;
        // Over budget: end the worker (its `exit` is ignored, the slot is already free) and start afresh.
        slots[i] = null;
        finish(slot);
        void slot.worker.terminate();
        pending.reject(
          new JobLimitError(
            'time',
            `${describe(pending.job)} took longer than the limit of ${budgetMs / 1000} s`,
          ),
        );
        dispatch();
      }, budgetMs);
      slot.timer.unref();
      slot.worker.postMessage(messageFor(slot, pending), pending.transfer);
    }
  }

  return {
    options,
    /**
     * Runs one job; waits in the queue while every worker is busy.
     * @param job - what to do
     * @param transfer - buffers to move to the worker instead of copying
     */
    run<K extends Job['kind']>(job: Job & { kind: K }, transfer: ArrayBuffer[] = []): Promise<JobResults[K]> {
      if (closed) return Promise.reject(new Error('framelens pool: the pool is closed'));
      return new Promise<JobResults[K]>((resolve, reject) => {
        queue.push({ id: nextId++, job, transfer, resolve: resolve as (v: unknown) => void, reject });
        dispatch();
      });
    },
    /** Jobs waiting for a worker (for tests and the health check). */
    queued: () => queue.length,
    /** Ends every worker; queued and running jobs are rejected. */
    async close(): Promise<void> {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error('framelens pool: the pool was closed'));
      const running = slots.filter((s): s is Slot => s !== null);
      slots.fill(null);
      for (const s of running) {
        s.current?.reject(new Error('framelens pool: the pool was closed'));
        finish(s);
      }
      await Promise.all(running.map((s) => s.worker.terminate()));
    },
  };
}

export type JobPool = ReturnType<typeof createJobPool>;

let shared: JobPool | null = null;

/** The process's default pool (the CLI's, and the server's unless it is given another). */
export function sharedPool(): JobPool {
  return (shared ??= createJobPool());
}

/** Ends the default pool's workers (end of a CLI run, end of a test file). */
export async function closeSharedPool(): Promise<void> {
  const pool = shared;
  shared = null;
  if (pool) await pool.close();
}
