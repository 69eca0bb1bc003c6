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
/** Content types a cross-site page can post without a CORS preflight (WHATWG Fetch, "CORS-safelisted request-header"). */
const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Compares two secrets in constant time (hashing first, so lengths never leak). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** A local path to return to after logging in; anything else (other hosts, `//evil`) becomes `/`. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\r\n]/.test(value) ? value : '/';
}

/**
 * The access-token check and the login cookie.
 * @param token - `FRAMELENS_TOKEN`, or null when the app is open
 */
export function createAuth(token: string | null) {
  // The cookie carries an HMAC of the token, so a leaked cookie does not reveal the token.
  const sessionValue = token
    ? createHmac('sha256', token).update('framelens session v1').digest('base64url')
    : null;

  /** True when the request carries `Authorization: Bearer TOKEN`. */
  const viaBearer = (req: Request): boolean => {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    return !!(token && m && sameSecret(m[1], token));
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

    /** Lets a request through if the app is open, the path is open, or it carries the token. */
    requireToken(req: Request, res: Response, next: NextFunction): void {
      if (!token || OPEN_PATHS.test(req.path) || viaBearer(req) || viaCookie(req)) return next();
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

    /** Checks a typed token; on success sets the HTTP-only, SameSite=Strict login cookie. */
    logIn(req: Request, res: Response, typed: unknown): boolean {
      if (!token || typeof typed !== 'string' || !sameSecret(typed.trim(), token)) return false;
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
 * The secret that signs CSRF tokens: kept in the database so tokens in open
 * pages survive a restart.
 */
function csrfSecret(store: Store): string {
  let secret = store.getMeta('csrf_secret');
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    store.setMeta('csrf_secret', secret);
  }
  return secret;
}

/**
 * CSRF protection. Every write that a cross-site page could forge needs the
 * token: a POST with a form content type that is not authenticated by a
 * bearer token. JSON bodies, PATCH and DELETE need a CORS preflight, which
 * this app never grants, so they cannot be forged. API calls from scripts
 * (no cookie, no `Origin`, no `Sec-Fetch-Site`) carry no ambient credentials
 * and need no token either.
 * @param store - where the signing secret is kept
 * @param auth - to recognise bearer requests and the login
 */
export function createCsrf(store: Store, auth: Auth) {
  const secret = csrfSecret(store);
  const isBrowser = (req: Request) => !!(req.get('cookie') || req.get('origin') || req.get('sec-fetch-site'));
  const needsToken = (req: Request): boolean => {
    if (SAFE_METHODS.has(req.method) || auth.viaBearer(req)) return false;
    if (req.method !== 'POST' || (req.get('content-type') && !req.is(SIMPLE_TYPES))) return false;
    return !req.path.startsWith('/api/') || isBrowser(req);
  };
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => secret,
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
 * @param config - `rateLimit`: write requests per minute
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
    /** Failed logins: 10 a minute, against guessing the token. */
    logins: limiter(10, 'failed logins', true),
  };
}
