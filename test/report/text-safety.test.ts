/**
 * Article and user text stays text in every report: Markdown never turns it
 * into links, mentions, entities, math or blocks, and right-to-left
 * overrides in names, titles and quoted words are isolated so they cannot
 * reorder what the report prints around them.
 */
import { compareArticles } from '../../src/compare';
import { balanceIsolates, escapeMarkdown, isolateHtml, isolateText } from '../../src/report/escape';
import { renderAnalysisMarkdown } from '../../src/format/analysis-markdown';
import { renderHtml, renderMarkdown, type Report } from '../../src/report';
import { headlineAnalysis } from '../../src/core/headline';
import { analyzer, article } from '../compare/helpers';
import { contrastPair } from '../compare/articles';

const RLO = '\u202e';
const LRE = '\u202a';
const FSI = '\u2068';
const PDI = '\u2069';

/** Text GitHub Flavored Markdown would turn into links, a mention, an entity, math and a list. */
const LINKY =
  'Read https://evil.example/steal and www.evil.example, write to tips@evil.example or mailto:tips@evil.example, cc @potus; &copy; $x^2$ ~~gone~~';

function linkyReport(): Report {
  const [a, b] = contrastPair();
  const evil = article(
    'linky',
    `${RLO}Daily Ledger`,
    `1. ${LINKY}`,
    `Officials said the talks in Kiev failed. ${LINKY}\n\nThe "so-called" convoy reached Kiev on Monday.`,
  );
  const articles = [a, b, evil];
  const dismissed = [
    {
      articleId: 'linky',
      source: evil.source,
      part: 'body' as const,
      sentence: `${LRE}The sentence of the coup`,
      kind: 'loaded-terms',
      entry: 'x',
      text: `${LRE}coup`,
      start: 10,
      end: 14,
    },
  ];
  return {
    articles,
    headlines: articles.flatMap((x) => headlineAnalysis(analyzer, x) ?? []),
    lexicons: analyzer.versions,
    comparison: compareArticles(articles),
    dismissed,
  };
}

/** What remains of Markdown once every backslash escape is taken out: markup a renderer would act on. */
const unescaped = (md: string) => md.replace(/\\[\s\S]/g, '');

/** The text left once every balanced isolate (FSI … PDI) is taken out, innermost first. */
function outsideIsolates(text: string): string {
  let rest = text;
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/[\u2066-\u2068][^\u2066-\u2069]*\u2069/g, '');
  }
  return rest;
}

describe('escapeMarkdown', () => {
  it('breaks every GFM autolink, mention, entity and math span with a backslash escape', () => {
    expect(escapeMarkdown(LINKY)).toBe(
      'Read https\\://evil.example/steal and www\\.evil.example, write to tips\\@evil.example or mailto\\:tips\\@evil.example, cc \\@potus; \\&copy; \\$x^2\\$ \\~\\~gone\\~\\~',
    );
  });

  it('escapes list and heading markers at the start and drops indentation that would make code', () => {
    expect(escapeMarkdown('    2) second')).toBe('2\\) second');
    expect(escapeMarkdown('+ plus')).toBe('\\+ plus');
    expect(escapeMarkdown('= rule')).toBe('\\= rule');
    expect(escapeMarkdown('- dash')).toBe('\\- dash');
    expect(escapeMarkdown('2021-04-12')).toBe('2021-04-12');
  });
});

describe('bidi isolation helpers', () => {
  it('leaves left-to-right text alone and isolates right-to-left letters and overrides', () => {
    expect(isolateText('Daily Ledger')).toBe('Daily Ledger');
    expect(isolateText('הארץ')).toBe(`${FSI}הארץ${PDI}`);
    expect(isolateText(`${RLO}evil`)).toBe(`${FSI}${RLO}evil${PDI}`);
    expect(isolateHtml(`${RLO}<b>`)).toBe(`<bdi>${RLO}&lt;b&gt;</bdi>`);
  });

  it('pairs stray isolates so none can end or outlive the enclosing one, removing nothing', () => {
    expect(balanceIsolates(`a${PDI}${RLO}b`)).toBe(`${FSI}a${PDI}${RLO}b`);
    expect(balanceIsolates(`a\u2067b`)).toBe(`a\u2067b${PDI}`);
    expect(balanceIsolates(`a${FSI}b${PDI}c`)).toBe(`a${FSI}b${PDI}c`);
    const isolated = isolateText(`x${PDI}${PDI}${RLO}y\u2066`);
    expect(outsideIsolates(isolated)).toBe('');
  });
});

describe('the Markdown report', () => {
  const report = linkyReport();
  const md = renderMarkdown(report);

  it('carries the article text but no autolink, mention, entity or math a GFM renderer would act on', () => {
    expect(md).toContain('https\\://evil.example/steal');
    const bare = unescaped(md);
    expect(bare).not.toMatch(/:\/\/|www\.|mailto:|@|&|\$/i);
    // Only the line breaks the report itself writes in cells are HTML.
    expect(bare.replace(/<br>/g, '')).not.toMatch(/</);
    // The title starting with "1." does not become a list item.
    expect(md).toContain('1\\. Read');
  });

  it('isolates every right-to-left override, in labels, titles and dismissed text', () => {
    expect(md.split(RLO).length).toBeGreaterThan(2);
    expect(md).toContain(LRE);
    expect(outsideIsolates(md)).not.toMatch(/[\u202a-\u202e]/);
  });

  it('does the same in the analysis Markdown of the CLI', () => {
    const out = renderAnalysisMarkdown({ lexicons: analyzer.versions, articles: report.articles });
    expect(unescaped(out)).not.toMatch(/:\/\/|www\.|@|&/i);
    expect(out).toContain(RLO);
    expect(outsideIsolates(out)).not.toContain(RLO);
  });
});

describe('the HTML report', () => {
  const html = renderHtml(linkyReport());

  it('isolates every label, title, summary and dismissed text with a direction override', () => {
    expect((html.match(/[\u202a-\u202e]/g) ?? []).length).toBeGreaterThan(2);
    // In a <bdi> element, or (the summary's prose, written by the comparison as text) between FSI and PDI.
    expect(html).toMatch(/<bdi>\u202eDaily Ledger<\/bdi>/);
    expect(outsideIsolates(html.replace(/<bdi>[^<]*<\/bdi>/g, ''))).not.toMatch(/[\u202a-\u202e]/);
  });
});
