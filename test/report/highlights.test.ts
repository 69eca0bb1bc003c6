import fc from 'fast-check';
import { HIGHLIGHT_KINDS, paragraphRuns, type Highlight } from '../../src/report/highlights';
import { resolveOverlaps } from '../../src/web/html';

/** Highlights of every kind at random places in a 200-character text, sorted as highlightsOf sorts them. */
const highlightsArb = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...HIGHLIGHT_KINDS),
      start: fc.nat(199),
      length: fc.integer({ min: 1, max: 40 }),
    }),
    { maxLength: 60 },
  )
  .map((xs) =>
    xs
      .map(({ kind, start, length }, i): Highlight => ({
        kind,
        start,
        end: Math.min(200, start + length),
        lines: [`h${i}`],
      }))
      .sort(
        (x, y) =>
          x.start - y.start ||
          y.end - x.end ||
          HIGHLIGHT_KINDS.indexOf(x.kind) - HIGHLIGHT_KINDS.indexOf(y.kind),
      ),
  );

/** Ascending, non-overlapping paragraphs of the same text, with gaps between some. */
const paragraphsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 2, maxLength: 12 })
  .map((cuts) => {
    const sorted = [...cuts].sort((x, y) => x - y);
    const out = [];
    for (let i = 0; i + 1 < sorted.length; i += 1 + (sorted[i] % 2))
      out.push({ start: sorted[i], end: sorted[i + 1] });
    return out;
  });

describe('paragraphRuns', () => {
  it('tiles each paragraph with runs whose highlights are exactly those covering the run, in order', () => {
    fc.assert(
      fc.property(highlightsArb, paragraphsArb, (highlights, paragraphs) => {
        const runs = paragraphRuns(highlights, paragraphs);
        expect(runs).toHaveLength(paragraphs.length);
        paragraphs.forEach((p, i) => {
          expect(runs[i][0].start).toBe(p.start);
          expect(runs[i][runs[i].length - 1].end).toBe(p.end);
          for (let k = 0; k + 1 < runs[i].length; k++) expect(runs[i][k].end).toBe(runs[i][k + 1].start);
          for (const run of runs[i]) {
            expect(run.end).toBeGreaterThan(run.start);
            expect(run.active).toEqual(highlights.filter((h) => h.start <= run.start && h.end >= run.end));
            // A run never straddles a highlight's edge.
            for (const h of highlights) {
              expect(h.start > run.start && h.start < run.end).toBe(false);
              expect(h.end > run.start && h.end < run.end).toBe(false);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('carries a highlight that crosses a paragraph break into the next paragraph', () => {
    const quote: Highlight = { kind: 'scare', start: 5, end: 25, lines: ['q'] };
    const [first, second] = paragraphRuns(
      [quote],
      [
        { start: 0, end: 10 },
        { start: 12, end: 30 },
      ],
    );
    expect(first.map((r) => `${r.start}-${r.end}:${r.active.length}`)).toEqual(['0-5:0', '5-10:1']);
    expect(second.map((r) => `${r.start}-${r.end}:${r.active.length}`)).toEqual(['12-25:1', '25-30:0']);
  });
});

describe('resolveOverlaps (the page keeps one highlight per place)', () => {
  /** The rule as first written: by kind, then start, then the longer; keep what overlaps nothing kept. */
  function greedy(highlights: Highlight[]): Highlight[] {
    const rank = (h: Highlight) => HIGHLIGHT_KINDS.indexOf(h.kind);
    const sorted = [...highlights].sort((a, b) => rank(a) - rank(b) || a.start - b.start || b.end - a.end);
    const kept: Highlight[] = [];
    for (const h of sorted) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
    return kept.sort((a, b) => a.start - b.start);
  }

  it('keeps the same highlights as the greedy rule, disjoint and in order', () => {
    fc.assert(
      fc.property(highlightsArb, (highlights) => {
        const kept = resolveOverlaps(highlights);
        expect(kept).toEqual(greedy(highlights));
        for (let i = 0; i + 1 < kept.length; i++) expect(kept[i].end).toBeLessThanOrEqual(kept[i + 1].start);
      }),
      { numRuns: 500 },
    );
  });

  it('prefers a loaded term over a longer attribution that covers it', () => {
    const loaded: Highlight = { kind: 'loaded', start: 10, end: 14, lines: ['coup'] };
    const attribution: Highlight = { kind: 'attribution', start: 0, end: 30, lines: ['said'] };
    const scare: Highlight = { kind: 'scare', start: 20, end: 28, lines: ['"so-called"'] };
    expect(resolveOverlaps([attribution, loaded, scare])).toEqual([loaded, scare]);
  });
});
