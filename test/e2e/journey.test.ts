/**
 * The main journey in a real browser (headless Chromium driven by
 * playwright-core), as the newsroom trial used the app: create a comparison,
 * upload two files and a pasted article at once, read the headlines and the
 * side-by-side page, dismiss a flag, correct an article's text, download every
 * report, and read the page on a phone with every tooltip inside the window.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { closeExtractor } from '../../src/ingest/extract';
import { KYIV_LEDGER, makeApp, MOSCOW_HERALD, type TestApp } from '../web/helpers';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The one browser global the test reads (the project compiles without the DOM library). */
interface BrowserGlobals {
  getComputedStyle(el: unknown): { textDecorationStyle: string };
  innerWidth: number;
  innerHeight: number;
}
/** A wire story pasted into the form, its outlet, title and date typed in the paste fields. */
const PASTED = `Sergei Ryabkov stressed that the Kiev regime was clearly preparing troops for an offensive.

Perhaps the "talks" will resume, sources familiar with the plan said.
`;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

// The browser is a prerequisite, never skipped here: jest.config.js leaves this suite out, with a
// notice, only on a machine without it outside CI.
if (!existsSync(CHROMIUM))
  throw new Error(
    `test/e2e/journey.test.ts: no browser at ${CHROMIUM}; install Debian's chromium package (apt-get install -y chromium)`,
  );

describe('the main journey in headless Chromium', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await makeApp();
    server = t.app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await (
      await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })
    ).newPage();
    // A Content-Security-Policy violation or a script error shows up here.
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
    await closeExtractor();
  });

  it('uploads two files and a pasted article at once, compares, dismisses a flag, corrects a text and downloads every report', async () => {
    await page.goto(base);
    await page.getByRole('textbox', { name: 'Title' }).fill('Shelling in Donbas');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/comparisons\/[A-Za-z0-9_-]{16}$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('Shelling in Donbas');

    // Two files through the file input and a pasted article, in one submission; the script uploads them with progress and reloads.
    await page.setInputFiles('input[name=files]', [
      { name: 'kyiv-ledger.txt', mimeType: 'text/plain', buffer: Buffer.from(KYIV_LEDGER) },
      { name: 'moscow-herald.md', mimeType: 'text/markdown', buffer: Buffer.from(MOSCOW_HERALD) },
    ]);
    await expect(page.locator('[data-file-list]').textContent()).resolves.toBe(
      '2 files: kyiv-ledger.txt, moscow-herald.md',
    );
    await page.locator('details.paste summary').click();
    const paste = page.locator('details.paste');
    await paste.getByRole('textbox', { name: 'Text' }).fill(PASTED);
    await paste.getByRole('textbox', { name: 'Source' }).fill('Capital Wire');
    await paste.getByRole('textbox', { name: 'Title' }).fill('Talks stall as shelling resumes');
    await paste.getByLabel('Date').fill('2021-04-12');
    // The progress bar shows only while an upload runs.
    expect(await page.locator('[data-progress]').isVisible()).toBe(false);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Upload and analyse' }).click(),
    ]);
    await page.locator('article.column').nth(2).waitFor();
    // Each file keeps its own outlet; the paste fields describe the pasted article only.
    expect(await page.locator('article.column h3').allTextContents()).toEqual([
      'Kyiv Ledger',
      'Moscow Herald',
      'Capital Wire',
    ]);
    expect(await page.locator('article.column .headline').allTextContents()).toEqual([
      'Shelling continues in Donbas',
      'Kiev regime escalates in Donbass',
      'Talks stall as shelling resumes',
    ]);
    // The headlines side by side at the top, with their own flags.
    const headlines = page.locator('#headlines .headline-column');
    expect(await headlines.count()).toBe(3);
    expect(await headlines.nth(1).locator('.flags li').allTextContents()).toContainEqual(
      expect.stringMatching(/^“regime” the outlet’s own words Loaded term/),
    );

    // Highlights: each kind present, focusable, explaining itself on keyboard focus.
    for (const kind of ['loaded', 'naming', 'scare', 'attribution'])
      expect(await page.locator(`.column .hl-${kind}`).count()).toBeGreaterThan(0);
    const coup = page.locator('#columns-heading ~ .columns .hl-loaded', { hasText: 'coup' }).first();
    const tip = coup.locator('.tip');
    expect(await tip.isVisible()).toBe(false);
    await coup.focus();
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toMatch(/Loaded term: .*Lexicon entry: coup.*Citation: /);
    // Focus moves on, and the tooltip goes with it (it would cover what the journey clicks next).
    await coup.blur();
    expect(await tip.isVisible()).toBe(false);
    const underline = await page
      .locator('.column .hl-naming')
      .first()
      .evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).textDecorationStyle);
    expect(underline).toBe('double');

    // The naming table shows Kyiv named differently.
    const kyivRow = page.locator('table.naming-table tbody tr', { hasText: 'kyiv' });
    expect(await kyivRow.locator('td').allTextContents()).toEqual([
      expect.stringContaining('kyiv ×'),
      expect.stringContaining('kiev ×'),
      expect.stringContaining('kiev ×'),
    ]);
    expect(await kyivRow.textContent()).toContain('differs');

    // Dismiss the "coup" flag in the second article.
    const herald = page.locator('article.column').nth(1);
    await herald.locator('details.flags summary').click();
    const flag = herald.locator('details.flags li', { hasText: '“coup”' });
    await Promise.all([page.waitForEvent('load'), flag.getByRole('button', { name: /Dismiss/ }).click()]);
    expect(await page.locator('#dismissed li').allTextContents()).toEqual([
      expect.stringContaining('Moscow Herald: loaded-terms “coup”'),
    ]);
    expect(
      await page.locator('article.column').nth(1).locator('.hl-loaded', { hasText: 'coup' }).count(),
    ).toBe(0);
    const comparisonUrl = page.url().replace(/#.*/, '');

    // Correct the herald's text: the dismissal whose sentence is unchanged is kept.
    await page.locator('article.column').nth(1).getByRole('link', { name: 'Correct the text' }).click();
    const textarea = page.locator('#correct-text textarea[name=text]');
    expect(await textarea.isVisible()).toBe(true);
    await textarea.fill(`Officials met in Minsk on Monday.\n\n${(await textarea.inputValue()).trim()}\n`);
    await Promise.all([
      page.waitForURL(/\?corrected=[\w-]+#corrected$/),
      page.getByRole('button', { name: 'Save and analyse again' }).click(),
    ]);
    const notice = page.locator('#corrected');
    expect(await notice.textContent()).toMatch(/1 dismissal still applies and was kept/);
    // The page after the form is a GET: reloading it shows the notice again and sends nothing.
    await page.reload();
    expect(await notice.textContent()).toMatch(/1 dismissal still applies/);
    expect(await page.locator('.article-text').first().textContent()).toMatch(
      /^Officials met in Minsk on Monday\.\s+The Kiev/,
    );
    await page.goto(comparisonUrl);
    const heraldText = await page.locator('article.column').nth(1).locator('.article-text').textContent();
    expect(heraldText?.match(/Officials met in Minsk on Monday\./g)).toHaveLength(1);
    expect(await page.locator('#dismissed li').count()).toBe(1);

    // Every download the page links, each checked for what it must carry.
    const links = page.locator('nav.downloads a[download]');
    const names = await links.allTextContents();
    expect(names).toEqual(['JSON', 'CSV', 'Cues CSV', 'Markdown', 'HTML', 'PDF (A4)', 'PDF (US Letter)']);
    const files = new Map<string, Buffer>();
    for (const name of names) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name, exact: true }).click(),
      ]);
      files.set(download.suggestedFilename(), readFileSync(await download.path()));
    }
    expect([...files.keys()]).toEqual([
      'framelens-shelling-in-donbas.json',
      'framelens-shelling-in-donbas.csv',
      'framelens-shelling-in-donbas-cues.csv',
      'framelens-shelling-in-donbas.md',
      'framelens-shelling-in-donbas.html',
      'framelens-shelling-in-donbas.pdf',
      'framelens-shelling-in-donbas-letter.pdf',
    ]);
    const text = (name: string) => files.get(`framelens-shelling-in-donbas${name}`)!.toString('utf8');
    const json = JSON.parse(text('.json'));
    expect(json.articles.map((a: { source: string }) => a.source)).toEqual([
      'Kyiv Ledger',
      'Moscow Herald',
      'Capital Wire',
    ]);
    expect(json.headlines.map((h: { text: string }) => h.text)).toContain('Kiev regime escalates in Donbass');
    expect(json.dismissed).toEqual([expect.objectContaining({ entry: 'coup', text: 'coup' })]);
    expect(text('.csv')).toMatch(/^article_id,source,title,date,url,part,finding,/);
    expect(text('.csv')).toContain(',Moscow Herald,Kiev regime escalates in Donbass,2021-04-11,,headline,');
    expect(text('-cues.csv')).toMatch(/^article_id,source,part,cue,entry,/);
    expect(text('.md')).toMatch(/## Dismissed flags\n\n- Moscow Herald: loaded-terms `coup` — “coup” in “/);
    expect(text('.html')).toContain('<section id="headlines">');
    expect(text('.pdf').startsWith('%PDF-')).toBe(true);
    expect(files.get('framelens-shelling-in-donbas.pdf')!.toString('latin1')).toContain(
      '/MediaBox [0 0 595.28 841.89]',
    );
    expect(files.get('framelens-shelling-in-donbas-letter.pdf')!.toString('latin1')).toContain(
      '/MediaBox [0 0 612 792]',
    );

    expect(pageErrors).toEqual([]);
  });

  it('keeps every tooltip inside the window on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const highlights = page.locator('article.column .hl');
    const count = await highlights.count();
    expect(count).toBeGreaterThan(5);
    const outside: string[] = [];
    for (let i = 0; i < count; i++) {
      const hl = highlights.nth(i);
      await hl.scrollIntoViewIfNeeded();
      await hl.focus();
      const [box, view] = await hl.locator('.tip').evaluate((el) => {
        const g = globalThis as unknown as BrowserGlobals;
        const r = (el as { getBoundingClientRect(): Box }).getBoundingClientRect();
        return [
          { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
          { w: g.innerWidth, h: g.innerHeight },
        ];
      });
      if (box.left < 0 || box.right > view.w || box.top < 0 || box.bottom > view.h)
        outside.push(`${i} ${(await hl.textContent())?.slice(0, 20)}: ${JSON.stringify(box)}`);
    }
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
