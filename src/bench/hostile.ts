/**
 * The hostile uploads of issue 12 at full size, sent to a real server
 * (`dist/server.js` with its default limits) one at a time, each with a good
 * upload beside it and `/healthz` polled throughout. For each: the time to
 * its 4xx, the slowest `/healthz` answer, and the peak memory of the
 * server's process tree (main thread and workers). The test suite checks
 * the same behaviour at small sizes (test/web/attack.test.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { median, treeRss } from './measure';
import { writeZip as zip } from './zip-writer';
import type { Measurement } from './run';

const MB = 2 ** 20;
/** Targets of issue 12: every health poll within 200 ms, the server tree under 1 GB. */
const HEALTH_TARGET_MS = 200;
const MEMORY_TARGET_MB = 1024;
/** Time to the refusal: the 30 s job budget plus the upload and queueing. */
const REFUSAL_TARGET_MS = 40_000;
const HEALTH_INTERVAL_MS = 50;

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const plain = (name: string, text: string) => {
  const data = Buffer.from(text);
  return { name, packed: deflateRawSync(data), size: data.length };
};

/** A .docx whose document.xml is `mb` MB of one-word paragraphs. */
function paragraphDocx(mb: number): Buffer {
  const para = '<w:p><w:r><w:t>x</w:t></w:r></w:p>';
  const body = para.repeat(Math.floor((mb * MB) / para.length));
  const xml = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zip([plain('[Content_Types].xml', CONTENT_TYPES), plain('word/document.xml', xml)]);
}

/** A .docx whose document.xml declares 5,000 bytes and inflates to `mb` MB. */
async function lyingDocx(mb: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const zeros = Buffer.alloc(MB, 0x20);
  for (let i = 0; i < mb; i++) if (!deflate.write(zeros)) await new Promise((r) => deflate.once('drain', r));
  await new Promise((resolve) => deflate.end(resolve));
  return zip([
    plain('[Content_Types].xml', CONTENT_TYPES),
    { name: 'word/document.xml', packed: Buffer.concat(parts), size: 5000 },
  ]);
}

/** A PDF whose page tree lists one page object `times` times. */
function repeatedPagePdf(times: number): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${'3 0 R '.repeat(times)}] /Count ${times} >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 60 >>\nstream\nBT /F1 12 Tf 72 712 Td (Officials said the talks failed.) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out);
}

interface Attack {
  name: string;
  file: string;
  make: () => Buffer | Promise<Buffer>;
}

const ATTACKS: Attack[] = [
  { name: '.docx with 60 MB of short paragraphs', file: 'paragraphs.docx', make: () => paragraphDocx(60) },
  { name: '.docx declaring 5 KB, inflating to 2 GB', file: 'liar.docx', make: () => lyingDocx(2048) },
  {
    name: '40,000 one-line paragraphs',
    file: 'lines.txt',
    make: () => Buffer.from('Officials said the talks failed, critics said.\n'.repeat(40_000)),
  },
  {
    name: 'a 5 MB single line',
    file: 'line.txt',
    make: () =>
      Buffer.from('Officials said the coup was a “provocation”, critics claimed '.repeat(80_000)).subarray(
        0,
        5 * MB - 1024,
      ),
  },
  {
    name: 'HTML with 100,000 <p>',
    file: 'paragraphs.html',
    make: () =>
      Buffer.from(`<!doctype html><html><body>${'<p>Officials said so.</p>'.repeat(100_000)}</body></html>`),
  },
  { name: 'PDF listing one page 200,000 times', file: 'pages.pdf', make: () => repeatedPagePdf(200_000) },
];

const GOOD =
  'source: Daily Ledger\n\nOfficials said the talks in Kyiv failed on Tuesday, and the minister denied it.\n';

/** Paragraphs of the large articles: a long article's reporting, quotes and loaded terms, numbered. */
const LARGE_PARAGRAPH = (i: number) =>
  `In paragraph ${i}, officials in Kyiv said the talks had failed, the minister denied that a "so-called" deal existed, and critics called the regime's offer a provocation.`;

/** An article just within the default limits (1,000,000 characters, 10,000 paragraphs). */
function largeArticle(source: string): string {
  const head = `source: ${source}\ntitle: Talks fail again\ndate: 2021-04-12\n\n`;
  const paragraphs: string[] = [];
  for (let i = 0, size = head.length; size + LARGE_PARAGRAPH(i).length + 2 < 990_000 && i < 9_000; i++) {
    paragraphs.push(LARGE_PARAGRAPH(i));
    size += LARGE_PARAGRAPH(i).length + 2;
  }
  return `${head}${paragraphs.join('\n\n')}\n`;
}

/**
 * A comparison of two articles at the default limits, then each report format of it downloaded:
 * the renders run in the worker pool, so /healthz must keep answering meanwhile.
 */
async function largeReports(base: string): Promise<{ status: number; message: string }> {
  const post = (url: string, body: unknown) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const { id } = (await (await post('/api/comparisons', { title: 'Large reports' })).json()) as {
    id: string;
  };
  for (const source of ['Daily Ledger', 'Evening Wire']) {
    const res = await post(`/api/comparisons/${id}/articles`, { text: largeArticle(source) });
    if (res.status !== 201)
      return { status: res.status, message: `upload of the large ${source} article: ${await res.text()}` };
  }
  const formats: string[] = [];
  for (const format of ['html', 'json', 'md', 'csv', 'pdf']) {
    const t0 = performance.now();
    const res = await fetch(`${base}/comparisons/${id}/report.${format}`);
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) return { status: res.status, message: `report.${format}: status ${res.status}` };
    formats.push(
      `${format} ${(bytes / MB).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  return { status: 200, message: formats.join(', ') };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function upload(
  base: string,
  id: string,
  file: string,
  content: Buffer,
): Promise<{ status: number; message: string }> {
  const form = new FormData();
  form.append('files', new Blob([content]), file);
  const res = await fetch(`${base}/api/comparisons/${id}/articles`, { method: 'POST', body: form });
  const body = (await res.json()) as { error?: { message: string } };
  return { status: res.status, message: body.error?.message ?? '' };
}

/** A chunked request that never ends on its own: how long until the server answers it, and how much it sent. */
async function endlessChunked(base: string, id: string): Promise<{ status: number; message: string }> {
  const boundary = 'framelensbench';
  const chunk = new TextEncoder().encode('word '.repeat(200_000));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        new TextEncoder().encode(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="endless.txt"\r\nContent-Type: text/plain\r\n\r\n`,
        ),
      );
    },
    pull(controller) {
      if (sent > 485 * MB) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  try {
    const res = await fetch(`${base}/api/comparisons/${id}/articles`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      duplex: 'half',
    });
    const json = (await res.json()) as { error?: { message: string } };
    return {
      status: res.status,
      message: `${json.error?.message ?? ''} (after ${Math.round(sent / MB)} MB sent)`,
    };
  } catch (err) {
    return {
      status: 0,
      message: `connection closed after ${Math.round(sent / MB)} MB: ${(err as Error).message}`,
    };
  }
}

/**
 * Runs every attack against a fresh server and reports one measurement each.
 * @param tmp - a folder for the server's database
 */
export async function measureHostile(tmp: string): Promise<Measurement[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = fork(path.join(__dirname, '..', 'server.js'), [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      PORT: String(port),
      FRAMELENS_DB: path.join(tmp, 'hostile.db'),
      FRAMELENS_SEEDS: 'none',
      FRAMELENS_RATE_LIMIT: '100000',
      FRAMELENS_READ_RATE_LIMIT: '1000000',
    },
    execArgv: ['--max-semi-space-size=4'],
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        if (i > 600) throw new Error('framelens bench: the server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const created = (await (
      await fetch(`${base}/api/comparisons`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Hostile uploads' }),
      })
    ).json()) as { id: string };
    const runs: (Attack & {
      send?: () => Promise<{ status: number; message: string }>;
      download?: boolean;
    })[] = [
      ...ATTACKS,
      {
        name: 'a chunked request of 485 MB',
        file: 'endless.txt',
        make: () => Buffer.alloc(0),
        send: () => endlessChunked(base, created.id),
      },
      {
        name: 'two articles at the limits uploaded, then every report of them downloaded',
        file: 'large-reports',
        make: () => Buffer.alloc(0),
        send: () => largeReports(base),
        download: true,
      },
    ];
    const results: Measurement[] = [];
    for (const attack of runs) {
      process.stderr.write(`framelens bench:   hostile: ${attack.name}\n`);
      const content = await attack.make();
      let stop = false;
      let slowest = 0;
      const latencies: number[] = [];
      let failedPolls = 0;
      let peak = treeRss(server.pid!);
      const poll = (async () => {
        while (!stop) {
          const t0 = performance.now();
          try {
            if (!(await fetch(`${base}/healthz`)).ok) failedPolls++;
          } catch {
            failedPolls++;
          }
          latencies.push(performance.now() - t0);
          slowest = Math.max(slowest, performance.now() - t0);
          peak = Math.max(peak, treeRss(server.pid!));
          await new Promise((r) => setTimeout(r, HEALTH_INTERVAL_MS));
        }
      })();
      const t0 = performance.now();
      const [answer, good] = await Promise.all([
        attack.send ? attack.send() : upload(base, created.id, attack.file, content),
        upload(base, created.id, `good-${attack.file}.txt`, Buffer.from(GOOD)),
      ]);
      const refusedAfter = performance.now() - t0;
      stop = true;
      await poll;
      const met =
        (attack.download ? answer.status === 200 : answer.status >= 400 && answer.status < 500) &&
        good.status === 201 &&
        failedPolls === 0 &&
        slowest <= HEALTH_TARGET_MS &&
        peak / MB < MEMORY_TARGET_MB &&
        refusedAfter <= REFUSAL_TARGET_MS;
      results.push({
        name: `hostile: ${attack.name}`,
        value: Math.round(slowest),
        unit: 'ms slowest /healthz',
        target: `4xx within ${REFUSAL_TARGET_MS / 1000} s, /healthz ≤ ${HEALTH_TARGET_MS} ms, tree < ${MEMORY_TARGET_MB} MB`,
        met,
        details: {
          bytes: content.length,
          status: answer.status,
          message: answer.message.slice(0, 300),
          secondsToAnswer: Math.round(refusedAfter / 100) / 10,
          goodUploadStatus: good.status,
          failedHealthPolls: failedPolls,
          healthPolls: latencies.length,
          healthMedianMs: Math.round(median(latencies)),
          healthOver200Ms: latencies.filter((ms) => ms > HEALTH_TARGET_MS).length,
          peakTreeMb: Math.round(peak / MB),
        },
      });
    }
    return results;
  } finally {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
      setTimeout(() => server.kill('SIGKILL'), 10_000).unref();
    });
  }
}
