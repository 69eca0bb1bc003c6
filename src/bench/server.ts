/**
 * The server measurements: requests per second with autocannon against the
 * web app's comparison JSON (analyses cached) and its side-by-side page,
 * each as a ratio to a bare Express route served by the same process; and
 * the peak RSS of a server holding 1,000 stored articles under load.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { median, treeRss } from './measure';
import type { Measurement } from './run';
import type { ServeReady } from './serve';

export interface ServerResult {
  measurements: Measurement[];
}

const CONNECTIONS = 10;
const WARMUP_SECONDS = 2;
const RUN_SECONDS = 3;
const RUNS = 3;
const MB = 2 ** 20;

/** V8 flags of the `start` script in package.json: a smaller young generation keeps the server's peak memory down. */
const SERVER_NODE_FLAGS = (
  JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function startServer(tmp: string, args: string[]): Promise<{ child: ChildProcess; ready: ServeReady }> {
  const script = path.join(__dirname, 'serve.js');
  // The same V8 flags as `npm start`, so the server is measured as it runs for users.
  const child = fork(script, [tmp, ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: SERVER_NODE_FLAGS,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.once('message', (ready: ServeReady) => resolve({ child, ready }));
    child.once('exit', (code) =>
      reject(new Error(`framelens bench: server process exited (${code}) before it was ready: ${stderr}`)),
    );
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Requests per second on one or more paths: a warm-up, then the median of several runs. */
async function requestsPerSecond(
  port: number,
  paths: string[],
): Promise<{ median: number; runs: number[]; errors: number }> {
  let next = 0;
  const options = (duration: number): autocannon.Options => ({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  });
  await autocannon(options(WARMUP_SECONDS));
  const runs: number[] = [];
  let errors = 0;
  for (let r = 0; r < RUNS; r++) {
    const result = await autocannon(options(RUN_SECONDS));
    runs.push(result.requests.average);
    errors += result.errors + result.non2xx;
  }
  return { median: median(runs), runs, errors };
}

/** Runs the server measurements, or reports why they cannot run. */
export async function measureServer(tmp: string): Promise<ServerResult> {
  const missing = (name: string, target: string, unit = 'ratio'): Measurement => ({
    name,
    value: null,
    unit,
    target,
    met: null,
    note: 'not run: web app missing',
  });
  const jsonName = 'server: comparison JSON rps / bare Express';
  const pageName = 'server: side-by-side page rps / bare Express';
  const memoryName = 'memory: serving 1,000 stored articles (peak RSS)';
  if (
    !existsSync(path.join(__dirname, '..', 'web', 'app.js')) &&
    !existsSync(path.join(__dirname, '..', 'web', 'app.ts'))
  ) {
    return {
      measurements: [
        missing(jsonName, '>= 0.25'),
        missing(pageName, '>= 0.10'),
        missing(memoryName, '< 400', 'MB'),
      ],
    };
  }
  const measurements: Measurement[] = [];

  const { child, ready } = await startServer(tmp, ['seeds']);
  try {
    // The largest seed comparison: the one the side-by-side view is designed around.
    const id = ready.comparisonIds[0];
    const bare = await requestsPerSecond(ready.barePort, ['/bare']);
    const json = await requestsPerSecond(ready.appPort, [`/api/comparisons/${id}`]);
    const page = await requestsPerSecond(ready.appPort, [`/comparisons/${id}`]);
    const jsonRatio = json.median / bare.median;
    const pageRatio = page.median / bare.median;
    const details = {
      connections: CONNECTIONS,
      runSeconds: RUN_SECONDS,
      runs: RUNS,
      bareRps: round(bare.median, 0),
      jsonRps: round(json.median, 0),
      pageRps: round(page.median, 0),
      errors: bare.errors + json.errors + page.errors,
    };
    measurements.push({
      name: jsonName,
      value: round(jsonRatio),
      unit: 'ratio',
      target: '>= 0.25',
      met: jsonRatio >= 0.25 && json.errors === 0,
      details,
    });
    measurements.push({
      name: pageName,
      value: round(pageRatio),
      unit: 'ratio',
      target: '>= 0.10',
      met: pageRatio >= 0.1 && page.errors === 0,
    });
  } finally {
    await stopServer(child);
  }

  const stored = await startServer(tmp, ['stored', '1000']);
  try {
    let peak = treeRss(stored.child.pid!);
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(stored.child.pid!))), 50);
    const ids = stored.ready.comparisonIds;
    const paths = ids.flatMap((id) => [`/api/comparisons/${id}`, `/comparisons/${id}`]);
    const load = await requestsPerSecond(stored.ready.appPort, paths);
    clearInterval(timer);
    const mb = peak / MB;
    measurements.push({
      name: memoryName,
      value: round(mb, 1),
      unit: 'MB',
      target: '< 400',
      met: mb < 400 && load.errors === 0,
      details: { comparisons: ids.length, articles: 1000, rps: round(load.median, 0), errors: load.errors },
    });
  } finally {
    await stopServer(stored.child);
  }
  return { measurements };
}
