/**
 * Looks for executable markup in HTML with a real HTML parser (parse5, the
 * WHATWG parsing algorithm browsers use), run in a worker thread because
 * parse5 is ESM-only, which Node 20 loads through require(esm) and Jest's
 * module sandbox does not.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface ScannedDoc {
  name: string;
  html: string;
}

export interface ScanResult {
  name: string;
  /** What would run: a script, an event handler, a javascript: URL, ... */
  problems: string[];
  /** The page's text as a browser shows it (text nodes, attribute values excluded). */
  text: string;
}

function workerMain() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads');
  const parse5 = require(workerData.parse5);
  /** Our own markup: the one external script and the stylesheet and icon. */
  const OWN_SCRIPT = '/public/app.js';
  const FORBIDDEN = new Set([
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'base',
    'template',
    'portal',
  ]);
  const URL_ATTRS = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'data',
    'background',
    'poster',
    'codebase',
    'cite',
    'longdesc',
    'usemap',
    'ping',
    'xlink:href',
  ]);
  const BAD_URL = /^(?:javascript|vbscript|livescript|data\s*:\s*text\/html)\s*:?/i;

  function scan(doc: { name: string; html: string }) {
    const problems: string[] = [];
    const text: string[] = [];
    const walk = (
      node: {
        nodeName: string;
        tagName?: string;
        attrs?: { name: string; value: string; prefix?: string }[];
        value?: string;
        childNodes?: unknown[];
        content?: unknown;
      },
      inScript: boolean,
    ) => {
      const tag = node.tagName?.toLowerCase();
      if (node.nodeName === '#text' && !inScript) text.push(node.value ?? '');
      if (tag) {
        const attrs = new Map(
          (node.attrs ?? []).map((a) => [a.prefix ? `${a.prefix}:${a.name}` : a.name.toLowerCase(), a.value]),
        );
        if (tag === 'script' && !(attrs.get('src') === OWN_SCRIPT && !(node.childNodes ?? []).length))
          problems.push(`<script${attrs.has('src') ? ` src=${attrs.get('src')}` : ''}>`);
        if (FORBIDDEN.has(tag)) problems.push(`<${tag}>`);
        if (tag === 'meta' && /refresh/i.test(attrs.get('http-equiv') ?? ''))
          problems.push('<meta http-equiv=refresh>');
        if (tag === 'link' && !/^\/public\//.test(attrs.get('href') ?? ''))
          problems.push(`<link href=${attrs.get('href')}>`);
        const css =
          tag === 'style'
            ? (node.childNodes ?? []).map((c) => (c as { value?: string }).value ?? '').join('')
            : '';
        if (/@import|expression\s*\(|javascript:|url\s*\(\s*['"]?\s*(?!data:|#)/i.test(css))
          problems.push('<style> loading or running code');
        for (const [name, value] of attrs) {
          if (/^on/i.test(name)) problems.push(`${tag} ${name}=`);
          if (name === 'srcdoc') problems.push(`${tag} srcdoc=`);
          if (name === 'style' && /expression\s*\(|javascript:|url\s*\(/i.test(value))
            problems.push(`${tag} style=${value}`);
          // eslint-disable-next-line no-control-regex -- browsers ignore control characters in URLs
          const url = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
          if ((URL_ATTRS.has(name) || name.endsWith(':href')) && BAD_URL.test(url))
            problems.push(`${tag} ${name}=${value}`);
        }
      }
      for (const child of node.childNodes ?? [])
        walk(child as typeof node, inScript || tag === 'script' || tag === 'style');
      if (node.content) walk(node.content as typeof node, inScript);
    };
    walk(parse5.parse(doc.html), false);
    return { name: doc.name, problems, text: text.join('') };
  }

  parentPort.on('message', (docs: { name: string; html: string }[]) =>
    parentPort.postMessage(docs.map(scan)),
  );
}

/**
 * Parses each document and lists what in it could run.
 * @param docs - named HTML documents
 */
export function scanHtml(docs: ScannedDoc[]): Promise<ScanResult[]> {
  const parse5 = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'parse5', 'dist', 'index.js');
  const worker = new Worker(`(${workerMain.toString()})()`, { eval: true, workerData: { parse5 } });
  return new Promise<ScanResult[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(docs);
  }).finally(() => worker.terminate());
}
