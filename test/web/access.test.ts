/**
 * Issue 6, point 5: the optional access token (bearer for the API, a login
 * cookie for the UI), CSRF protection of form posts, rate limits and the
 * configuration behind them.
 */
import request from 'supertest';
import { ConfigError, loadConfig, redactDatabase } from '../../src/config';
import { safeReturnPath } from '../../src/web/security';
import { formClient, KYIV_LEDGER, makeApp, reopenApp, type TestApp } from './helpers';

const TOKEN = 'correct-horse-battery-staple';
const bearer = { Authorization: `Bearer ${TOKEN}` };

let t: TestApp;
afterEach(() => t.close());

/** Logs in through the form; returns the login cookie and a form client that carries it. */
async function logIn(app: TestApp['app']) {
  const agent = request.agent(app);
  const page = await agent.get('/login?next=%2Flexicons').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  const res = await agent
    .post('/login')
    .type('form')
    .send({ token: TOKEN, next: '/lexicons', _csrf: csrf })
    .expect(303)
    .expect('Location', '/lexicons');
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
    c.startsWith('framelens_session='),
  )!;
  return { agent, cookie };
}

describe('with FRAMELENS_TOKEN set', () => {
  beforeEach(async () => {
    t = await makeApp({ FRAMELENS_TOKEN: TOKEN });
  });

  it('leaves /healthz, /login and the static files open', async () => {
    await request(t.app).get('/healthz').expect(200, { status: 'ok' });
    await request(t.app)
      .get('/login')
      .expect(200)
      .expect(/name="token" type="password"/);
    await request(t.app).get('/public/app.js').expect(200);
  });

  it('answers the API 401 without the bearer token or with a wrong one', async () => {
    const res = await request(t.app)
      .get('/api/comparisons')
      .expect(401)
      .expect('WWW-Authenticate', 'Bearer realm="framelens"');
    expect(res.body.error.message).toMatch(/needs an access token/);
    await request(t.app)
      .get('/api/comparisons')
      .set('Authorization', 'Bearer wrong-token-of-some-length')
      .expect(401);
    await request(t.app).get('/api/comparisons').set('Authorization', `Basic ${TOKEN}`).expect(401);
    await request(t.app).post('/api/comparisons').send({ title: 'x' }).expect(401);
    await request(t.app).get('/comparisons/any/report.json').set('Accept', 'application/json').expect(401);
    expect(await t.store.countComparisons()).toBe(0);
  });

  it('serves the API with the bearer token, uploads included, without a CSRF token', async () => {
    const id = (
      await request(t.app).post('/api/comparisons').set(bearer).send({ title: 'Donbas' }).expect(201)
    ).body.id;
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .set(bearer)
      .attach('files', Buffer.from(KYIV_LEDGER), 'kyiv.txt')
      .expect(201);
    await request(t.app).get(`/api/comparisons/${id}`).set(bearer).expect(200);
    await request(t.app).get(`/comparisons/${id}/report.csv`).set(bearer).expect(200);
  });

  it('sends a browser to the login form, keeping where it was going', async () => {
    await request(t.app)
      .get('/comparisons/abc?x=1')
      .expect(303)
      .expect('Location', '/login?next=%2Fcomparisons%2Fabc%3Fx%3D1');
    await request(t.app)
      .post('/comparisons')
      .type('form')
      .send({ title: 'x' })
      .expect(401)
      .expect('Content-Type', /html/);
  });

  it('logs in with the token: an HTTP-only, SameSite=Strict cookie that does not contain the token', async () => {
    const { agent, cookie } = await logIn(t.app);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('action="/logout"');
    // Forms need the CSRF token of the logged-in page, not only the cookie.
    await agent.post('/comparisons').type('form').send({ title: 'No token' }).expect(403);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)![1];
    await agent.post('/comparisons').type('form').send({ title: 'With token', _csrf: csrf }).expect(303);
    expect((await t.store.listComparisons()).map((c) => c.title)).toEqual(['With token']);
    // A cookie-authenticated upload through the API also needs it.
    const id = (await t.store.listComparisons())[0].id;
    await agent
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from(KYIV_LEDGER), 'k.txt')
      .expect(403);
    await agent
      .post(`/api/comparisons/${id}/articles`)
      .field('_csrf', csrf)
      .attach('files', Buffer.from(KYIV_LEDGER), 'k.txt')
      .expect(201);
    // Logging out ends the session.
    await agent.post('/logout').set('X-CSRF-Token', csrf).expect(303).expect('Location', '/login');
    await agent.get('/').expect(303);
  });

  it('refuses a wrong token with 401 and the form again, and a login without the CSRF token', async () => {
    const client = await formClient(t.app, bearer);
    const res = await client.agent
      .post('/login')
      .type('form')
      .send({ token: 'not-the-right-token', _csrf: client.token })
      .expect(401);
    expect(res.text).toContain('That token is not right');
    expect(res.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^framelens_session=/)]),
    );
    await request(t.app).post('/login').type('form').send({ token: TOKEN }).expect(403);
  });

  it('never redirects to another site after logging in', () => {
    expect(
      [
        '/comparisons/x',
        '//evil.example',
        '/\\evil.example',
        'https://evil.example',
        '/ok\r\nSet-Cookie: x',
        undefined,
      ].map(safeReturnPath),
    ).toEqual(['/comparisons/x', '/', '/', '/', '/', '/']);
  });

  it('throttles failed logins to 10 a minute without locking out the right token', async () => {
    const client = await formClient(t.app, bearer);
    const login = (token: string) =>
      client.agent.post('/login').type('form').send({ token, _csrf: client.token });
    for (let i = 0; i < 10; i++) await login(`wrong-${i}`).expect(401);
    // The eleventh guess waits its turn; one sent meanwhile is refused unchecked.
    const [waited, refused] = await Promise.all([login('wrong-10'), login('wrong-11')]);
    expect([waited.status, refused.status]).toEqual([401, 429]);
    expect(refused.text).toContain('too many wrong tokens from this address');
    // The owner, typing the right token, still gets in.
    await login(TOKEN).expect(303);
  });

  it('throttles bearer-token guessing the same way, and never the right token', async () => {
    for (let i = 0; i < 10; i++)
      await request(t.app).get('/api/comparisons').set('Authorization', `Bearer wrong-${i}`).expect(401);
    const [waited, refused] = await Promise.all([
      request(t.app).get('/api/comparisons').set('Authorization', 'Bearer wrong-10'),
      request(t.app).get('/api/comparisons').set('Authorization', 'Bearer wrong-11'),
    ]);
    expect([waited.status, refused.status]).toEqual([401, 429]);
    await request(t.app).get('/api/comparisons').set(bearer).expect(200);
  });

  it('marks every page and answer no-store, and sends HSTS only over HTTPS', async () => {
    const { agent } = await logIn(t.app);
    const page = await agent.get('/').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['strict-transport-security']).toBeUndefined();
    const api = await request(t.app).get('/api/comparisons').set(bearer).expect(200);
    expect(api.headers['cache-control']).toBe('no-store');
  });
});

describe('behind a reverse proxy', () => {
  beforeEach(async () => {
    t = await makeApp({ FRAMELENS_TRUST_PROXY: '1', FRAMELENS_RATE_LIMIT: '2' });
  });

  it("believes the proxy's X-Forwarded-Proto for HSTS and X-Forwarded-For for the rate limits", async () => {
    const secure = await request(t.app).get('/healthz').set('X-Forwarded-Proto', 'https').expect(200);
    expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const plain = await request(t.app).get('/healthz').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const create = (ip: string) =>
      request(t.app).post('/api/comparisons').set('X-Forwarded-For', ip).send({ title: ip });
    await create('203.0.113.1').expect(201);
    await create('203.0.113.1').expect(201);
    await create('203.0.113.1').expect(429);
    // Another client behind the same proxy is counted on its own.
    await create('203.0.113.2').expect(201);
  });
});

describe('CSRF without a token', () => {
  beforeEach(async () => {
    t = await makeApp();
  });

  it('refuses a form post without the CSRF token, or with a forged one', async () => {
    const res = await request(t.app).post('/comparisons').type('form').send({ title: 'Forged' }).expect(403);
    expect(res.text).toContain('missing or invalid CSRF token');
    const client = await formClient(t.app);
    await client.agent
      .post('/comparisons')
      .type('form')
      .send({ title: 'Forged', _csrf: 'a'.repeat(64) + '.' + 'b'.repeat(64) })
      .expect(403);
    // The token of another browser does not match this browser's cookie.
    const other = await formClient(t.app);
    await client.agent
      .post('/comparisons')
      .type('form')
      .send({ title: 'Forged', _csrf: other.token })
      .expect(403);
    expect(await t.store.countComparisons()).toBe(0);
  });

  it('accepts the _csrf field in urlencoded and multipart forms, and the X-CSRF-Token header', async () => {
    const client = await formClient(t.app);
    await client.agent
      .post('/comparisons')
      .type('form')
      .send({ title: 'Form', _csrf: client.token })
      .expect(303);
    const id = (await t.store.listComparisons())[0].id;
    await client.agent
      .post(`/comparisons/${id}/articles`)
      .field('_csrf', client.token)
      .attach('files', Buffer.from(KYIV_LEDGER), 'k.txt')
      .expect(303);
    await client.post(`/comparisons/${id}/delete`).expect(303);
  });

  it('refuses a cross-site post to the API whatever its content type, and lets scripts through', async () => {
    const id = (await request(t.app).post('/api/comparisons').send({ title: 'API' }).expect(201)).body.id;
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .set('Origin', 'https://evil.example')
      .attach('files', Buffer.from(KYIV_LEDGER), 'k.txt')
      .expect(403);
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .set('Sec-Fetch-Site', 'cross-site')
      .field('text', KYIV_LEDGER)
      .expect(403);
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .attach('files', Buffer.from(KYIV_LEDGER), 'k.txt')
      .expect(201);
    await request(t.app)
      .post(`/api/comparisons/${id}/articles`)
      .set('Origin', 'https://evil.example')
      .send({ text: KYIV_LEDGER })
      .expect(403);
    await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201);
    expect(await t.store.listArticles(id)).toHaveLength(2);
  });

  it('checks the token on every unsafe method from a browser, with or without a body', async () => {
    const id = (await request(t.app).post('/api/comparisons').send({ title: 'Methods' }).expect(201)).body.id;
    // A form content type with no body at all.
    await request(t.app)
      .post(`/comparisons/${id}/delete`)
      .set('Cookie', 'framelens_csrf=x')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .expect(403);
    await request(t.app).delete(`/api/comparisons/${id}`).set('Origin', 'https://evil.example').expect(403);
    await request(t.app)
      .patch(`/api/comparisons/${id}/articles/none`)
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ source: 'Forged' })
      .expect(403);
    expect(await t.store.getComparison(id)).toBeDefined();
  });

  it('keeps the CSRF secret in the database, so open pages survive a restart', async () => {
    const client = await formClient(t.app);
    expect(await t.store.getMeta('csrf_secret')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const restarted = await reopenApp(t);
    try {
      await request(restarted.app)
        .post('/comparisons')
        .set('Cookie', `framelens_csrf=${client.token}`)
        .type('form')
        .send({ title: 'After', _csrf: client.token })
        .expect(303);
    } finally {
      await restarted.close();
    }
  });
});

describe('rate limits', () => {
  beforeEach(async () => {
    t = await makeApp({ FRAMELENS_RATE_LIMIT: '3' });
  });

  it('answers 429 after FRAMELENS_RATE_LIMIT writes a minute; reads have their own limit', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await request(t.app)
        .post('/api/comparisons')
        .send({ title: `c${i}` })
        .expect(201);
      expect(res.headers.ratelimit).toBe(`"3-in-1min"; r=${2 - i}; t=60`);
    }
    const res = await request(t.app).post('/api/comparisons').send({ title: 'one too many' }).expect(429);
    expect(res.body.error.message).toBe(
      'too many changes from this address: at most 3 a minute; wait a minute and try again',
    );
    await request(t.app).delete('/api/comparisons/x').expect(429);
    for (let i = 0; i < 5; i++) await request(t.app).get('/api/comparisons').expect(200);
    expect(await t.store.countComparisons()).toBe(3);
  });

  it('answers 429 after FRAMELENS_READ_RATE_LIMIT reads a minute, but never limits /healthz', async () => {
    const limited = await makeApp({ FRAMELENS_READ_RATE_LIMIT: '3' });
    try {
      for (let i = 0; i < 3; i++) await request(limited.app).get('/api/comparisons').expect(200);
      const res = await request(limited.app).get('/').expect(429);
      expect(res.text).toContain('too many requests from this address: at most 3 a minute');
      for (let i = 0; i < 5; i++) await request(limited.app).get('/healthz').expect(200);
    } finally {
      await limited.close();
    }
  });
});

describe('configuration', () => {
  it('reads the limits with generous defaults', () => {
    expect(loadConfig({})).toMatchObject({
      maxFileBytes: 5 * 1048576,
      maxFiles: 50,
      maxRequestBytes: 50 * 1048576,
      rateLimit: 600,
      token: null,
    });
    expect(
      loadConfig({ FRAMELENS_MAX_REQUEST_MB: '200', FRAMELENS_RATE_LIMIT: '60', FRAMELENS_TOKEN: TOKEN }),
    ).toMatchObject({ maxRequestBytes: 200 * 1048576, rateLimit: 60, token: TOKEN });
  });

  it('fails fast on a bad value, naming the variable', () => {
    expect(() => loadConfig({ FRAMELENS_RATE_LIMIT: 'lots' })).toThrow(
      new ConfigError('FRAMELENS_RATE_LIMIT must be a whole number from 1 to 1000000; found "lots"'),
    );
    expect(() => loadConfig({ FRAMELENS_MAX_REQUEST_MB: '2', FRAMELENS_MAX_FILE_MB: '5' })).toThrow(
      /FRAMELENS_MAX_REQUEST_MB \(2\) must not be smaller than FRAMELENS_MAX_FILE_MB \(5\)/,
    );
    expect(() => loadConfig({ FRAMELENS_TOKEN: 'short' })).toThrow(/at least 16 characters/);
    expect(() => loadConfig({ FRAMELENS_TRUST_PROXY: 'yes please' })).toThrow(
      /FRAMELENS_TRUST_PROXY must be the number of proxies/,
    );
    expect(() => loadConfig({ FRAMELENS_JOB_MEMORY_MB: '16' })).toThrow(
      'FRAMELENS_JOB_MEMORY_MB must be a whole number from 64 to 65536; found "16"',
    );
  });

  it('keeps the data in the SQLite file unless FRAMELENS_DATABASE_URL names a PostgreSQL server', () => {
    const sqlite = loadConfig({ FRAMELENS_DB: 'x/framelens.db' });
    expect(sqlite.database).toBe(sqlite.dbPath);
    const url = 'postgres://framelens:s3cret@db.internal:5432/framelens';
    expect(loadConfig({ FRAMELENS_DATABASE_URL: ` ${url} ` }).database).toBe(url);
    expect(redactDatabase(url)).toBe('postgres://framelens:***@db.internal:5432/framelens');
    expect(redactDatabase(sqlite.dbPath)).toBe(sqlite.dbPath);
    expect(() => loadConfig({ FRAMELENS_DATABASE_URL: 'mysql://root:pw@db/framelens' })).toThrow(
      new ConfigError(
        'FRAMELENS_DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/framelens; found "mysql://root:***@db/framelens"',
      ),
    );
    // A password in a URL that does not parse is not repeated in the message.
    expect(() => loadConfig({ FRAMELENS_DATABASE_URL: 'postgres://u:pw@' })).toThrow(
      'a PostgreSQL URL such as postgres://user:password@host:5432/framelens; found "postgres://u:***@"',
    );
  });

  it('reads the analysis limits and the proxy setting', () => {
    expect(loadConfig({})).toMatchObject({
      maxTextChars: 1_000_000,
      maxParagraphs: 10_000,
      jobSeconds: 30,
      jobMemoryMb: 384,
      workers: 2,
      readRateLimit: 1200,
      trustProxy: false,
    });
    expect(loadConfig({ FRAMELENS_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ FRAMELENS_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
  });
});
