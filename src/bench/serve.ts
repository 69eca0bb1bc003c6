/**
 * The benchmark's server process: the framelens web app on a temporary
 * database, and a bare Express app (one JSON route) set up the same way, so
 * autocannon in the parent compares the two under identical conditions.
 *
 *   node serve.js DIR seeds       the seed comparisons
 *   node serve.js DIR stored N    N generated articles in comparisons of 20
 *
 * Tells the parent (over IPC) the two ports and the comparison ids once
 * every comparison has been requested once, i.e. its analyses are cached.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../config';
import { createAnalyzer } from '../core/analyze';
import { loadLexicons } from '../lexicon/load';
import { loadSeeds, openStore } from '../store';
import { createApp } from '../web/app';
import { CorpusGenerator, SEEDS_DIR } from './corpus';

/** What the server process reports to the parent when ready. */
export interface ServeReady {
  appPort: number;
  barePort: number;
  comparisonIds: string[];
}

const PER_COMPARISON = 20;

function listen(app: express.Express): Promise<number> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function main() {
  const [dir, mode, count] = process.argv.slice(2);
  if (!dir || (mode !== 'seeds' && mode !== 'stored'))
    throw new Error('usage: serve.js DIR seeds|stored [N]');
  const config = loadConfig({
    FRAMELENS_DB: path.join(dir, `bench-${mode}.db`),
    FRAMELENS_SEEDS: 'none',
    PORT: '3000',
    // The load measurements send far more reads than a person would; the read limit is for people.
    FRAMELENS_READ_RATE_LIMIT: '10000000',
  });
  const analyzer = createAnalyzer(loadLexicons(config.lexiconDirs));
  const store = await openStore(config.dbPath);
  if (mode === 'seeds') {
    await loadSeeds(store, SEEDS_DIR);
  } else {
    const generator = new CorpusGenerator(5);
    const total = Number(count ?? 1000);
    await store.transaction(async (tx) => {
      for (let made = 0; made < total; made += PER_COMPARISON) {
        const c = await tx.createComparison({ title: `Generated event ${made / PER_COMPARISON + 1}` });
        const n = Math.min(PER_COMPARISON, total - made);
        await tx.addArticles(
          c.id,
          Array.from({ length: n }, () => {
            const a = generator.next();
            return { source: a.source, title: a.title, date: a.date, text: a.text };
          }),
        );
      }
    });
  }
  const app = createApp({ config, store, analyzer, log: () => undefined });
  const bare = express();
  bare.disable('x-powered-by');
  bare.get('/bare', (_req, res) => {
    res.json({ ok: true });
  });
  const [appPort, barePort] = await Promise.all([listen(app), listen(bare)]);
  const comparisonIds = (await store.listComparisons()).map((c) => c.id);
  // Warm the caches: every comparison analysed and compared once.
  for (const id of comparisonIds) {
    const res = await fetch(`http://127.0.0.1:${appPort}/api/comparisons/${id}`);
    if (!res.ok) throw new Error(`GET /api/comparisons/${id} answered ${res.status}`);
    await res.arrayBuffer();
  }
  const ready: ServeReady = { appPort, barePort, comparisonIds };
  process.send?.(ready);
}

main().catch((err: Error) => {
  process.stderr.write(`framelens bench server: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
