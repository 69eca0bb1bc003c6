import request from 'supertest';
/**
 * Builds a test app on a fresh temporary database with the small fixture
 * lexicons, so route tests run fast and never touch data/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { createAnalyzer, type Analyzer } from '../../src/core/analyze';
import type { LexiconSource } from '../../src/lexicon/parse';
import { buildLexiconSet } from '../../src/lexicon/parse';
import { readLexiconSources } from '../../src/lexicon/load';
import { openStore, type Store } from '../../src/store';
import { closePools, createApp } from '../../src/web/app';

// Every test file that builds apps ends their worker pools when it is done.
afterAll(() => closePools());

export const FIXTURE_LEXICONS = path.resolve(__dirname, '..', 'fixtures', 'lexicons');
const sources = readLexiconSources(FIXTURE_LEXICONS);
const analyzer = createAnalyzer(buildLexiconSet(sources));

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  config: Config;
  analyzer: Analyzer;
  sources: () => LexiconSource[];
  dir: string;
  errors: unknown[];
  close(): Promise<void>;
}

/**
 * A fresh app and database.
 * @param env - extra environment for loadConfig, e.g. FRAMELENS_MAX_FILE_MB
 */
export async function makeApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-web-'));
  const config = loadConfig({
    FRAMELENS_DB: path.join(dir, 'framelens.db'),
    FRAMELENS_SEEDS: 'none',
    ...env,
  });
  const store = await openStore(config.database);
  const errors: unknown[] = [];
  const app = createApp({
    config,
    store,
    analyzer,
    lexiconSources: () => sources,
    log: (err) => errors.push(err),
  });
  return {
    app,
    store,
    config,
    analyzer,
    sources: () => sources,
    dir,
    errors,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A second app on the database of `t`, as after a server restart.
 * @param t - the running test app; its database is shared, not copied
 */
export async function reopenApp(
  t: TestApp,
  env: Record<string, string> = {},
): Promise<{ app: TestApp['app']; store: Store; close(): Promise<void> }> {
  const config = loadConfig({
    FRAMELENS_DB: path.join(t.dir, 'framelens.db'),
    FRAMELENS_SEEDS: 'none',
    ...env,
  });
  const store = await openStore(config.database);
  const app = createApp({
    config,
    store,
    analyzer,
    lexiconSources: () => sources,
    log: (err) => t.errors.push(err),
  });
  return { app, store, close: () => store.close() };
}

/** An extra lexicon file a user adds to one comparison. */
export const EXTRA_LEXICON = `kind: loaded-terms
entries:
  - id: ceasefire-breach
    patterns: [broken the ceasefire]
    category: emotive-intensifier
    domain: conflict
    alternatives: [violated the truce]
    note: Test entry added for one comparison.
    citation: framelens test suite
`;

export const KYIV_LEDGER = `source: Kyiv Ledger
title: Shelling continues in Donbas
date: 2021-04-10

Officials in Kyiv said the so-called republics in Donbas were shelling civilians near the front line, where troops from the military held the budget lines.

The foreign minister stressed that the "talks" had failed and that the separatists had broken the ceasefire again.
`;

export const MOSCOW_HERALD = `source: Moscow Herald
title: Kiev regime escalates in Donbass
date: 2021-04-11

The Kiev regime, which came to power in a coup, is shelling civilians in Donbass, the ministry said.

The people's militia said it would respond to any flagrant provocation by Kiev, whose troops cost a billion.
`;

/** A supertest parser that collects a binary body (PDFs, original files) into a Buffer. */
export function binaryParser(
  res: import('superagent').Response,
  cb: (err: Error | null, body: Buffer) => void,
): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/**
 * A browser-like client for the HTML forms: it keeps cookies and sends the
 * CSRF token a page gave it, as the hidden `_csrf` field does.
 * @param app - the app under test
 * @param headers - extra headers for every request, e.g. a login cookie
 */
export async function formClient(app: TestApp['app'], headers: Record<string, string> = {}) {
  const agent = request.agent(app);
  const page = await agent.get('/').set(headers).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error('formClient: the home page has no _csrf field');
  return {
    agent,
    token,
    post: (url: string) => agent.post(url).set(headers).set('X-CSRF-Token', token),
  };
}
