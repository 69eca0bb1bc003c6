/**
 * A job worker of the pool (`pool.ts`): extracts text from HTML, PDF and
 * .docx files, analyses articles and renders comparisons' reports, one job at a time, answering each with
 * its result or its error. Analyzers are built once per lexicon key and kept.
 */
import { parentPort } from 'node:worker_threads';
import { analyzerFromCompiled, type Analyzer } from '../core/analyze';
import type { ArticleAnalysis } from '../core/types';
import { reportOf } from '../report/build';
import { articleLine } from '../report/entries';
import { FORMATS } from '../report/formats';
import { loadCompiledLexicons } from '../lexicon/compiled-cache';
import { docxToText, htmlToText, pdfToText } from '../ingest/extractors';
import { makeRoomForLexicons, type JobMessage, type JobReply, type LexiconSpec } from './pool';

/** Analyzers kept per lexicon key: the shipped set and a few comparisons' extra files (each ~70 MB). */
const MAX_ANALYZERS = 3;
const analyzers = new Map<string, Analyzer>();
/** The lexicon files sent with a key, kept as the pool expects (see LEXICON_SOURCES_PER_WORKER). */
const specs = new Map<string, LexiconSpec>();

function analyzerFor(sent: LexiconSpec | { key: string }): Analyzer {
  if ('sources' in sent) {
    makeRoomForLexicons(specs);
    specs.set(sent.key, sent);
  }
  let analyzer = analyzers.get(sent.key);
  if (!analyzer) {
    const spec = specs.get(sent.key);
    if (!spec) throw new Error(`framelens worker: no lexicon files were sent for key ${sent.key}`);
    analyzer = analyzerFromCompiled(loadCompiledLexicons(spec.sources, spec.cacheDir ?? null).compiled);
    if (analyzers.size >= MAX_ANALYZERS) analyzers.delete(analyzers.keys().next().value!);
    analyzers.set(sent.key, analyzer);
  }
  return analyzer;
}

async function runJob(job: JobMessage): Promise<unknown> {
  switch (job.kind) {
    case 'html':
      return htmlToText(job.html);
    case 'pdf':
      return pdfToText(job.data);
    case 'docx':
      return docxToText(job.data, job.maxUnpackedBytes);
    case 'analyze': {
      const analysis = analyzerFor(job.lexicons).analyze(job.article, { suppress: job.suppress });
      return JSON.stringify(job.line ? articleLine(analysis) : analysis);
    }
    case 'report': {
      const analyses = job.analyses.map((json, i) => ({
        ...(JSON.parse(json) as ArticleAnalysis),
        ...job.labels[i],
      }));
      const report = reportOf({
        analyses,
        headlines: job.headlines,
        dismissed: job.dismissed,
        lexicons: job.lexicons,
      });
      return FORMATS[job.format].render(report, job.meta);
    }
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: JobMessage) => {
    runJob(job).then(
      (result) => port.postMessage({ id: job.id, ok: true, result } satisfies JobReply),
      (err: unknown) =>
        port.postMessage({
          id: job.id,
          ok: false,
          error: err instanceof Error ? err.message : String(err),
          name: err instanceof Error ? err.name : undefined,
        } satisfies JobReply),
    );
  });
  port.postMessage({ ready: true });
}
