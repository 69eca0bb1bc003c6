/**
 * Server-rendered SVG charts (no client library, no CDN: the app works
 * offline). Bar and cell values are also written as text, so colour is never
 * the only cue. Every label goes through {@link escapeHtml}.
 */
import { FRAME_IDS, type FrameId } from '../lexicon/schema';
import { articleLetter, pct } from '../compare/text';
import { escapeHtml } from './escape';

/** Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. */
export const ARTICLE_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

export const articleColour = (i: number) => ARTICLE_COLOURS[i % ARTICLE_COLOURS.length];

export interface ChartArticle {
  id: string;
  source: string;
}

export const FRAME_LABELS: Record<FrameId, string> = {
  economic: 'Economic',
  'capacity-resources': 'Capacity & resources',
  morality: 'Morality',
  'fairness-equality': 'Fairness & equality',
  legality: 'Legality',
  policy: 'Policy',
  'crime-punishment': 'Crime & punishment',
  'security-defense': 'Security & defence',
  'health-safety': 'Health & safety',
  'quality-of-life': 'Quality of life',
  'cultural-identity': 'Cultural identity',
  'public-opinion': 'Public opinion',
  political: 'Political',
  'external-regulation': 'External regulation',
  other: 'Other',
};

/**
 * Grouped horizontal bars: each framing dimension used by any article, one bar per article.
 * @param articles - the articles, in column order
 * @param shares - per article id, the share of each frame (0..1)
 */
export function frameChartSvg(
  articles: ChartArticle[],
  shares: Record<string, Partial<Record<FrameId, number>>>,
): string {
  const frames = FRAME_IDS.filter((f) => articles.some((a) => (shares[a.id]?.[f] ?? 0) > 0));
  if (!frames.length) return '<p class="muted">No framing cues found in these articles.</p>';
  const max = Math.max(...frames.flatMap((f) => articles.map((a) => shares[a.id]?.[f] ?? 0)), 0.01);
  const labelWidth = 170;
  const barArea = 400;
  const barHeight = 12;
  const groupGap = 12;
  const groupHeight = articles.length * (barHeight + 2) + groupGap;
  const width = labelWidth + barArea + 60;
  const height = frames.length * groupHeight + 8;
  const parts: string[] = [];
  frames.forEach((f, fi) => {
    const y0 = 4 + fi * groupHeight;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y0 + (articles.length * (barHeight + 2)) / 2 + 4}" text-anchor="end" class="chart-label">${escapeHtml(FRAME_LABELS[f])}</text>`,
    );
    articles.forEach((a, ai) => {
      const share = shares[a.id]?.[f] ?? 0;
      const w = Math.max(share > 0 ? 2 : 0, Math.round((share / max) * barArea));
      const y = y0 + ai * (barHeight + 2);
      parts.push(
        `<g><title>${escapeHtml(`${a.source}: ${FRAME_LABELS[f]} ${pct(share)} of frame cues`)}</title>` +
          `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" fill="${articleColour(ai)}"></rect>` +
          `<text x="${labelWidth + w + 4}" y="${y + barHeight - 2}" class="chart-value">${articleLetter(ai)} ${pct(share)}</text></g>`,
      );
    });
  });
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="frame-chart-title">` +
    `<title id="frame-chart-title">Share of framing cues per dimension, by article</title>${parts.join('')}</svg>`
  );
}

/**
 * Jensen–Shannon divergence matrix as a table-like SVG heat map with the values written in each cell.
 * @param articles - row and column order
 * @param matrix - divergence by article id pair (0..1), null where an article has no frame cues
 */
export function divergenceMatrixSvg(
  articles: ChartArticle[],
  matrix: Record<string, Record<string, number | null>>,
): string {
  const cell = 52;
  const left = 40;
  const top = 28;
  const size = articles.length * cell;
  const parts: string[] = [];
  articles.forEach((a, i) => {
    parts.push(
      `<text x="${left + i * cell + cell / 2}" y="${top - 10}" text-anchor="middle" class="chart-label">${articleLetter(i)}</text>`,
    );
    parts.push(
      `<text x="${left - 8}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end" class="chart-label">${articleLetter(i)}</text>`,
    );
  });
  articles.forEach((a, i) => {
    articles.forEach((b, j) => {
      const v = matrix[a.id]?.[b.id];
      const x = left + j * cell;
      const y = top + i * cell;
      const shade =
        v === null || v === undefined
          ? '#eeeeee'
          : `rgb(${Math.round(255 - v * 200)},${Math.round(255 - v * 150)},255)`;
      const label = v === null || v === undefined ? '–' : v.toFixed(2);
      parts.push(
        `<g><title>${escapeHtml(`${a.source} vs ${b.source}: ${v === null || v === undefined ? 'no frame cues' : `divergence ${label}`}`)}</title>` +
          `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${shade}" stroke="#999999" stroke-width="0.5"></rect>` +
          `<text x="${x + cell / 2 - 1}" y="${y + cell / 2 + 4}" text-anchor="middle" class="chart-value${v !== null && v !== undefined && v > 0.6 ? ' on-dark' : ''}">${label}</text></g>`,
      );
    });
  });
  return (
    `<svg class="chart matrix" viewBox="0 0 ${left + size + 4} ${top + size + 4}" width="${Math.min(left + size + 4, 640)}" role="img" aria-labelledby="matrix-title">` +
    `<title id="matrix-title">Frame divergence between articles (Jensen–Shannon, 0 = same profile, 1 = nothing shared)</title>${parts.join('')}</svg>`
  );
}
