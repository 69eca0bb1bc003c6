/**
 * Real news, and framelens beside its peers. When the evaluation data exists beside the project
 * (`../shared/eval/data`), its news texts are read: PolNeAR (train and dev) and BASIL (dev).
 * framelens's analysis, wink-nlp's `readDoc` (its default pipeline) and two prose linters that
 * read the same kind of text, write-good and alex, run in the same process and the same run, in
 * alternation, on the same texts. Each figure is a pace relative to `readDoc` (its time over the
 * contender's), per corpus and over all of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Analyzer } from '../core/analyze';
import { median, pairedRatio, round, timeAlternating } from './measure';
import type { Measurement } from './run';

/** Where the evaluation data is, when it is there. */
export const EVAL_DATA = path.resolve(__dirname, '..', '..', '..', 'shared', 'eval', 'data');

/** PolNeAR's training half is ten times its dev half: every n-th article keeps the run short. */
const POLNEAR_TRAIN_STRIDE = 10;

/** Timed runs of each contender per corpus; alex is slow, so a run takes seconds. */
const RUNS = 3;
/** Untimed runs first: V8 optimises the analysis's many functions only after a pass or two. */
const WARMUPS = 2;

interface NewsCorpus {
  name: string;
  texts: string[];
}

function polnear(split: 'train' | 'dev', stride: number): NewsCorpus {
  const dir = path.join(EVAL_DATA, 'polnear', split, 'text');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .filter((_, i) => i % stride === 0);
  return {
    name: `PolNeAR ${split}${stride > 1 ? ` (every ${stride}th article)` : ''}`,
    texts: files.map((f) => readFileSync(path.join(dir, f), 'utf8')),
  };
}

function basil(): NewsCorpus {
  const data = JSON.parse(readFileSync(path.join(EVAL_DATA, 'basil-dev.json'), 'utf8')) as {
    events: { outlets: Record<string, { text: string }> }[];
  };
  return {
    name: 'BASIL dev',
    texts: data.events.flatMap((e) => Object.values(e.outlets).map((o) => o.text)),
  };
}

/** The real-news corpora, or null when the evaluation data is not beside the project. */
export function readNewsCorpora(): NewsCorpus[] | null {
  if (!existsSync(EVAL_DATA)) return null;
  return [polnear('train', POLNEAR_TRAIN_STRIDE), polnear('dev', 1), basil()];
}

/** The peers, loaded only here: both are development dependencies. */
function loadPeers() {
  /* eslint-disable @typescript-eslint/no-require-imports -- alex is an ES module, loaded by require(esm) */
  const writeGood = require('write-good') as (text: string) => unknown[];
  const alex = require('alex') as { text: (text: string) => { messages: unknown[] } };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { writeGood, alex: (text: string) => alex.text(text).messages };
}

/**
 * Paces of framelens, write-good and alex relative to `readDoc`, on real news, one thread.
 * @param analyzer - framelens's analyzer over the shipped lexicons
 */
export function measureRealNews(analyzer: Analyzer): Measurement[] {
  const name = 'real news, one thread: framelens pace / readDoc';
  const corpora = readNewsCorpora();
  if (!corpora)
    return [
      {
        name,
        value: null,
        unit: 'ratio',
        target: '>= 0.6',
        met: null,
        note: `not run: no evaluation data at ${EVAL_DATA}`,
      },
    ];
  const wink = winkNLP(model);
  const peers = loadPeers();
  const totals: Record<string, number[]> = { readDoc: [], framelens: [], writeGood: [], alex: [] };
  const byCorpus: Record<string, unknown> = {};
  for (const corpus of corpora) {
    const articles = corpus.texts.map((text, i) => ({
      id: `a${i}`,
      source: 'bench',
      title: null,
      date: null,
      text,
    }));
    const times = timeAlternating(
      {
        readDoc: () => corpus.texts.forEach((t) => wink.readDoc(t)),
        framelens: () => articles.forEach((a) => analyzer.analyze(a)),
        writeGood: () => corpus.texts.forEach((t) => peers.writeGood(t)),
        alex: () => corpus.texts.forEach((t) => peers.alex(t)),
      },
      RUNS,
      WARMUPS,
    );
    for (const k of Object.keys(totals))
      times[k].forEach((ms, r) => (totals[k][r] = (totals[k][r] ?? 0) + ms));
    byCorpus[corpus.name] = {
      articles: corpus.texts.length,
      tokens: corpus.texts.reduce((n, t) => n + wink.readDoc(t).tokens().length(), 0),
      framelens: round(pairedRatio(times.readDoc, times.framelens)),
      writeGood: round(pairedRatio(times.readDoc, times.writeGood)),
      alex: round(pairedRatio(times.readDoc, times.alex)),
      msReadDoc: round(median(times.readDoc), 1),
    };
  }
  const pace = (k: string) => round(pairedRatio(totals.readDoc, totals[k]));
  const framelens = pace('framelens');
  const writeGood = pace('writeGood');
  const details = { runs: RUNS, byCorpus, writeGood, alex: pace('alex') };
  return [
    { name, value: framelens, unit: 'ratio', target: '>= 0.6', met: framelens >= 0.6, details },
    {
      name: 'real news, one thread: framelens pace / write-good pace',
      value: round(framelens / writeGood, 2),
      unit: 'ratio',
      target: '> 1',
      met: framelens > writeGood,
    },
  ];
}
