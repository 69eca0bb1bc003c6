/**
 * Screenshots for the README: the comparison page at desktop (1280 px) and
 * phone (390 px) widths, and each page of its PDF report. Starts the app on a
 * fresh temporary database with the seed examples, opens the Riverside
 * shelter comparison in headless Chromium, focuses one highlight so its
 * explanation shows, then downloads the A4 PDF report and renders its pages
 * with pdftoppm (Debian's poppler-utils: apt-get install -y poppler-utils).
 *
 *   npx tsx scripts/screenshots.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
      // On the desktop a headline's highlight, at the top (focusing one further down would scroll the page to it).
      const highlight = page
        .locator(name === 'phone' ? '.column .hl-loaded, .column .hl-naming' : '#headlines .hl-loaded')
        .first();
      await highlight.focus();
      const out = path.resolve(__dirname, '..', 'docs', `screenshot-${name}.png`);
      await page.screenshot({ path: out });
      console.log(`wrote ${path.relative(process.cwd(), out)}`);
      await page.close();
    }
    await reportPages(`${base}/comparisons/${target.id}/report.pdf`, dir);
  } finally {
    await browser.close();
    server.close();
    await store.close();
    await closeExtractor();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Downloads the PDF report and writes each page as docs/report-page-N.png (96 dpi), replacing
 * the pages of an earlier run.
 * @param url - the report's download address
 * @param dir - a scratch folder for the PDF
 */
async function reportPages(url: string, dir: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`screenshots: ${url} answered ${res.status}`);
  const pdf = path.join(dir, 'report.pdf');
  writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
  const docs = path.resolve(__dirname, '..', 'docs');
  for (const old of readdirSync(docs).filter((f) => /^report-page-\d+\.png$/.test(f)))
    rmSync(path.join(docs, old));
  execFileSync('pdftoppm', ['-png', '-r', '96', pdf, path.join(docs, 'report-page')]);
  // pdftoppm pads page numbers to the width of the last one (report-page-1.png, or -01 past nine pages).
  for (const f of readdirSync(docs)
    .filter((n) => n.startsWith('report-page-'))
    .sort())
    console.log(`wrote docs/${f}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
