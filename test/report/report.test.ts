import { compareArticles } from '../../src/compare';
import {
  CSV_COLUMNS,
  csvCell,
  escapeHtml,
  escapeMarkdown,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  type Report,
} from '../../src/report';
import { headlineAnalysis } from '../../src/core/headline';
import { analyzer, article } from '../compare/helpers';
import { contrastPair } from '../compare/articles';
import { floodStory } from '../compare/flood';

const HOSTILE = '<script>alert("x")</script>';

/** Two articles whose title, source and text carry markup, pipes and a formula. */
function hostileReport(): Report {
  const [a, b] = contrastPair();
  const evil = article(
    'evil',
    `=HYPERLINK("evil") ${HOSTILE}`,
    `Kiev | ${HOSTILE} *bold* [link](javascript:x)`,
    `Sergei Ryabkov claimed that no talks had taken place ${HOSTILE} at the level of ministers.\n\nThe "so-called" convoy reached Kiev <img src=x onerror=alert(1)> on Monday.`,
  );
  evil.url = 'https://example.org/a?b=<i>&c="d"';
  const articles = [a, b, evil];
  // A dismissed flag whose text carries markup: every format lists it, escaped.
  const dismissed = [
    {
      articleId: 'evil',
      source: evil.source,
      part: 'body' as const,
      sentence: `The sentence of ${HOSTILE}`,
      kind: 'loaded-terms',
      entry: 'x',
      text: HOSTILE,
      start: 0,
      end: 1,
    },
  ];
  const headlines = articles.flatMap((x) => headlineAnalysis(analyzer, x) ?? []);
  return {
    articles,
    headlines,
    lexicons: analyzer.versions,
    comparison: compareArticles(articles),
    dismissed,
  };
}

describe('renderHtml', () => {
  const report = hostileReport();
  const html = renderHtml(report);

  it('is self-contained: no script, no external resource, no link out', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img|<link|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    // The only http(s) text is the article's own url, escaped, outside any attribute.
    expect(html.match(/https?:\/\/[^\s<]*/g)).toEqual([
      'https://example.org/a?b=&lt;i&gt;&amp;c=&quot;d&quot;',
    ]);
  });

  it('escapes article text, titles and sources everywhere', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('marks each highlight kind with its own class and an explaining title', () => {
    for (const kind of ['loaded', 'naming', 'attribution', 'scare'])
      expect(html).toMatch(new RegExp(`<span class="hl hl-${kind}" title="[^"]+Citation: `));
    expect(html).toMatch(
      /text-decoration-style:solid[\s\S]*text-decoration-style:dashed[\s\S]*text-decoration-style:double[\s\S]*text-decoration-style:wavy/,
    );
  });

  it('is printable and carries the tables and charts', () => {
    expect(html).toContain('@media print');
    for (const id of [
      'summary',
      'naming',
      'loadedTerms',
      'attributions',
      'quotes',
      'prominence',
      'frames',
      'alignment',
      'omissions',
      'syndication',
    ])
      expect(html).toContain(`<section id="${id}">`);
    // The page's charts, one chart module.
    expect(html).toMatch(/<svg class="chart" [^>]*aria-labelledby="frame-chart-title"/);
    expect(html).toMatch(/<svg class="chart matrix" [^>]*aria-labelledby="matrix-title"/);
    expect(html).toContain('<mark class="diff">');
  });

  it('renders an analysis without a comparison', () => {
    const one = renderHtml({
      articles: [report.articles[0]],
      headlines: [],
      lexicons: report.lexicons,
      comparison: null,
      dismissed: [],
    });
    expect(one).toContain('framelens analysis of 1 article');
    expect(one).not.toContain('<section id="summary">');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(hostileReport());

  it('writes tables with escaped pipes and markup', () => {
    expect(md).toMatch(/^\| Concept \| Category \|/m);
    expect(md).toContain('Kiev \\| \\<script\\>alert("x")\\</script\\> \\*bold\\* \\[link\\](javascript:x)');
    expect(md).not.toContain('<script>');
    // Every table row has as many cells as its header.
    const tables = md.split(/\n\n/).filter((b) => b.startsWith('| '));
    for (const t of tables) {
      const widths = t.split('\n').map((line) => line.replace(/\\\|/g, '').split('|').length);
      expect(new Set(widths).size).toBe(1);
    }
  });
});

describe('omission evidence', () => {
  const report = hostileReport();
  const omissions = report.comparison!.omissions.items;

  it('says in Markdown and HTML why each omission is claimed', () => {
    expect(omissions.length).toBeGreaterThan(0);
    const md = renderMarkdown(report);
    const html = renderHtml(report);
    expect(md).toMatch(/^\| Kind \| What \| Present in \| Missing from \| Why the tool thinks so \|/m);
    expect(html).toMatch(/<th scope="col">(<bdi>)?Why the tool thinks so/);
    for (const o of omissions)
      for (const c of o.evidence.closest) {
        expect(c.reason).toMatch(/never (mentions|names)|neither names nor quotes|closest passage/);
        expect(md).toContain(escapeMarkdown(c.reason));
        expect(html).toContain(escapeHtml(c.reason));
      }
  });
});

describe('sides in the reports', () => {
  it('drops the side column and says why when every known side is the same', () => {
    const articles = floodStory();
    const report: Report = {
      articles,
      headlines: [],
      lexicons: analyzer.versions,
      comparison: compareArticles(articles),
      dismissed: [],
    };
    const md = renderMarkdown(report);
    const html = renderHtml(report);
    for (const out of [md, html]) {
      expect(out).toContain(
        'Sides are not compared: every speaker with a known side is on the same one (us).',
      );
      expect(out).not.toContain('Voice share by side');
    }
    expect(md).not.toMatch(/^\| Speaker \| Type \| Side \|/m);
  });

  it('keeps them where speakers stand on two sides', () => {
    const md = renderMarkdown(hostileReport());
    expect(md).toContain('Voice share by side');
    expect(md).toMatch(/^\| Speaker \| Type \| Side \|/m);
  });
});

describe('renderCsv', () => {
  const csv = renderCsv(hostileReport());
  const lines = csv.split('\r\n');

  it('has exactly the agreed columns', () => {
    expect(lines[0]).toBe(
      'article_id,source,title,date,url,part,finding,text,category,stance,speaker,voice,sentence,start,end',
    );
    expect(CSV_COLUMNS).toHaveLength(15);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('defuses formulas and quotes per RFC 4180', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe('');
    const evilRows = lines.filter((l) => l.startsWith('evil,'));
    expect(evilRows.length).toBeGreaterThan(0);
    for (const row of evilRows) expect(row.startsWith(`evil,"'=HYPERLINK(""evil"")`)).toBe(true);
  });

  it('lists article findings and comparison findings', () => {
    const findings = new Set(
      lines
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(',')[6]),
    );
    for (const f of ['naming-variants', 'reporting-verbs', 'attribution', 'omission', 'asymmetry'])
      expect(findings.has(f)).toBe(true);
  });
});

describe('escaping helpers', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('keeps markdown on one line', () => {
    expect(escapeMarkdown('a|b\n# c')).toBe('a\\|b \\# c');
  });
});

describe('renderers', () => {
  it('are deterministic: the same input gives byte-identical output', () => {
    const a = hostileReport();
    const b = hostileReport();
    for (const render of [renderJson, renderMarkdown, renderHtml, renderCsv])
      expect(render(b)).toBe(render(a));
  });

  it('writes JSON that is the analyze output plus the comparison and the dismissed flags', () => {
    const parsed = JSON.parse(renderJson(hostileReport()));
    expect(Object.keys(parsed)).toEqual([
      'articles',
      'headlines',
      'lexicons',
      'entries',
      'comparison',
      'dismissed',
    ]);
    expect(Object.keys(parsed.comparison)).toEqual([
      'articles',
      'naming',
      'loadedTerms',
      'attributions',
      'quotes',
      'prominence',
      'frames',
      'alignment',
      'omissions',
      'syndication',
      'summary',
    ]);
  });
});
