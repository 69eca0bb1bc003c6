/**
 * Issue 6, point 4: the real server process (`src/server.ts`) is killed with
 * SIGKILL while it writes a large upload batch. After a restart on the same
 * database the batch is there completely or not at all, the database passes
 * SQLite's integrity check, and every earlier comparison is unchanged. An
 * upload that was acknowledged (201) survives a SIGKILL right after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeZip } from '../fixtures/files/make';
import { KYIV_LEDGER, MOSCOW_HERALD } from '../web/helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const BATCH = 40;

const dir = mkdtempSync(path.join(os.tmpdir(), 'framelens-kill-'));
const dbPath = path.join(dir, 'framelens.db');
let server: ChildProcess | null = null;
let base = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `src/server.ts` as its own process on the test database and waits until it listens. */
async function start(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'src', 'server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      FRAMELENS_DB: dbPath,
      FRAMELENS_SEEDS: 'none',
      PORT: String(port),
      FRAMELENS_TOKEN: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('serving http')) resolve();
    });
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** SIGKILL: no shutdown handler runs, nothing is flushed by the process. */
async function kill(): Promise<void> {
  const child = server!;
  server = null;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
}

async function api(method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${url}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** A .docx whose article is short but which carries 1 MB of incompressible media, as articles with photos do. */
function heavyDocx(i: number): Buffer {
  return makeZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Officials in Kyiv said the talks failed for the ${i}th time.</w:t></w:r></w:p></w:body></w:document>`,
    'word/media/photo.bin': randomBytes(1024 * 1024),
  });
}

function batchForm(): FormData {
  const form = new FormData();
  for (let i = 0; i < BATCH; i++) form.append('files', new Blob([heavyDocx(i)]), `wire-${i}.docx`);
  return form;
}

const walSize = () => {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
};

/** Articles of a comparison, read from the file after the server died (no server involved). */
function inspect(comparisonId: string): {
  articles: number;
  files: number;
  cached: number;
  integrity: string;
} {
  const db = new Database(dbPath);
  try {
    const n = (sql: string) => (db.prepare(sql).get(comparisonId) as { n: number }).n;
    return {
      articles: n('SELECT COUNT(*) AS n FROM articles WHERE comparison_id = ?'),
      files: n(
        'SELECT COUNT(*) AS n FROM original_files f JOIN articles a ON a.id = f.article_id WHERE a.comparison_id = ?',
      ),
      cached: n(
        'SELECT COUNT(*) AS n FROM analysis_cache c JOIN articles a ON a.id = c.article_id WHERE a.comparison_id = ?',
      ),
      integrity: (db.pragma('integrity_check') as { integrity_check: string }[])[0].integrity_check,
    };
  } finally {
    db.close();
  }
}

let earlierId = '';
let earlierJson = '';

beforeAll(async () => {
  await start();
  earlierId = (
    (await (await api('POST', '/api/comparisons', { title: 'Earlier comparison' })).json()) as { id: string }
  ).id;
  for (const text of [KYIV_LEDGER, MOSCOW_HERALD])
    expect((await api('POST', `/api/comparisons/${earlierId}/articles`, { text })).status).toBe(201);
  earlierJson = await (await api('GET', `/api/comparisons/${earlierId}`)).text();
  // The first uploads start the server's workers, which compile the shipped lexicons.
}, 200_000);

afterAll(async () => {
  if (server) await kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Checks the earlier comparison is exactly as it was, through the restarted server. */
async function expectEarlierIntact() {
  expect(await (await api('GET', `/api/comparisons/${earlierId}`)).text()).toBe(earlierJson);
}

/**
 * Starts the batch upload and SIGKILLs the server once the batch transaction is writing
 * (SQLite spills its pages to the WAL file while the transaction runs), plus `delayMs`.
 */
async function killDuringBatch(
  id: string,
  delayMs: number,
): Promise<{ walGrew: boolean; answered: boolean }> {
  const before = walSize();
  const upload = fetch(`${base}/api/comparisons/${id}/articles`, { method: 'POST', body: batchForm() }).then(
    () => true,
    () => false,
  );
  // The batch is extracted and analysed in the worker pool before its transaction starts: wait for that too.
  const deadline = Date.now() + 240_000;
  while (walSize() <= before + 512 * 1024 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  const walGrew = walSize() > before + 512 * 1024;
  if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  await kill();
  return { walGrew, answered: await upload };
}

describe('SIGKILL during a large batch import', () => {
  it('kills the server while it writes the batch: afterwards all of it or none of it is stored', async () => {
    const id = (
      (await (await api('POST', '/api/comparisons', { title: 'Killed batch' })).json()) as { id: string }
    ).id;
    const { walGrew, answered } = await killDuringBatch(id, 0);
    expect(walGrew).toBe(true);
    expect(answered).toBe(false); // the client never got an answer

    const after = inspect(id);
    expect(after.integrity).toBe('ok');
    expect([0, BATCH]).toContain(after.articles);
    expect(after.files).toBe(after.articles);
    expect(after.cached).toBe(after.articles);
    // Killed mid-write, before the commit: nothing of the batch.
    expect(after.articles).toBe(0);

    await start();
    const json = (await (await api('GET', `/api/comparisons/${id}`)).json()) as { articles: unknown[] };
    expect(json.articles).toHaveLength(0);
    await expectEarlierIntact();
  }, 200_000);

  it('is all-or-nothing wherever the kill lands around the commit', async () => {
    for (const delayMs of [5, 40, 150]) {
      const id = (
        (await (await api('POST', '/api/comparisons', { title: `Killed after ${delayMs} ms` })).json()) as {
          id: string;
        }
      ).id;
      await killDuringBatch(id, delayMs);
      const after = inspect(id);
      expect(after.integrity).toBe('ok');
      expect({
        delayMs,
        articles: [0, BATCH].includes(after.articles) ? 'all or none' : after.articles,
        files: after.files,
        cached: after.cached,
      }).toEqual({
        delayMs,
        articles: 'all or none',
        files: after.articles,
        cached: after.articles,
      });
      await start();
      await expectEarlierIntact();
    }
    // Three restarts, each starting the server's extraction and analysis workers before the batch is written.
  }, 400_000);

  it('keeps a batch that was acknowledged, even when the server is killed right after', async () => {
    const id = (
      (await (await api('POST', '/api/comparisons', { title: 'Acknowledged batch' })).json()) as {
        id: string;
      }
    ).id;
    const res = await fetch(`${base}/api/comparisons/${id}/articles`, { method: 'POST', body: batchForm() });
    expect(res.status).toBe(201);
    await kill();
    expect(inspect(id)).toEqual({ articles: BATCH, files: BATCH, cached: BATCH, integrity: 'ok' });
    await start();
    const json = (await (await api('GET', `/api/comparisons/${id}`)).json()) as { articles: unknown[] };
    expect(json.articles).toHaveLength(BATCH);
    await expectEarlierIntact();
  }, 200_000);
});
