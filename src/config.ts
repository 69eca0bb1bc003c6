/**
 * The server's configuration, read from the environment once at start-up.
 * Nothing else reads `process.env`: the app receives a {@link Config}.
 * A bad value stops the server with a message naming the variable.
 */
import os from 'node:os';
import path from 'node:path';

export interface Config {
  /** TCP port the server listens on. */
  port: number;
  /** Path of the SQLite database file. */
  dbPath: string;
  /**
   * Where the data is kept: the PostgreSQL URL of `FRAMELENS_DATABASE_URL`
   * when set (shared by several instances), else the SQLite file `dbPath`.
   */
  database: string;
  /** Extra lexicon folders or files, merged after the shipped lexicons. */
  lexiconDirs: string[];
  /** Largest accepted upload file, in bytes. */
  maxFileBytes: number;
  /** Most files accepted in one upload request. */
  maxFiles: number;
  /** Largest accepted upload request (all files and fields together), in bytes. */
  maxRequestBytes: number;
  /** Write requests (POST, PATCH, DELETE) allowed per minute from one IP address. */
  rateLimit: number;
  /** Page, report and API reads (GET) allowed per minute from one IP address. */
  readRateLimit: number;
  /** Characters of text one article may have after extraction. */
  maxTextChars: number;
  /** Non-empty lines (paragraphs) one article may have after extraction. */
  maxParagraphs: number;
  /** Worker threads that extract and analyse uploads. */
  workers: number;
  /** Seconds one extraction or analysis job may take before it is stopped. */
  jobSeconds: number;
  /** Heap cap of each worker thread, in MB. */
  jobMemoryMb: number;
  /**
   * Express's `trust proxy`: false (the default: the address is the
   * connection's), or the number of proxies in front of the app, whose
   * `X-Forwarded-For` and `X-Forwarded-Proto` are then believed.
   */
  trustProxy: number | false;
  /** Optional access token; when set, every route but /healthz requires it. */
  token: string | null;
  /** Folder of example comparisons loaded into an empty database; null to skip. */
  seedsDir: string | null;
  /** Folder of the compiled-lexicon snapshots; null to compile at every start. */
  cacheDir: string | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(`framelens config: ${message}`);
    this.name = 'ConfigError';
  }
}

const ROOT = path.resolve(__dirname, '..');

function positiveNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  { integer = true, min = 0, max = Infinity } = {},
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n < min || (integer && !Number.isInteger(n)) || n > max) {
    throw new ConfigError(
      `${name} must be a ${integer ? 'whole ' : ''}number from ${Math.max(1, min)} to ${max}; found ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/**
 * Reads the configuration.
 * @param env - the environment; `process.env` in the server, a literal in tests
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const maxFileMb = positiveNumber(env, 'FRAMELENS_MAX_FILE_MB', 5, { integer: false, max: 1024 });
  const maxRequestMb = positiveNumber(env, 'FRAMELENS_MAX_REQUEST_MB', 50, { integer: false, max: 4096 });
  if (maxRequestMb < maxFileMb)
    throw new ConfigError(
      `FRAMELENS_MAX_REQUEST_MB (${maxRequestMb}) must not be smaller than FRAMELENS_MAX_FILE_MB (${maxFileMb})`,
    );
  const token = env.FRAMELENS_TOKEN?.trim() || null;
  if (token !== null && token.length < 16)
    throw new ConfigError('FRAMELENS_TOKEN must be at least 16 characters long');
  const seeds = env.FRAMELENS_SEEDS;
  const trustProxy = env.FRAMELENS_TRUST_PROXY?.trim();
  if (trustProxy && !/^(?:\d{1,2}|false|true)$/.test(trustProxy))
    throw new ConfigError(
      `FRAMELENS_TRUST_PROXY must be the number of proxies in front of the app (0 to 99), true (one) or false; found ${JSON.stringify(trustProxy)}`,
    );
  const dbPath = path.resolve(env.FRAMELENS_DB?.trim() || path.join(ROOT, 'data', 'framelens.db'));
  return {
    port: positiveNumber(env, 'PORT', 3000, { max: 65535 }),
    dbPath,
    database: databaseUrl(env) ?? dbPath,
    lexiconDirs: (env.FRAMELENS_LEXICONS ?? '')
      .split(path.delimiter)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => path.resolve(s)),
    maxFileBytes: Math.round(maxFileMb * 1024 * 1024),
    maxFiles: positiveNumber(env, 'FRAMELENS_MAX_FILES', 50, { max: 10000 }),
    maxRequestBytes: Math.round(maxRequestMb * 1024 * 1024),
    rateLimit: positiveNumber(env, 'FRAMELENS_RATE_LIMIT', 600, { max: 1_000_000 }),
    readRateLimit: positiveNumber(env, 'FRAMELENS_READ_RATE_LIMIT', 1200, { max: 10_000_000 }),
    maxTextChars: positiveNumber(env, 'FRAMELENS_MAX_TEXT_CHARS', 1_000_000, { max: 100_000_000 }),
    maxParagraphs: positiveNumber(env, 'FRAMELENS_MAX_PARAGRAPHS', 10_000, { max: 10_000_000 }),
    workers: positiveNumber(env, 'FRAMELENS_WORKERS', 2, { max: 64 }),
    jobSeconds: positiveNumber(env, 'FRAMELENS_JOB_SECONDS', 30, { integer: false, max: 3600 }),
    jobMemoryMb: positiveNumber(env, 'FRAMELENS_JOB_MEMORY_MB', 384, { min: 64, max: 65536 }),
    trustProxy:
      !trustProxy || trustProxy === 'false' || trustProxy === '0'
        ? false
        : trustProxy === 'true'
          ? 1
          : Number(trustProxy),
    token,
    seedsDir: seeds === 'none' || seeds === '' ? null : path.resolve(seeds ?? path.join(ROOT, 'seeds')),
    cacheDir: cacheDir(env),
  };
}

/** `FRAMELENS_DATABASE_URL`, checked to be a PostgreSQL URL; null when unset. */
function databaseUrl(env: NodeJS.ProcessEnv): string | null {
  const url = env.FRAMELENS_DATABASE_URL?.trim();
  if (!url) return null;
  if (!/^postgres(ql)?:\/\/[^/]/i.test(url) || !URL.canParse(url))
    throw new ConfigError(
      `FRAMELENS_DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/framelens; found ${JSON.stringify(redactDatabase(url))}`,
    );
  return url;
}

/**
 * A database location as it may be shown: a URL without its password.
 * @param location - an SQLite file or a database URL
 */
export function redactDatabase(location: string): string {
  return location.replace(/^(\w[\w+.-]*:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/**
 * The folder where compiled lexicons are kept between runs: `FRAMELENS_CACHE` (`none` to keep
 * none), else `framelens` in the user's cache folder (`XDG_CACHE_HOME`, or `~/.cache`; on Windows
 * `LOCALAPPDATA`). The command line reads only this, not the server's settings.
 * @param env - the environment; `process.env` in the programs, a literal in tests
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.FRAMELENS_CACHE?.trim();
  if (chosen === 'none') return null;
  if (chosen) return path.resolve(chosen);
  const base =
    env.XDG_CACHE_HOME?.trim() ||
    (process.platform === 'win32' ? env.LOCALAPPDATA?.trim() : undefined) ||
    path.join(os.homedir(), '.cache');
  return path.join(base, 'framelens');
}
