/**
 * Shared fixtures of the comparison and report tests: an analyzer on the
 * small fixture lexicons, an article builder, and compact-string views of
 * findings so a failing test reads like a diff.
 */
import { createAnalyzer } from '../../src/core/analyze';
import type { ArticleAnalysis } from '../../src/core/types';
import { articleFromText } from '../../src/ingest/article';
import { readLexiconSources } from '../../src/lexicon/load';
import { buildLexiconSet } from '../../src/lexicon/parse';
import type { Comparison } from '../../src/compare/types';

export const analyzer = createAnalyzer(buildLexiconSet(readLexiconSources('test/fixtures/lexicons')));

/** Analyses an article written with front matter; paragraphs are separated by blank lines. */
export function article(id: string, source: string, title: string, body: string): ArticleAnalysis {
  const text = `source: ${source}\ntitle: ${title}\ndate: 2021-04-12\n\n${body.trim()}\n`;
  return analyzer.analyze(articleFromText(`${id}.txt`, text));
}

/** Compact views of each part: one string per finding. */
export const show = {
  naming: (c: Comparison) =>
    c.naming.concepts.map(
      (r) =>
        `${r.concept}: ${r.uses.map((u) => `${u.articleId}=${u.variants.map((v) => `${v.variant}×${v.count}`).join('+')}`).join(' ')}${r.differs ? ' differs' : ''}`,
    ),
  asymmetries: (c: Comparison) =>
    c.attributions.asymmetries.map(
      (a) =>
        `${a.kind}:${a.key} distancing[${a.distancing.map((u) => `${u.articleId}:${u.verbs.map((v) => v.verb).join(',')}`).join(' ')}] credited[${a.credited.map((u) => `${u.articleId}:${u.verbs.map((v) => v.verb).join(',')}`).join(' ')}]`,
    ),
  quotes: (c: Comparison) =>
    c.quotes.shared.map(
      (q) =>
        `${q.id} ${q.uses.map((u) => `${u.articleId}:${u.verb}/${u.stance} kept=${u.kept} ¶${u.paragraph}`).join(' | ')} [${q.differences.join(',')}]`,
    ),
  facts: (c: Comparison) =>
    c.alignment.groups.map((g) =>
      g.members
        .map(
          (m) =>
            `${m.articleId}#${m.sentence} ${m.segments.map((s) => (s.differs ? `[${s.text}]` : s.text)).join('')}`,
        )
        .join(' || '),
    ),
  omissions: (c: Comparison) =>
    c.omissions.items.map(
      (o) => `${o.kind}:${o.key} in=${o.presentIn.join(',')} missing=${o.missingFrom.join(',')}`,
    ),
  prominence: (c: Comparison) =>
    c.prominence.rows.map(
      (r) =>
        `${r.kind}:${r.key} ${r.uses.map((u) => `${u.articleId}=${u.placement}${u.paragraph ?? ''}`).join(' ')}${r.differs ? ' differs' : ''}`,
    ),
  syndication: (c: Comparison) => c.syndication.pairs.map((p) => `${p.a}~${p.b}`),
};
