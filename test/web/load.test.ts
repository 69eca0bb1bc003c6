/**
 * Issue 6, point 7: 200 articles uploaded over 20 concurrent connections to
 * an app listening on a real port, with the default rate limit. All 200 are
 * stored and analysed; none is lost or stored twice.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeApp, type TestApp } from './helpers';

const ARTICLES = 200;
const CONNECTIONS = 20;
const COMPARISONS = 10;

let t: TestApp;
let server: http.Server;
let port: number;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

beforeAll(async () => {
  t = await makeApp({ FRAMELENS_READ_RATE_LIMIT: '1000000' }); // default write limit, FRAMELENS_RATE_LIMIT 600 a minute
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

function post(path: string, body: Buffer, contentType: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'Content-Type': contentType, 'Content-Length': body.length },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Half the articles as multipart files, half as pasted JSON, like the UI and the API. */
function upload(comparisonId: string, i: number) {
  const text = `source: Outlet ${i}\ntitle: Article ${i}\n\nOfficials in Kyiv said on day ${i} that the "talks" had failed and the militia shelled the line.`;
  if (i % 2)
    return post(
      `/api/comparisons/${comparisonId}/articles`,
      Buffer.from(JSON.stringify({ text })),
      'application/json',
    );
  const boundary = `load${i}`;
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="article-${i}.txt"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
  return post(
    `/api/comparisons/${comparisonId}/articles`,
    Buffer.from(body),
    `multipart/form-data; boundary=${boundary}`,
  );
}

describe('load', () => {
  it(`stores and analyses ${ARTICLES} articles sent over ${CONNECTIONS} concurrent connections`, async () => {
    const ids = await t.store.transaction(async (tx) => {
      const made: string[] = [];
      for (let i = 0; i < COMPARISONS; i++) made.push((await tx.createComparison({ title: `Load ${i}` })).id);
      return made;
    });
    const sockets = new Set<unknown>();
    let open = 0;
    let maxOpen = 0;
    server.on('connection', (s) => {
      sockets.add(s);
      maxOpen = Math.max(maxOpen, ++open);
      s.once('close', () => open--);
    });

    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: ARTICLES }, (_, i) => upload(ids[i % COMPARISONS], i)),
    );
    const seconds = (Date.now() - started) / 1000;

    expect(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body}`)).toEqual([]);
    expect(maxOpen).toBe(CONNECTIONS);
    expect(sockets.size).toBe(CONNECTIONS);
    expect(seconds).toBeLessThan(30);

    // Every article exactly once, in the comparison it was sent to, each with its analysis.
    const rows = (await t.store.db
      .selectFrom('articles')
      .select(['comparison_id', 'source', 'title'])
      .execute()) as {
      comparison_id: string;
      source: string;
      title: string;
    }[];
    expect(rows).toHaveLength(ARTICLES);
    expect(new Set(rows.map((r) => r.title)).size).toBe(ARTICLES);
    for (const r of rows)
      expect(r.comparison_id).toBe(ids[Number(r.title.replace('Article ', '')) % COMPARISONS]);
    const acknowledged = results.flatMap((r) =>
      (JSON.parse(r.body) as { articles: { id: string }[] }).articles.map((a) => a.id),
    );
    expect(new Set(acknowledged).size).toBe(ARTICLES);
    const cached = (
      await t.store.db
        .selectFrom('analysis_cache')
        .select((eb) => eb.fn.count('article_id').distinct().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(cached).toBe(ARTICLES);
    for (const id of ids) {
      const json = await new Promise<{ articles: { hits: unknown[]; source: string }[] }>((resolve, reject) =>
        http
          .get({ host: '127.0.0.1', port, path: `/api/comparisons/${id}`, agent }, (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve(JSON.parse(text)));
          })
          .on('error', reject),
      );
      expect(json.articles).toHaveLength(ARTICLES / COMPARISONS);
      expect(json.articles.every((a) => a.hits.length > 0)).toBe(true);
    }
  }, 60_000);
});
