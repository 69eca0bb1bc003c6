/**
 * Access control for the web app: the optional access token (a bearer token
 * for the API, a login cookie for the UI), CSRF protection of form posts
 * (csrf-csrf's signed double-submit cookie, OWASP CSRF Prevention Cheat
 * Sheet) and rate limits on write routes (express-rate-limit).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import type { Store } from '../store';
import { HttpError } from './errors';

/** The login cookie; its value is derived from the token, never the token itself. */
export const SESSION_COOKIE = 'framelens_session';
/** The CSRF cookie (double-submit: the same value must come back in `_csrf` or `X-CSRF-Token`). */
export const CSRF_COOKIE = 'framelens_csrf';

/** Paths open without the token: liveness, the login form itself and the static script and style. */
const OPEN_PATHS = /^\/(?:healthz$|login$|public\/)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Compares two secrets in constant time (hashing first, so lengths never leak). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** A local path to return to after logging in; anything else (other hosts, `//evil`) becomes `/`. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\r\n]/.test(value) ? value : '/';
}

/** Failed token checks allowed per minute from one address before checks are spaced out. */
export const GUESSES_PER_MINUTE = 10;
/** Addresses remembered at most; the oldest are forgotten first. */
const MAX_TRACKED_ADDRESSES = 10_000;

/** The answer of a throttled token check: right, wrong, or refused unchecked because one is already waiting. */
export type GuessResult = 'right' | 'wrong' | 'busy';

/**
 * Throttles token guessing per address without locking out the right token:
 * after `perMinute` failures in a minute, an address gets one check every
 * `60 s / perMinute` (a guess waits its turn, a second one meanwhile is
 * refused unchecked), so guessing stays at `perMinute` a minute while the
 * owner, typing the right token, is let in after at most one interval.
 * (OWASP Authentication Cheat Sheet: throttle rather than lock out, since a
 * lockout lets anyone deny the owner.)
 * @param perMinute - failures a minute before checks are spaced out
 */
export function createGuessThrottle(perMinute = GUESSES_PER_MINUTE) {
  const interval = 60_000 / perMinute;
  const state = new Map<string, { failures: number[]; lastCheck: number; waiting: boolean }>();
  return async function check(address: string, verify: () => boolean): Promise<GuessResult> {
    let s = state.get(address);
    if (!s) {
      if (state.size >= MAX_TRACKED_ADDRESSES) state.delete(state.keys().next().value!);
      state.set(address, (s = { failures: [], lastCheck: 0, waiting: false }));
    }
    const now = Date.now();
    while (s.failures.length && s.failures[0] <= now - 60_000) s.failures.shift();
    if (s.failures.length >= perMinute) {
      if (s.waiting) return 'busy';
      s.waiting = true;
      const wait = s.lastCheck + interval - now;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      s.waiting = false;
    }
    s.lastCheck = Date.now();
    if (verify()) return 'right';
    s.failures.push(s.lastCheck);
    if (s.failures.length > perMinute) s.failures.shift();
    return 'wrong';
  };
}

/**
 * The access-token check and the login cookie.
 * @param token - `FRAMELENS_TOKEN`, or null when the app is open
 * @param guessesPerMinute - failed checks a minute from one address before checks are spaced out
 */
export function createAuth(token: string | null, guessesPerMinute = GUESSES_PER_MINUTE) {
  const throttle = createGuessThrottle(guessesPerMinute);
  const tooMany = () =>
    new HttpError(
      429,
      `too many wrong tokens from this address: one check every ${60 / guessesPerMinute} s; wait and try again`,
    );
  // The cookie carries an HMAC of the token, so a leaked cookie does not reveal the token.
  const sessionValue = token
    ? createHmac('sha256', token).update('framelens session v1').digest('base64url')
    : null;

  /** The token of an `Authorization: Bearer TOKEN` header, if any. */
  const bearerOf = (req: Request): string | null =>
    /^Bearer[ ]+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1] ?? null;
  /** True when the request carries `Authorization: Bearer TOKEN` (checked unthrottled: use it after {@link requireToken}). */
  const viaBearer = (req: Request): boolean => {
    const typed = bearerOf(req);
    return !!(token && typed && sameSecret(typed, token));
  };
  const viaCookie = (req: Request): boolean => {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    return !!(sessionValue && typeof value === 'string' && sameSecret(value, sessionValue));
  };

  return {
    enabled: token !== null,
    viaBearer,
    /** Identifies the login for CSRF tokens: they stop working when the login changes. */
    sessionId: (req: Request): string => (viaCookie(req) ? sessionValue! : ''),

    /** Lets a request through if the app is open, the path is open, or it carries the token; bearer guesses are throttled. */
    async requireToken(req: Request, res: Response, next: NextFunction): Promise<void> {
      if (!token || OPEN_PATHS.test(req.path) || viaCookie(req)) return next();
      const typed = bearerOf(req);
      if (typed) {
        const result = await throttle(req.ip ?? '', () => sameSecret(typed, token));
        if (result === 'right') return next();
        res.set('WWW-Authenticate', 'Bearer realm="framelens", error="invalid_token"');
        return next(result === 'busy' ? tooMany() : new HttpError(401, 'the bearer token is not right'));
      }
      const page =
        SAFE_METHODS.has(req.method) &&
        !req.path.startsWith('/api/') &&
        req.accepts(['html', 'json']) === 'html';
      if (page) return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      res.set('WWW-Authenticate', 'Bearer realm="framelens"');
      next(
        new HttpError(
          401,
          'this framelens needs an access token: send "Authorization: Bearer TOKEN" or log in at /login',
        ),
      );
    },

    /** Checks a typed token (throttled per address); when right, sets the HTTP-only, SameSite=Strict login cookie. */
    async logIn(req: Request, res: Response, typed: unknown): Promise<boolean> {
      if (!token || typeof typed !== 'string') return false;
      const result = await throttle(req.ip ?? '', () => sameSecret(typed.trim(), token));
      if (result === 'busy') throw tooMany();
      if (result === 'wrong') return false;
      res.cookie(SESSION_COOKIE, sessionValue, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: '/',
      });
      return true;
    },

    logOut(req: Request, res: Response): void {
      res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;

/**
 * CSRF protection. Every unsafe request (POST, PUT, PATCH, DELETE, whatever its
 * content type, with or without a body) needs the token unless it is
 * authenticated by a bearer token, or it is an API call from a script (no
 * cookie, no `Origin`, no `Sec-Fetch-Site`), which carries no ambient
 * credentials. Not relying on CORS preflights keeps the check simple to
 * reason about (OWASP CSRF Prevention Cheat Sheet: protect every
 * state-changing method).
 * @param store - where the signing secret is kept
 * @param auth - to recognise bearer requests and the login
 */
export function createCsrf(store: Store, auth: Auth) {
  // Kept in the database so tokens in open pages survive a restart and every instance signs alike.
  let secret: string | undefined;
  const isBrowser = (req: Request) => !!(req.get('cookie') || req.get('origin') || req.get('sec-fetch-site'));
  const needsToken = (req: Request): boolean => {
    if (SAFE_METHODS.has(req.method) || auth.viaBearer(req)) return false;
    return !req.path.startsWith('/api/') || isBrowser(req);
  };
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => secret!,
    getSessionIdentifier: auth.sessionId,
    cookieName: CSRF_COOKIE,
    cookieOptions: { httpOnly: true, sameSite: 'strict', secure: false, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as { _csrf?: unknown } | undefined;
      return req.get('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    },
    skipCsrfProtection: (req) => !needsToken(req),
    errorConfig: {
      statusCode: 403,
      message:
        'the form has expired or did not come from this framelens page (missing or invalid CSRF token); reload the page and try again',
    },
  });
  return {
    /** Reads the signing secret (made on the first start) before the first request that needs it. */
    async loadSecret(_req: Request, _res: Response, next: NextFunction): Promise<void> {
      secret ??= await store.initMeta('csrf_secret', randomBytes(32).toString('base64url'));
      next();
    },
    /** Puts a token for the forms of a page into `res.locals.csrfToken` (and its cookie on the response). */
    provideToken(req: Request, res: Response, next: NextFunction): void {
      res.locals.csrfToken = generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } });
      next();
    },
    /** Checks the token; placed after the body parsers (and multer), so `_csrf` in a multipart form is read too. */
    protect: doubleCsrfProtection as RequestHandler,
  };
}

/**
 * Rate limits per client IP address, answered with a 429 through the error handler.
 * @param config - `rateLimit` and `readRateLimit`: write and read requests per minute
 */
export function createRateLimits(config: Config) {
  const limiter = (limit: number, what: string, skipSuccessfulRequests = false) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      skipSuccessfulRequests,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) =>
        next(
          new HttpError(
            429,
            `too many ${what} from this address: at most ${limit} a minute; wait a minute and try again`,
          ),
        ),
    });
  return {
    /** Uploads, edits and deletions: `FRAMELENS_RATE_LIMIT` a minute. */
    writes: limiter(config.rateLimit, 'changes'),
    /** Page, report and API reads: `FRAMELENS_READ_RATE_LIMIT` a minute. */
    reads: limiter(config.readRateLimit, 'requests'),
  };
}
