import { loadLexicons } from '../../src/lexicon/load';
import { FRAME_IDS, LOADED_TERM_DOMAINS, STANCES } from '../../src/lexicon/schema';

describe('shipped lexicons', () => {
  const set = loadLexicons();

  it('loads every shipped file without error', () => {
    expect(set.files['loaded-terms'].length).toBeGreaterThan(0);
  });

  it('has at least 400 loaded terms spread over news domains (a floor against a lost file, not a goal)', () => {
    const terms = set.entries['loaded-terms'];
    expect(terms.length).toBeGreaterThanOrEqual(400);
    const byDomain = new Map<string, number>();
    for (const t of terms) byDomain.set(t.domain, (byDomain.get(t.domain) ?? 0) + 1);
    for (const domain of ['politics', 'conflict', 'crime', 'protest', 'migration', 'economy']) {
      expect([domain, byDomain.get(domain) ?? 0]).toEqual([domain, expect.any(Number)]);
      expect(byDomain.get(domain) ?? 0).toBeGreaterThanOrEqual(10);
    }
    expect([...byDomain.keys()].every((d) => (LOADED_TERM_DOMAINS as readonly string[]).includes(d))).toBe(
      true,
    );
  });

  it('has at least 40 naming-variant concepts, each with two or more variants', () => {
    const concepts = set.entries['naming-variants'];
    expect(concepts.length).toBeGreaterThanOrEqual(40);
    for (const c of concepts) expect(c.variants.length).toBeGreaterThanOrEqual(2);
  });

  it('has at least 120 reporting verbs and cues covering every stance', () => {
    const verbs = set.entries['reporting-verbs'];
    expect(verbs.length).toBeGreaterThanOrEqual(120);
    for (const stance of STANCES)
      expect(verbs.filter((v) => v.stance === stance).length).toBeGreaterThanOrEqual(5);
  });

  it('has at least 100 hedges and boosters together (a floor against a lost file, not a goal)', () => {
    expect(set.entries.hedges.length + set.entries.boosters.length).toBeGreaterThanOrEqual(100);
  });

  it('has all 15 frame dimensions with at least 25 cue terms each', () => {
    const frames = set.entries.frames;
    expect(frames.map((f) => f.id).sort()).toEqual([...FRAME_IDS].sort());
    for (const f of frames) expect([f.id, f.patterns.length >= 25]).toEqual([f.id, true]);
  });

  it('gives every entry a citation and a note', () => {
    for (const kind of Object.keys(set.entries) as (keyof typeof set.entries)[]) {
      for (const e of set.entries[kind] as { id: string; citation: string; note: string }[]) {
        expect([kind, e.id, e.citation.length > 3 && e.note.length > 3]).toEqual([kind, e.id, true]);
      }
    }
  });

  it('cites every entry of every kind by a reference from the bibliography, never "framelens rationale"', () => {
    for (const kind of Object.keys(set.entries) as (keyof typeof set.entries)[]) {
      for (const e of set.entries[kind] as { id: string; ref?: string; citation: string }[]) {
        expect([kind, e.id, typeof e.ref]).toEqual([kind, e.id, 'string']);
        expect([kind, e.id, /framelens rationale/i.test(e.citation)]).toEqual([kind, e.id, false]);
      }
    }
  });
});
