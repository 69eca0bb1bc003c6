/**
 * A dismissed flag of every kind leaves every count, the page and the reports: the core
 * removes it and measures again (src/core/flags.ts).
 */
import request from 'supertest';
import { flagsOf, type FlagRef } from '../../src/core/flags';
import type { ArticleAnalysis } from '../../src/core/types';
import { KYIV_LEDGER, makeApp, type TestApp } from './helpers';

const CAPITAL_WIRE = `source: Capital Wire
title: Talks stall
date: 2021-04-12

Sergei Ryabkov stressed that the Kiev regime was clearly preparing troops for an offensive.

Perhaps the "talks" will resume, sources familiar with the plan said.
`;

let t: TestApp;
let id: string;
let wire: ArticleAnalysis;
beforeEach(async () => {
  t = await makeApp();
  id = (await request(t.app).post('/api/comparisons').send({ title: 'Talks' }).expect(201)).body.id;
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: KYIV_LEDGER }).expect(201);
  await request(t.app).post(`/api/comparisons/${id}/articles`).send({ text: CAPITAL_WIRE }).expect(201);
  wire = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body.articles[1];
});
afterEach(() => t.close());

const key = (f: FlagRef) => `${f.start}-${f.end} ${f.kind}:${f.entry}`;

/** The page's dismiss form for a flag: its hidden kind, entry and offsets. */
const formOf = (f: FlagRef) =>
  `name="kind" value="${f.kind}">\\s*<input type="hidden" name="entry" value="${f.entry}">\\s*` +
  `<input type="hidden" name="start" value="${f.start}">`;

/**
 * The CSV download that lists a flag (frame cues and actor mentions go to the cues sheet) and a
 * pattern of its row for the Capital Wire, with the offsets it gives (an id may start with '-',
 * which the CSV defuses with a "'").
 */
function csvRow(a: ArticleAnalysis, f: FlagRef): { format: string; row: RegExp } {
  const line = (cells: string) => new RegExp(`\n'?${a.id},Capital Wire,${cells}\r`);
  if (f.kind === 'frames' || f.kind === 'actors')
    return {
      format: 'cues',
      row: line(`body,${f.kind === 'frames' ? 'frame' : 'actor'},${f.entry},.*,${f.start},${f.end}`),
    };
  const body = (finding: string, start: number, end: number) =>
    line(`Talks stall,2021-04-12,,body,${finding},.*,${start},${end}`);
  if (f.kind === 'attributions') {
    const at = a.attributions.find((x) => x.verbStart === f.start)!;
    return { format: 'csv', row: body('attribution', at.start, at.end) };
  }
  if (f.kind === 'scare-quotes') return { format: 'csv', row: body('(scare|partial)-quote', f.start, f.end) };
  return { format: 'csv', row: body(f.kind, f.start, f.end) };
}

async function dismissAndCheck(kind: string, text: string) {
  const f = flagsOf(wire).find((x) => x.kind === kind && x.text === text);
  if (!f) throw new Error(`test setup: no ${kind} flag "${text}"`);
  const flag = { kind: f.kind, entry: f.entry, start: f.start, end: f.end };

  const pageBefore = (await request(t.app).get(`/comparisons/${id}`).expect(200)).text;
  expect(pageBefore).toMatch(new RegExp(formOf(flag)));
  const { format, row } = csvRow(wire, flag);
  const csvBefore = (await request(t.app).get(`/comparisons/${id}/report.${format}`).expect(200)).text;
  expect(csvBefore).toMatch(row);

  await request(t.app)
    .post(`/api/comparisons/${id}/dismissals`)
    .send({ articleId: wire.id, ...flag })
    .expect(201);

  const api = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body;
  const after = api.articles[1] as ArticleAnalysis;
  expect(flagsOf(after).map(key)).toEqual(
    flagsOf(wire)
      .map(key)
      .filter((k) => k !== key(flag)),
  );
  const json = JSON.parse((await request(t.app).get(`/comparisons/${id}/report.json`).expect(200)).text);
  expect(json.articles[1]).toEqual(after);
  expect(json.dismissed).toEqual([expect.objectContaining({ ...flag, text })]);

  const page = (await request(t.app).get(`/comparisons/${id}`).expect(200)).text;
  expect(page).not.toMatch(new RegExp(formOf(flag)));
  expect(page).toMatch(new RegExp(`id="dismissed"[\\s\\S]*<bdi>Capital Wire</bdi>: ${kind} “`));
  const csv = (await request(t.app).get(`/comparisons/${id}/report.${format}`).expect(200)).text;
  expect(csv).not.toMatch(row);
  return { before: wire, after };
}

describe('dismissing a flag of each kind', () => {
  it('a loaded term leaves the loaded-language counts', async () => {
    const { before, after } = await dismissAndCheck('loaded-terms', 'regime');
    expect(after.loaded.reported.kinds['loaded-terms']).toBe(
      before.loaded.reported.kinds['loaded-terms'] - 1,
    );
  });

  it('a naming variant leaves the naming uses and the comparison of names', async () => {
    const { after } = await dismissAndCheck('naming-variants', 'Kiev');
    expect(after.naming).toEqual([]);
    expect(after.loaded.reported.kinds['naming-variants']).toBe(0);
  });

  it('a hedge leaves the hedge rates', async () => {
    const { after } = await dismissAndCheck('hedges', 'Perhaps');
    expect(after.hedges.reported.count + after.hedges.narration.count + after.hedges.quoted.count).toBe(0);
  });

  it('a booster leaves the booster rates', async () => {
    const { after } = await dismissAndCheck('boosters', 'clearly');
    expect(after.boosters.reported).toEqual({ count: 0, per1000: 0 });
  });

  it('a frame cue leaves the frame scores and the comparison of frames', async () => {
    const { before, after } = await dismissAndCheck('frames', 'troops');
    expect(before.frames['security-defense'].hits).toBe(1);
    expect(after.frames['security-defense']).toEqual({ hits: 0, share: 0, per1000: 0 });
    const api = (await request(t.app).get(`/api/comparisons/${id}`).expect(200)).body;
    const profile = api.comparison.frames.profiles.find(
      (p: { articleId: string }) => p.articleId === wire.id,
    );
    expect(profile.shares['security-defense'] ?? 0).toBe(0);
  });

  it('an anonymous-source cue leaves the hits', async () => {
    await dismissAndCheck('anonymous-sources', 'sources familiar with');
  });

  it('an actor leaves the hits', async () => {
    await dismissAndCheck('actors', 'Sergei Ryabkov');
  });

  it('a reporting verb leaves the hits', async () => {
    await dismissAndCheck('reporting-verbs', 'stressed');
  });

  it('an attribution leaves the attributions and the loaded-language counts', async () => {
    const { before, after } = await dismissAndCheck('attributions', 'stressed');
    expect(after.attributions).toHaveLength(before.attributions.length - 1);
    expect(after.loaded.narration.kinds['reporting-verbs']).toBe(0);
  });

  it('a scare or partial quote leaves the scare quotes', async () => {
    const { after } = await dismissAndCheck('scare-quotes', 'talks');
    expect(after.scareQuotes).toEqual([]);
  });
});
