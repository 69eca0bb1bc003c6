/**
 * Markdown for `framelens analyze --format md`: one section per article with
 * its attributions, flagged terms, scare quotes, frames and diagnostics.
 */
import type { AnalysisReport, ArticleAnalysis } from '../core/types';
import { FRAME_IDS } from '../lexicon/kinds';
import { escapeMarkdown } from '../report/escape';

const cell = (s: string | number | boolean | null | undefined) =>
  s === null || s === undefined || s === '' ? '—' : escapeMarkdown(String(s));

function table(headers: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  if (rows.length === 0) return '_none_\n';
  const head = `| ${headers.join(' | ')} |\n| ${headers.map(() => '---').join(' | ')} |\n`;
  return head + rows.map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') + '\n';
}

function articleSection(a: ArticleAnalysis): string {
  const parts: string[] = [];
  parts.push(`## ${escapeMarkdown(a.source)}${a.title ? ` — ${escapeMarkdown(a.title)}` : ''}\n`);
  parts.push(
    `id \`${a.id.replace(/`/g, "'")}\` · date ${cell(a.date)} · ${a.wordCount} words (${a.words.narration} narration, ${a.words.reported} reported, ${a.words.quoted} quoted) · tone ${a.tone.article}\n`,
  );
  parts.push('### Attributions\n');
  parts.push(
    table(
      ['speaker', 'type', 'side', 'verb', 'stance', 'form', 'quote'],
      a.attributions.map((x) => [
        x.speaker + (x.resolved ? ' (resolved)' : ''),
        x.speakerType,
        x.affiliation ?? 'unaffiliated',
        x.verb,
        x.stance,
        x.form,
        x.quote.length > 120 ? `${x.quote.slice(0, 117)}…` : x.quote,
      ]),
    ),
  );
  const flagged = a.hits.filter(
    (h) => h.lexicon !== 'frames' && h.lexicon !== 'actors' && h.lexicon !== 'reporting-verbs',
  );
  parts.push('\n### Flagged terms\n');
  parts.push(
    table(
      ['text', 'lexicon', 'entry', 'category', 'voice', 'negated', 'alternatives', 'offsets'],
      flagged.map((h) => [
        h.text,
        h.lexicon,
        h.concept ? `${h.concept}/${h.entry}` : h.entry,
        h.category,
        h.voice,
        h.negated,
        h.alternatives.join(', '),
        `${h.start}-${h.end}`,
      ]),
    ),
  );
  parts.push('\n### Scare quotes and partial quotes\n');
  parts.push(
    table(
      ['text', 'kind', 'offsets'],
      a.scareQuotes.map((s) => [
        s.text,
        s.attributed ? 'partial quote (credited to a speaker)' : 'scare quote (no speaker credited)',
        `${s.start}-${s.end}`,
      ]),
    ),
  );
  parts.push('\n### Framing dimensions\n');
  const frames = FRAME_IDS.filter((id) => a.frames[id].hits > 0).sort(
    (x, y) => a.frames[y].hits - a.frames[x].hits || x.localeCompare(y),
  );
  parts.push(
    table(
      ['dimension', 'hits', 'per 1,000 words', 'share'],
      frames.map((id) => [
        id,
        a.frames[id].hits,
        a.frames[id].per1000,
        `${Math.round(a.frames[id].share * 100)}%`,
      ]),
    ),
  );
  if (a.diagnostics.length) {
    parts.push('\n### Diagnostics\n');
    parts.push(a.diagnostics.map((d) => `- ${d.code}: ${escapeMarkdown(d.message)}`).join('\n') + '\n');
  }
  return parts.join('');
}

/** Renders an analysis report as Markdown. */
export function renderAnalysisMarkdown(report: AnalysisReport): string {
  const lexicons = Object.entries(report.lexicons)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `# framelens analysis\n\nLexicon versions: ${lexicons}\n\n${report.articles.map(articleSection).join('\n')}`;
}
