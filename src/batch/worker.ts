/**
 * A batch worker thread: builds its analyzer once, then analyses the
 * articles the main thread sends, one message each, and answers with the
 * article's JSON line (serialised here so the main thread only writes).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer, type Analyzer } from '../core/analyze';
import { loadLexicons } from '../lexicon/load';
import type { ArticleInput } from '../core/types';

/** What the main thread passes to every worker. */
export interface WorkerSetup {
  lexiconDirs: string[];
  suppress: string[];
}

/** A job: one article with its position in the input. */
export interface WorkerJob {
  seq: number;
  article: ArticleInput;
}

/** A worker's answer: the JSON line of the analysis, an error for one job, or a fatal error. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; seq: number; json: string }
  | { type: 'failed'; seq: number; message: string }
  | { type: 'fatal'; message: string };

function start(port: NonNullable<typeof parentPort>, setup: WorkerSetup) {
  const reply = (message: WorkerReply) => port.postMessage(message);
  let analyzer: Analyzer;
  try {
    analyzer = createAnalyzer(loadLexicons(setup.lexiconDirs));
  } catch (err) {
    reply({ type: 'fatal', message: (err as Error).message });
    return;
  }
  const options = { suppress: setup.suppress };
  port.on('message', (job: WorkerJob) => {
    try {
      reply({ type: 'done', seq: job.seq, json: JSON.stringify(analyzer.analyze(job.article, options)) });
    } catch (err) {
      reply({
        type: 'failed',
        seq: job.seq,
        message: `${job.article.id}: analysis failed: ${(err as Error).message}`,
      });
    }
  });
  reply({ type: 'ready' });
}

if (parentPort) start(parentPort, workerData as WorkerSetup);
