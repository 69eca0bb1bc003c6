/**
 * The server's configuration, read from the environment once at start-up.
 * Nothing else reads `process.env`: the app receives a {@link Config}.
 * A bad value stops the server with a message naming the variable.
 */
import path from 'node:path';

export interface Config {
  /** TCP port the server listens on. */
  port: number;
  /** Path of the SQLite database file. */
  dbPath: string;
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
  /** Optional access token; when set, every route but /healthz requires it. */
  token: string | null;
  /** Folder of example comparisons loaded into an empty database; null to skip. */
  seedsDir: string | null;
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
  { integer = true, max = Infinity } = {},
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)) || n > max) {
    throw new ConfigError(
      `${name} must be a ${integer ? 'whole ' : ''}number from 1 to ${max}; found ${JSON.stringify(raw)}`,
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
  return {
    port: positiveNumber(env, 'PORT', 3000, { max: 65535 }),
    dbPath: path.resolve(env.FRAMELENS_DB?.trim() || path.join(ROOT, 'data', 'framelens.db')),
    lexiconDirs: (env.FRAMELENS_LEXICONS ?? '')
      .split(path.delimiter)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => path.resolve(s)),
    maxFileBytes: Math.round(maxFileMb * 1024 * 1024),
    maxFiles: positiveNumber(env, 'FRAMELENS_MAX_FILES', 50, { max: 10000 }),
    maxRequestBytes: Math.round(maxRequestMb * 1024 * 1024),
    rateLimit: positiveNumber(env, 'FRAMELENS_RATE_LIMIT', 600, { max: 1_000_000 }),
    token,
    seedsDir: seeds === 'none' || seeds === '' ? null : path.resolve(seeds ?? path.join(ROOT, 'seeds')),
  };
}
