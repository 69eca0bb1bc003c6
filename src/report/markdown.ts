/**
 * The Markdown report, for reading on a code-hosting site: headings, tables
 * and lists (GitHub Flavored Markdown). Article text is escaped with
 * {@link escapeMarkdown} so `|` cannot break a table nor `*`, `[` or `<`
 * turn into markup.
 */
import { dismissedIn } from './build';
import { FRAME_IDS } from '../lexicon/schema';
import { sidesNotCompared } from '../compare/attributions';
import { describeLoadedKinds } from '../compare/loaded';
import { articleLabeller, pct } from '../compare/text';
import type { Comparison } from '../compare/types';
import type { ArticleAnalysis } from '../core/types';
import { escapeMarkdown as m } from './escape';
import { flagLines } from './highlights';
import type { Report } from './types';

const num = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? '—' : x.toFixed(digits);

function table(headers: string[], rows: string[][]): string {
  if (!rows.length) return '_None._';
  const line = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function articleTable(articles: ArticleAnalysis[]): string {
  return table(
    [
      'Id',
      'Source',
      'Title',
      'Date',
      'Words',
      'Loaded terms',
      'Attributions',
      'Scare quotes',
      'Partial quotes',
    ],
    articles.map((a) => [
      `\`${a.id.replace(/`/g, "'")}\``,
      m(a.source),
      m(a.title ?? '—'),
      m(a.date ?? '—'),
      String(a.wordCount),
      String(a.hits.filter((h) => h.lexicon === 'loaded-terms').length),
      String(a.attributions.length),
      String(a.scareQuotes.filter((q) => !q.attributed).length),
      String(a.scareQuotes.filter((q) => q.attributed).length),
    ]),
  );
}

function comparisonSections(c: Comparison, articles: ArticleAnalysis[]): string[] {
  const labelOf = articleLabeller(articles);
  const label = (id: string) => m(labelOf(id));
  const cols = c.articles.map((a) => label(a.id));
  const out: string[] = [];

  out.push('## Summary', '', m(c.summary.text), '');
  if (c.summary.claims.length) {
    out.push(
      ...c.summary.claims.map(
        (cl, i) => `${i + 1}. ${m(cl.text)} _(evidence: ${m(cl.evidence.part)} · ${m(cl.evidence.key)})_`,
      ),
      '',
    );
  }

  out.push('## Naming alignment', '');
  out.push(
    table(
      ['Concept', 'Category', ...cols],
      c.naming.concepts.map((r) => [
        `${m(r.concept)}${r.differs ? ' **(differs)**' : ''}`,
        m(r.category),
        ...c.articles.map((a) => {
          const u = r.uses.find((x) => x.articleId === a.id);
          return u
            ? u.variants
                .map((v) => `${m(v.forms.join(' / '))} ×${v.count}${v.quoted ? ` (${v.quoted} quoted)` : ''}`)
                .join('<br>')
            : '—';
        }),
      ]),
    ),
    '',
  );
  if (c.naming.actors.length) {
    out.push('### How each labels the actors', '');
    out.push(
      table(
        ['Actor', 'Side', ...cols],
        c.naming.actors.map((r) => [
          `${m(r.actor)}${r.differs ? ' **(differs)**' : ''}`,
          m(r.affiliation ?? ''),
          ...c.articles.map((a) => {
            const u = r.uses.find((x) => x.articleId === a.id);
            return u ? u.forms.map((f) => `${m(f.form)} ×${f.count}`).join('<br>') : '—';
          }),
        ]),
      ),
      '',
    );
  }

  out.push('## Loaded language by source', '');
  out.push(
    table(
      [
        'Article',
        'In its own words',
        'Per 1,000 own words',
        'Kinds',
        'Narration (per 1,000)',
        'Reported (per 1,000)',
        'Quoted (per 1,000)',
        'Loaded terms by category',
      ],
      c.loadedTerms.bySource.map((s) => [
        label(s.articleId),
        String(s.total.count),
        num(s.total.per1000),
        m(describeLoadedKinds(s.total.kinds)),
        `${s.byVoice.narration.count} (${num(s.byVoice.narration.per1000)})`,
        `${s.byVoice.reported.count} (${num(s.byVoice.reported.per1000)})`,
        `${s.byVoice.quoted.count} (${num(s.byVoice.quoted.per1000)})`,
        s.byCategory.map((k) => `${m(k.category)}: ${k.count}`).join(', '),
      ]),
    ),
    '',
    '### Terms only one article uses',
    '',
    table(
      ['Article', 'Term', 'Category', 'Count', 'Alternatives'],
      c.loadedTerms.uniqueTerms.map((u) => [
        label(u.articleId),
        m(u.forms.join(' / ')),
        m(u.category),
        String(u.count),
        m(u.alternatives.join(', ')),
      ]),
    ),
    '',
  );

  out.push('## Attributions', '', '### Asymmetries', '');
  out.push(
    table(
      ['Speaker or side', 'Distancing or denial in', 'Neutral, emphatic or endorsing in'],
      c.attributions.asymmetries.map((a) => [
        `${a.kind}: ${m(a.label)}`,
        a.distancing
          .map((u) => `${label(u.articleId)}: ${m(u.verbs.map((v) => `${v.verb} (${v.stance})`).join(', '))}`)
          .join('<br>'),
        a.credited
          .map((u) => `${label(u.articleId)}: ${m(u.verbs.map((v) => `${v.verb} (${v.stance})`).join(', '))}`)
          .join('<br>'),
      ]),
    ),
    '',
  );
  const noSides = sidesNotCompared(c.attributions);
  if (noSides) out.push(m(noSides), '');
  for (const art of c.attributions.byArticle) {
    const bySide = noSides
      ? ''
      : ` Voice share by side: ${art.sides.map((s) => `${m(s.side)} ${pct(s.share)}`).join(', ') || '—'}.`;
    out.push(
      `### ${label(art.articleId)}`,
      '',
      `${art.count} attributions, ${art.words} quoted or reported words; named ${pct(art.named.share)}, anonymous ${pct(art.anonymous.share)}, unresolved ${pct(art.unresolved.share)}.${bySide}`,
      '',
      table(
        ['Speaker', 'Type', ...(noSides ? [] : ['Side']), 'Verbs (stance)', 'Words', 'Voice share'],
        art.speakers.map((s) => [
          m(s.speaker),
          s.speakerType,
          ...(noSides ? [] : [m(s.side)]),
          s.attributions.map((x) => `${m(x.verb)} (${x.stance})`).join(', '),
          String(s.words),
          pct(s.share),
        ]),
      ),
      '',
    );
  }

  out.push('## Same quote, different treatment', '');
  if (!c.quotes.shared.length) out.push('_No quotation appears in more than one article._', '');
  for (const q of c.quotes.shared) {
    out.push(
      `### ${q.id}${q.differences.length ? ` (differs in ${q.differences.join(', ')})` : ''}`,
      '',
      `> ${m(q.text)}`,
      '',
      table(
        ['Article', 'Speaker', 'Verb', 'Stance', 'Kept', 'Paragraph'],
        q.uses.map((u) => [
          label(u.articleId),
          m(u.speaker ?? 'not found'),
          m(u.verb ?? 'not found'),
          u.stance ?? '—',
          pct(u.kept),
          String(u.paragraph),
        ]),
      ),
      '',
    );
  }

  out.push('## Prominence', '');
  out.push(
    table(
      ['Actor or speaker', ...cols],
      c.prominence.rows.map((r) => [
        `${r.kind}: ${m(r.label)}${r.differs ? ' **(differs)**' : ''}`,
        ...c.articles.map((a) => {
          const u = r.uses.find((x) => x.articleId === a.id);
          return u ? `${u.placement}${u.paragraph !== null ? ` ¶${u.paragraph}` : ''}` : 'absent';
        }),
      ]),
    ),
    '',
  );

  out.push('## Frame profiles', '');
  const used = FRAME_IDS.filter((f) => c.frames.profiles.some((p) => p.shares[f] > 0));
  out.push(
    table(
      ['Article', ...used],
      c.frames.profiles.map((p) => [label(p.articleId), ...used.map((f) => pct(p.shares[f]))]),
    ),
    '',
  );
  out.push('### Jensen–Shannon divergence', '');
  const matrix = c.frames.divergence.matrix;
  if (matrix) {
    out.push(
      table(
        ['', ...cols],
        c.articles.map((a) => [label(a.id), ...c.articles.map((b) => num(matrix[a.id][b.id]))]),
      ),
      '',
    );
  } else {
    out.push(
      table(
        ['Article', 'Nearest', 'Farthest'],
        c.frames.divergence.peers.map((p) => [
          label(p.articleId),
          p.nearest ? `${label(p.nearest.articleId)} (${num(p.nearest.divergence)})` : '—',
          p.farthest ? `${label(p.farthest.articleId)} (${num(p.farthest.divergence)})` : '—',
        ]),
      ),
      '',
    );
  }
  out.push(
    '### Tone',
    '',
    table(
      ['Article', 'Tone (−1..1)'],
      c.frames.tone.map((t) => [label(t.articleId), num(t.tone, 3)]),
    ),
    '',
  );

  out.push(
    '## Aligned facts',
    '',
    `_Differing words in **bold**. ${c.alignment.stats.sentences} sentences, ${c.alignment.stats.candidates} candidate pairs scored._`,
    '',
  );
  for (const g of c.alignment.groups) {
    out.push(
      `### ${g.id}${g.differs ? '' : ' (same wording)'}`,
      '',
      table(
        ['Article', 'Sentence', 'Text'],
        g.members.map((x) => [
          label(x.articleId),
          String(x.sentence),
          x.segments
            .map((s) =>
              s.differs && s.text.trim()
                ? `**${m(s.text.trim())}**${/\s$/.test(s.text) ? ' ' : ''}`
                : m(s.text),
            )
            .join(''),
        ]),
      ),
      '',
    );
  }

  out.push('## Omissions', '');
  out.push(
    table(
      ['Kind', 'What', 'Present in', 'Missing from', 'Why the tool thinks so'],
      c.omissions.items.map((o) => [
        o.kind,
        m(o.label),
        o.presentIn.map(label).join(', '),
        o.missingFrom.map(label).join(', '),
        o.evidence.closest.map((x) => m(x.reason)).join(' '),
      ]),
    ),
    '',
  );

  out.push('## Syndication', '');
  out.push(
    table(
      ['Article', 'Near-duplicate of', 'Jaccard', 'Containment'],
      c.syndication.pairs.map((p) => [label(p.a), label(p.b), pct(p.jaccard), pct(p.containment)]),
    ),
    '',
  );
  return out;
}

/** Each headline with its flags, a list item each; the flags nested under it. */
function headlineLines(report: Report): string[] {
  if (!report.headlines.length) return ['No article has a headline.'];
  const label = articleLabeller(report.articles);
  return report.headlines.flatMap((h) => {
    const flags = flagLines(h);
    return [
      `- **${m(label(h.id))}**: ${m(h.text)}`,
      ...(flags.length ? flags.map((f) => `  - ${m(f)}`) : ['  - _No flags._']),
    ];
  });
}

/** The dismissed flags, one list item each: the words and the sentence they were in. */
function dismissedLines(report: Report): string[] {
  if (!report.dismissed.length) return ['None: every flag is shown.'];
  const label = articleLabeller(report.articles);
  return report.dismissed.map(
    (d) =>
      `- ${m(label(d.articleId))}: ${m(d.kind)} \`${d.entry.replace(/`/g, "'")}\` — “${m(d.text)}” ${dismissedIn(d)} “${m(d.sentence)}”`,
  );
}

/**
 * Renders the report as Markdown.
 * @param report - articles, lexicon versions and the comparison (or null)
 */
export function renderMarkdown(report: Report): string {
  const title = report.comparison
    ? `framelens comparison of ${report.articles.length} articles`
    : `framelens analysis of ${report.articles.length} article${report.articles.length === 1 ? '' : 's'}`;
  const versions = Object.keys(report.lexicons)
    .sort()
    .map((k) => `${m(k)} \`${String(report.lexicons[k]).replace(/`/g, "'")}\``)
    .join(', ');
  const out = [
    `# ${title}`,
    '',
    `Lexicon versions: ${versions || '—'}`,
    '',
    '## Articles',
    '',
    articleTable(report.articles),
    '',
    '## Headlines',
    '',
    'Each headline analysed on its own; its flags do not count in the article’s rates.',
    '',
    ...headlineLines(report),
    '',
  ];
  if (report.comparison) out.push(...comparisonSections(report.comparison, report.articles));
  out.push('', '## Dismissed flags', '', ...dismissedLines(report));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
