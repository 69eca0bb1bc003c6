/** Shared test helpers: analyzers over the fixture and shipped lexicons, and compact finding strings. */
import { createAnalyzer, type Analyzer } from '../../src/core/analyze';
import type { ArticleInput, Attribution, Hit } from '../../src/core/types';
import { loadLexicons, readLexiconSources } from '../../src/lexicon/load';
import { buildLexiconSet } from '../../src/lexicon/parse';

let fixture: Analyzer | undefined;
let shipped: Analyzer | undefined;

/** An analyzer over the small lexicons in test/fixtures/lexicons. */
export function fixtureAnalyzer(): Analyzer {
  fixture ??= createAnalyzer(buildLexiconSet(readLexiconSources('test/fixtures/lexicons')));
  return fixture;
}

/** An analyzer over the shipped lexicons. */
export function shippedAnalyzer(): Analyzer {
  shipped ??= createAnalyzer(loadLexicons());
  return shipped;
}

export function article(text: string, id = 'test'): ArticleInput {
  return { id, source: id, title: null, date: null, text };
}

/** `'12-16 loaded-terms:coup'`, so a failing test reads like a diff. */
export const hitString = (h: Hit) =>
  `${h.start}-${h.end} ${h.lexicon}:${h.entry}${h.negated ? ' negated' : ''}${h.voice === 'quoted' ? ' quoted' : ''}`;

/** `'Sergei Ryabkov stressed emphatic indirect'`. */
export const attributionString = (a: Attribution) => `${a.speaker} ${a.verb} ${a.stance} ${a.form}`;
