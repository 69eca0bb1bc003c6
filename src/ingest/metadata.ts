/**
 * An article's title, outlet, byline and publication date as documents
 * declare them: a web page's `<meta>` tags and schema.org JSON-LD, a PDF's
 * document information and XMP, a Word file's core properties. Pure: the
 * extractors (`extractors.ts`) collect the raw values and these functions
 * choose among them.
 */

/** What a document says about itself; null where it says nothing usable. */
export interface DocumentMetadata {
  title: string | null;
  /** The outlet. */
  source: string | null;
  /** The byline. */
  author: string | null;
  /** The publication date as the document writes it. */
  date: string | null;
}

/** One `<meta>` element's attributes. */
export interface MetaTag {
  name?: string | null;
  property?: string | null;
  itemprop?: string | null;
  content?: string | null;
}

/** What the extractor collects from a page for {@link pageMetadata}. */
export interface PageSignals {
  metas: MetaTag[];
  /** The text of every `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** `datetime` of `<time itemprop="datePublished">` elements. */
  timeDatePublished: string[];
}

/**
 * schema.org types of a news story: Article and its subtypes (NewsArticle,
 * ReportageNewsArticle, OpinionNewsArticle, AnalysisNewsArticle…), blog
 * postings and reports (https://schema.org/Article, "More specific Types").
 */
const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report)$/;

/** Meta tags that name the publication date: Open Graph's article namespace (ogp.me), schema.org microdata, Parse.ly's and common CMS names. */
const DATE_METAS = [
  'article:published_time',
  'datepublished',
  'parsely-pub-date',
  'pubdate',
  'publish-date',
  'dc.date.issued',
  'dcterms.issued',
];
/** Meta tags that name the byline: HTML's standard `author`, the New York Times's `byl`, Dublin Core's creator, Parse.ly's. */
const AUTHOR_METAS = ['author', 'byl', 'dc.creator', 'dcterms.creator', 'parsely-author', 'article:author'];
/** Meta tags that name the outlet: Open Graph's site name (ogp.me, "og:site_name"). */
const SOURCE_METAS = ['og:site_name'];

type Json = unknown;

const text = (v: Json): string | null =>
  typeof v === 'string' && v.replace(/\s+/g, ' ').trim() ? v.replace(/\s+/g, ' ').trim() : null;

/** "By Jane Roe and John Doe" → "Jane Roe and John Doe"; addresses (author pages, Facebook profiles) are not names. */
export function cleanByline(byline: string | null | undefined): string | null {
  const s = text(byline)?.replace(/^by\s+/i, '') ?? null;
  if (!s || /^(?:https?:\/\/|www\.)/i.test(s)) return null;
  return s;
}

function typesOf(node: Record<string, Json>): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** Every object node of a JSON-LD document: top-level arrays and `@graph` lists flattened. */
function jsonLdNodes(doc: Json): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const stack: Json[] = [doc];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...(v as Json[]));
    else if (v && typeof v === 'object') {
      const node = v as Record<string, Json>;
      out.push(node);
      if (Array.isArray(node['@graph'])) stack.push(...(node['@graph'] as Json[]));
    }
  }
  return out;
}

/** The name of an author or publisher value: a string, a `{name}` object, an `{"@id"}` reference into the graph, or a list of those. */
function namesOf(value: Json, byId: Map<string, Record<string, Json>>): string[] {
  const values = Array.isArray(value) ? (value as Json[]) : [value];
  const names: string[] = [];
  for (const v of values) {
    if (typeof v === 'string') {
      const name = text(v);
      if (name) names.push(name);
    } else if (v && typeof v === 'object') {
      let node = v as Record<string, Json>;
      const id = text(node['@id']);
      if (!text(node.name) && id && byId.has(id)) node = byId.get(id)!;
      const name = text(node.name);
      if (name) names.push(name);
    }
  }
  return names;
}

/** The first article node of the page's JSON-LD and the graph it sits in, or null. */
function jsonLdArticle(
  scripts: string[],
): { article: Record<string, Json>; byId: Map<string, Record<string, Json>> } | null {
  for (const script of scripts) {
    let doc: Json;
    try {
      doc = JSON.parse(script.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue; // A broken block says nothing; the meta tags may.
    }
    const nodes = jsonLdNodes(doc);
    const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPE.test(t)));
    if (!article) continue;
    const byId = new Map<string, Record<string, Json>>();
    for (const n of nodes) {
      const id = text(n['@id']);
      if (id) byId.set(id, n);
    }
    return { article, byId };
  }
  return null;
}

/**
 * Reads a page's outlet, byline and publication date. JSON-LD's article
 * node comes first for the date and byline (it is what search engines
 * read, so publishers keep it right); Open Graph's `og:site_name` first for
 * the outlet (it names the site, where a JSON-LD publisher is sometimes the
 * parent company).
 * @param signals - the page's meta tags, JSON-LD blocks and `<time>` dates
 */
export function pageMetadata(signals: PageSignals): Omit<DocumentMetadata, 'title'> {
  const meta = (keys: string[]): string | null => {
    for (const key of keys)
      for (const tag of signals.metas) {
        const names = [tag.property, tag.name, tag.itemprop].map((n) => n?.trim().toLowerCase());
        if (names.includes(key)) {
          const value = text(tag.content);
          if (value) return value;
        }
      }
    return null;
  };
  const ld = jsonLdArticle(signals.jsonLd);
  const ldAuthors = ld ? namesOf(ld.article.author, ld.byId) : [];
  const ldPublisher = ld ? (namesOf(ld.article.publisher, ld.byId)[0] ?? null) : null;
  return {
    source: meta(SOURCE_METAS) ?? ldPublisher,
    author: cleanByline(ldAuthors.length ? ldAuthors.join(', ') : null) ?? cleanByline(meta(AUTHOR_METAS)),
    date:
      (ld ? text(ld.article.datePublished) : null) ??
      meta(DATE_METAS) ??
      text(signals.timeDatePublished.find((d) => text(d))),
  };
}

/**
 * A document title as Word or a PDF writer stores it, or null when it is not
 * a headline: empty, "Untitled", a file name, or the "Microsoft Word - name"
 * that printing from Word leaves in a PDF.
 * @param title - the title property
 */
export function documentTitle(title: string | null | undefined): string | null {
  const s = text(title);
  if (!s) return null;
  if (/^untitled\b/i.test(s) || /^microsoft \w+ - /i.test(s)) return null;
  if (/\.(?:docx?|pdf|odt|rtf|txt|html?|indd|pages)$/i.test(s)) return null;
  return s;
}

/** A PDF's document information dictionary and XMP packet, as pdf.js reads them. */
export interface PdfSignals {
  /** The Info dictionary: Title, Author, and non-standard keys under `Custom`. */
  info: Record<string, unknown> | null;
  /** XMP properties by name (`dc:title`, `dc:publisher`), each a string or list of strings. */
  xmp: Record<string, unknown> | null;
}

const first = (v: unknown): string | null =>
  Array.isArray(v) ? (v.map(text).find((s) => s) ?? null) : text(v);

/**
 * Reads a PDF's title and outlet. The outlet is taken only from a field that
 * means publisher (XMP's `dc:publisher`, a `Publisher` entry in the Info
 * dictionary), never from Creator or Producer, which name the software that
 * wrote the file. Author is not read as the byline: in PDFs made from Word or
 * a browser it names the account that made the file, not the journalist.
 * @param signals - the Info dictionary and XMP properties
 */
export function pdfMetadata(signals: PdfSignals): Pick<DocumentMetadata, 'title' | 'source'> {
  const info = signals.info ?? {};
  const custom = (info.Custom && typeof info.Custom === 'object' ? info.Custom : {}) as Record<
    string,
    unknown
  >;
  const xmp = signals.xmp ?? {};
  return {
    title: documentTitle(first(xmp['dc:title']) ?? text(info.Title)),
    source: first(xmp['dc:publisher']) ?? text(custom.Publisher),
  };
}
