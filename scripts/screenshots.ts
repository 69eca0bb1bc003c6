/**
 * Screenshots of the comparison page for the README, at desktop (1280 px)
 * and phone (390 px) widths: starts the app on a fresh temporary database
 * with the seed examples, opens the Riverside shelter comparison in headless
 * Chromium and focuses one highlight so its explanation shows.
 *
 *   npx tsx scripts/screenshots.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config';
import { createAnalyzer } from '../src/core/analyze';
import { closeExtractor } from '../src/ingest/extract';
import { loadLexicons } from '../src/lexicon/load';
import { loadSeeds, openStore } from '../src/store';
import { createApp } from '../src/web/app';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-shots-'));
  const config = loadConfig({ FRAMELENS_DB: path.join(dir, 'framelens.db') });
  const store = await openStore(config.dbPath);
  await loadSeeds(store, config.seedsDir!);
  const app = createApp({ config, store, analyzer: createAnalyzer(loadLexicons(config.lexiconDirs)) });
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const target = (await store.listComparisons('shelter'))[0] ?? (await store.listComparisons())[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    for (const [name, width, height] of [
      ['desktop', 1280, 1400],
      ['phone', 390, 844],
    ] as const) {
      const page = await browser.newPage({
        viewport: { width, height },
        deviceScaleFactor: name === 'phone' ? 2 : 1,
      });
      await page.goto(`${base}/comparisons/${target.id}`);
      // Desktop shows the page from the top; the phone starts at the columns.
      if (name === 'phone')
        await page
          .locator('#columns-heading')
          .evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
      const highlight = page.locator('.column .hl-loaded, .column .hl-naming').first();
      await highlight.focus();
      const out = path.resolve(__dirname, '..', 'docs', `screenshot-${name}.png`);
      await page.screenshot({ path: out });
      console.log(`wrote ${path.relative(process.cwd(), out)}`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
    await store.close();
    await closeExtractor();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
