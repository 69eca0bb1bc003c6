/**
 * Starts the web app: reads the configuration, opens the database, loads the
 * seed examples into an empty database, compiles the lexicons once (or reads them
 * compiled from the cache), listens.
 */
import { loadConfig, redactDatabase } from './config';
import { cachedAnalyzer } from './lexicon/compiled-cache';
import { loadSeeds, openStore } from './store';
import { closePools, createApp } from './web/app';

async function main() {
  const config = loadConfig();
  const analyzer = cachedAnalyzer(config.lexiconDirs, config.cacheDir);
  const store = await openStore(config.database);
  if (config.seedsDir) {
    const seeded = await loadSeeds(store, config.seedsDir);
    if (seeded) console.log(`framelens: loaded ${seeded} example comparisons from ${config.seedsDir}`);
  }
  const app = createApp({ config, store, analyzer });
  const server = app.listen(config.port, () =>
    console.log(
      `framelens: serving http://localhost:${config.port} (database ${redactDatabase(config.database)})`,
    ),
  );
  const stop = () => {
    // Idle keep-alive connections would hold close() open; requests in flight still finish.
    server.closeIdleConnections();
    server.close(() => {
      void closePools()
        .then(() => store.close())
        .finally(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
