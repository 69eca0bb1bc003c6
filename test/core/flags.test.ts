import { flagsOf, hasFlag, removeFlags, suppressedFlags, type Flag } from '../../src/core/flags';
import type { ArticleAnalysis } from '../../src/core/types';
import { article, shippedAnalyzer } from '../helpers/analyzer';

const TEXT =
  'The regime in Kiev may have ordered the strike, a senior official who asked not to be named said on Tuesday. ' +
  'Ann Ford, the defence minister, insisted that the army would clearly protect the border. ' +
  'The "peace mission" began at dawn and will cost taxpayers millions.';

const analysis = shippedAnalyzer().analyze(article(TEXT));

/** `'4-10 loaded-terms:regime'`, so a failing test reads like a diff. */
const flagString = (f: Flag) => `${f.start}-${f.end} ${f.kind}:${f.entry}`;

function flag(kind: string, text: string): Flag {
  const f = flagsOf(analysis).find((x) => x.kind === kind && x.text === text);
  if (!f) throw new Error(`test setup: no ${kind} flag "${text}" in the test article`);
  return f;
}

/** Removes one flag and checks it is gone while every other flag stays. */
function without(f: Flag): ArticleAnalysis {
  const after = removeFlags(analysis, [f]);
  expect(flagsOf(after).map(flagString)).toEqual(
    flagsOf(analysis)
      .map(flagString)
      .filter((s) => s !== flagString(f)),
  );
  expect(hasFlag(after, f)).toBe(false);
  return after;
}

describe('removeFlags', () => {
  it('finds every kind of flag in the test article', () => {
    expect(new Set(flagsOf(analysis).map((f) => f.kind))).toEqual(
      new Set([
        'loaded-terms',
        'naming-variants',
        'hedges',
        'boosters',
        'frames',
        'anonymous-sources',
        'actors',
        'reporting-verbs',
        'attributions',
        'scare-quotes',
      ]),
    );
  });

  it('removes a loaded term from the loaded-language counts', () => {
    // "regime", and "clearly" as editorial comment.
    expect(analysis.loaded.reported.kinds['loaded-terms']).toBe(2);
    const after = without(flag('loaded-terms', 'regime'));
    expect(after.loaded.reported.kinds['loaded-terms']).toBe(1);
    expect(after.loaded.reported.count).toBe(analysis.loaded.reported.count - 1);
    expect(after.loaded.reported.per1000).toBeLessThan(analysis.loaded.reported.per1000);
  });

  it('removes a naming variant from the naming uses and the loaded-language counts', () => {
    expect(analysis.naming).toEqual([{ concept: 'kyiv', variant: 'kiev', count: 1 }]);
    const after = without(flag('naming-variants', 'Kiev'));
    expect(after.naming).toEqual([]);
    expect(after.names).toEqual([]);
    expect(after.loaded.reported.kinds['naming-variants']).toBe(0);
  });

  it('removes a hedge from the hedge rates', () => {
    expect(analysis.hedges.reported.count).toBe(1);
    const after = without(flag('hedges', 'may have'));
    expect(after.hedges.reported).toEqual({ count: 0, per1000: 0 });
  });

  it('removes a booster from the booster rates', () => {
    const before = analysis.boosters.reported.count;
    expect(before).toBe(1);
    const after = without(flag('boosters', 'clearly'));
    expect(after.boosters.reported).toEqual({ count: 0, per1000: 0 });
  });

  it('removes a frame cue from the frame scores, shares included', () => {
    expect(analysis.frames['security-defense'].hits).toBe(3);
    const after = without(flag('frames', 'army'));
    expect(after.frames['security-defense'].hits).toBe(2);
    expect(after.frames['security-defense'].share).toBe(0.5);
    expect(after.frames.economic.share).toBe(0.5);
    expect(after.frames['security-defense'].per1000).toBeLessThan(
      analysis.frames['security-defense'].per1000,
    );
  });

  it('removes an anonymous-source cue, an actor and a reporting verb as hits', () => {
    without(flag('anonymous-sources', 'a senior official'));
    without(flag('actors', 'Kiev'));
    without(flag('reporting-verbs', 'insisted'));
  });

  it('removes an attribution and its non-neutral verb from the loaded-language counts', () => {
    expect(analysis.loaded.narration.kinds['reporting-verbs']).toBe(1);
    const after = without(flag('attributions', 'insisted'));
    expect(after.attributions.map((a) => a.verb)).toEqual(['said']);
    expect(after.loaded.narration.kinds['reporting-verbs']).toBe(0);
  });

  it('removes a scare quote from the loaded-language counts', () => {
    expect(analysis.loaded.narration.kinds['scare-quotes']).toBe(1);
    const after = without(flag('scare-quotes', 'peace mission'));
    expect(after.scareQuotes).toEqual([]);
    expect(after.loaded.narration.kinds['scare-quotes']).toBe(0);
  });

  it('measures the same as finding without the flag: nothing else changes', () => {
    const after = removeFlags(analysis, [flag('hedges', 'may have')]);
    expect({ ...after, hits: [], hedges: null }).toEqual({ ...analysis, hits: [], hedges: null });
  });

  it('ignores a flag the article does not have', () => {
    expect(removeFlags(analysis, [{ kind: 'loaded-terms', entry: 'regime', start: 0, end: 3 }])).toEqual(
      analysis,
    );
  });
});

describe('suppressedFlags (the command line --suppress)', () => {
  it('names flags by entry id, kind and id, or text, and an attribution by its verb entry', () => {
    expect(
      suppressedFlags(analysis, ['regime', 'FRAMES:security-defense', 'Peace Mission']).map(flagString),
    ).toEqual([
      '4-10 loaded-terms:regime',
      '123-130 frames:security-defense',
      '159-163 frames:security-defense',
      '190-196 frames:security-defense',
      '203-216 scare-quotes:peace mission',
    ]);
    expect(suppressedFlags(analysis, ['reporting-verbs:insist']).map(flagString)).toEqual([
      '141-149 reporting-verbs:insist',
      '141-149 attributions:insist',
    ]);
  });

  it('is what analyze removes for --suppress', () => {
    const suppressed = shippedAnalyzer().analyze(article(TEXT), { suppress: ['insist'] });
    expect(suppressed).toEqual(removeFlags(analysis, suppressedFlags(analysis, ['insist'])));
    expect(suppressed.attributions.map((a) => a.verb)).toEqual(['said']);
  });
});
