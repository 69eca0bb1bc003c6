/**
 * Timing and memory helpers for the benchmark: medians over repeated runs
 * after a warm-up, and the peak resident memory of a process tree sampled
 * from /proc.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Rounds to a number of decimal digits, for the results table. */
export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The median of `a[i] / b[i]` over runs timed in alternation. */
export function pairedRatio(a: number[], b: number[]): number {
  return median(a.map((x, i) => x / b[i]));
}

/** Milliseconds one call of `fn` takes. */
export function timeOnce(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Times several functions in alternation (a, b, a, b, ...) after warm-up
 * passes, so drift in the machine's speed affects all alike.
 * @param fns - the contenders by name
 * @param runs - timed runs of each
 * @returns milliseconds of every run, by name
 */
export function timeAlternating(
  fns: Record<string, () => void>,
  runs: number,
  warmups = 3,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  // Several warm-up passes: one is not enough for V8 to optimise the analysis's many functions.
  for (let w = 0; w < warmups; w++) for (const fn of Object.values(fns)) fn();
  for (const name of Object.keys(fns)) out[name] = [];
  for (let r = 0; r < runs; r++) for (const [name, fn] of Object.entries(fns)) out[name].push(timeOnce(fn));
  return out;
}

/** The machine the numbers come from. */
export function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    // Not Linux: os.cpus() is the best we have.
  }
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return {
    nproc: cores,
    cpu,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
  };
}

/** Resident memory (bytes) of a process and all its descendants, from /proc; 0 once it has exited. */
export function treeRss(rootPid: number): number {
  const parentOf = new Map<number, number>();
  const rssOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid ... (rss is field 24, in pages).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(fields[1]));
      rssOf.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rssOf.get(pid) ?? 0;
    for (const [child, parent] of parentOf) if (parent === pid) stack.push(child);
  }
  return total;
}

/**
 * Runs a command and samples the resident memory of its process tree.
 * @returns peak RSS in bytes, wall time in ms, exit code and stderr
 */
export function runSampled(
  command: string,
  args: string[],
  intervalMs = 50,
): Promise<{ peakRss: number; ms: number; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let peak = 0;
    const sample = () => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
    };
    const timer = setInterval(sample, intervalMs);
    child.on('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ peakRss: peak, ms: Date.now() - started, code, stderr });
    });
  });
}
