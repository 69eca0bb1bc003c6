/**
 * The attack suite (issue 12): hostile uploads, generated here at sizes that
 * keep the suite quick, sent to a listening server while a good upload and
 * a `/healthz` poll run beside them. Each hostile file is answered 4xx naming
 * the file and the limit, the good upload is stored, and the health check
 * never fails. `npm run bench` sends the full-size versions and reports the
 * latencies; nothing here asserts a time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { makeDocx, makeZip } from '../fixtures/files/make';
import { makeApp, type TestApp } from './helpers';

/** Sends one file to a comparison and answers the status and the JSON body. */
async function upload(base: string, id: string, name: string, content: Buffer) {
  const res = await request(base).post(`/api/comparisons/${id}/articles`).attach('files', content, name);
  return { status: res.status, body: res.body as { error?: { message: string } } };
}

/** Polls `/healthz` until stopped; answers how many polls there were and which failed. */
function pollHealth(base: string) {
  let stop = false;
  const failures: string[] = [];
  let polls = 0;
  const done = (async () => {
    while (!stop) {
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.status !== 200) failures.push(`status ${res.status}`);
      } catch (err) {
        failures.push((err as Error).message);
      }
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      stop = true;
      await done;
      return { polls, failures };
    },
  };
}

const GOOD =
  'source: Daily Ledger\n\nOfficials said the talks in Kyiv failed on Tuesday, and the minister denied it.';

describe('hostile uploads against a running server', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    // Small limits, so small files stand for the full-size attacks.
    t = await makeApp({
      FRAMELENS_MAX_TEXT_CHARS: '20000',
      FRAMELENS_MAX_PARAGRAPHS: '200',
      FRAMELENS_MAX_REQUEST_MB: '1',
      FRAMELENS_MAX_FILE_MB: '1',
    });
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const HOSTILE: [string, () => Buffer, RegExp][] = [
    [
      'paragraphs.docx',
      () => makeDocx(Array.from({ length: 2000 }, (_, i) => String(i % 10))),
      /^paragraphs\.docx: 2,000 paragraphs, more than the limit of 200 per article$/,
    ],
    [
      'liar.docx',
      // Declares 5,000 bytes, inflates to 65 MB: the byte counter stops it whatever the header says.
      () =>
        makeZip(
          { '[Content_Types].xml': '<Types/>', 'word/document.xml': Buffer.alloc(65 * 1024 * 1024, 0x20) },
          { 'word/document.xml': 5000 },
        ),
      /^liar\.docx: the \.docx: it unpacks to more than 64 MB \(whatever sizes the zip declares\); refusing a possible zip bomb$/,
    ],
    [
      'paragraphs.html',
      () =>
        Buffer.from(`<!doctype html><html><body>${'<p>Officials said so.</p>'.repeat(1000)}</body></html>`),
      /^paragraphs\.html: 1,000 paragraphs, more than the limit of 200 per article$/,
    ],
    [
      'one-line.txt',
      () => Buffer.from('Officials said the talks failed. '.repeat(1000)),
      /^one-line\.txt: 33,000 characters of text, more than the limit of 20,000 per article$/,
    ],
    [
      'utf16-random.txt',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x41, 0x00, 0x01, 0x00, 0x42, 0x00])]),
      /^utf16-random\.txt: binary content \(a control character at offset 4\)/,
    ],
  ];

  it('answers every hostile file 4xx naming it, while a good upload succeeds and /healthz never fails', async () => {
    const id = (await request(base).post('/api/comparisons').send({ title: 'Attack' }).expect(201)).body.id;
    const health = pollHealth(base);
    const [hostile, good] = await Promise.all([
      Promise.all(HOSTILE.map(([name, make]) => upload(base, id, name, make()))),
      upload(base, id, 'good.txt', Buffer.from(GOOD)),
    ]);
    const { polls, failures } = await health.stop();
    expect(hostile.map((r) => [r.status, r.body.error?.message])).toEqual(
      HOSTILE.map(([, , message]) => [422, expect.stringMatching(message)]),
    );
    expect(good.status).toBe(201);
    expect(failures).toEqual([]);
    expect(polls).toBeGreaterThan(0);
    const stored = (await request(base).get(`/api/comparisons/${id}`).expect(200)).body;
    expect(stored.articles.map((a: { source: string }) => a.source)).toEqual(['Daily Ledger']);
  });

  it('stops a chunked request as soon as it passes the request limit, without reading it whole', async () => {
    const id = (await request(base).post('/api/comparisons').send({ title: 'Chunked' }).expect(201)).body.id;
    const boundary = 'framelensattack';
    const chunk = Buffer.from('word '.repeat(13_000)); // 65 KB
    const total = 40 * 1024 * 1024;
    const { status, written, message } = await new Promise<{
      status: number;
      written: number;
      message: string;
    }>((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = http.request(
        `${base}/api/comparisons/${id}/articles`,
        {
          method: 'POST',
          headers: {
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Transfer-Encoding': 'chunked',
          },
        },
        (res) => {
          answered = true;
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              written,
              message: (JSON.parse(text) as { error: { message: string } }).error.message,
            }),
          );
        },
      );
      // The server closes the connection once it has answered; writes after that fail, as they should.
      req.on('error', (err) => (answered ? undefined : reject(err)));
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="endless.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      );
      const pump = () => {
        while (!answered && written < total) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(status).toBe(413);
    expect(message).toMatch(/more than the limit of 1 MB/);
    expect(written).toBeLessThan(total);
    await request(base).get('/healthz').expect(200);
  });
});

describe('the worker pool limits', () => {
  it('answers 422 naming the file and the time limit when a job passes its budget, and the next upload still works', async () => {
    const t = await makeApp({ FRAMELENS_JOB_SECONDS: '0.001' });
    try {
      const id = (await request(t.app).post('/api/comparisons').send({ title: 'Budget' }).expect(201)).body
        .id;
      const res = await request(t.app)
        .post(`/api/comparisons/${id}/articles`)
        .attach('files', Buffer.from(GOOD), 'slow.txt')
        .expect(422);
      expect(res.body.error.message).toBe(
        'slow.txt: the analysis took longer than the limit of 0.001 s; refused',
      );
      await request(t.app).get('/healthz').expect(200);
    } finally {
      await t.close();
    }
  });

  it('answers 422 naming the file and the memory limit when a job passes its heap cap, replaces the worker, and the next upload is stored', async () => {
    const t = await makeApp({ FRAMELENS_JOB_MEMORY_MB: '64', FRAMELENS_WORKERS: '1' });
    try {
      const id = (await request(t.app).post('/api/comparisons').send({ title: 'Heap' }).expect(201)).body.id;
      // 400,000 paragraphs in 3.2 MB: within the file limit, but the DOM of them needs far more than 64 MB.
      const page = `<html><body>${'<p>x</p>'.repeat(400_000)}</body></html>`;
      const res = await request(t.app)
        .post(`/api/comparisons/${id}/articles`)
        .attach('files', Buffer.from(page), 'dom.html')
        .expect(422);
      expect(res.body.error.message).toBe(
        'dom.html: the HTML extraction needed more than the limit of 64 MB of memory; refused',
      );
      await request(t.app).get('/healthz').expect(200);
      // The one worker was replaced: the next upload is extracted and analysed.
      await request(t.app)
        .post(`/api/comparisons/${id}/articles`)
        .attach('files', Buffer.from(GOOD), 'good.txt')
        .expect(201);
      const articles = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body.articles;
      expect(articles.map((a: { source: string }) => a.source)).toEqual(['Daily Ledger']);
    } finally {
      await t.close();
    }
  });
});
