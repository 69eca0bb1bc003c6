/**
 * Prominence: where each article first mentions an actor or a quoted speaker
 * (headline, lead paragraph, or later), since placement is framing too. Pure.
 */
import type { ArticleAnalysis } from '../core/types';
import type { SpeakerIndex } from './attributions';
import { cmp, paragraphOf, words, type Word } from './text';
import type { Placement, PlacementUse, ProminenceComparison, ProminenceRow } from './types';

interface Mention {
  start: number;
  end: number;
}

/** An article's body words with, for each word, where it occurs, so a phrase is looked up rather than scanned for. */
interface BodyIndex {
  words: Word[];
  positions: Map<string, number[]>;
}

function indexBody(a: ArticleAnalysis): BodyIndex {
  const ws = words(a.text.slice(a.body.start, a.body.end), a.body.start);
  const positions = new Map<string, number[]>();
  ws.forEach((w, i) => (positions.get(w.norm) ?? positions.set(w.norm, []).get(w.norm)!).push(i));
  return { words: ws, positions };
}

/**
 * First occurrence of a phrase (its words' norms) in a body. Tries only where
 * the phrase's least frequent word in this body occurs ("the ministry" is
 * anchored on "ministry"); those positions ascend, so the first match is the
 * earliest.
 */
function findPhrase(body: BodyIndex, p: string[]): Mention | null {
  if (!p.length) return null;
  let anchor = 0;
  let at: number[] | undefined;
  for (let r = 0; r < p.length; r++) {
    const list = body.positions.get(p[r]);
    if (!list) return null;
    if (!at || list.length < at.length) {
      at = list;
      anchor = r;
    }
  }
  outer: for (const pos of at!) {
    const i = pos - anchor;
    if (i < 0) continue;
    if (i + p.length > body.words.length) break;
    for (let k = 0; k < p.length; k++) if (body.words[i + k].norm !== p[k]) continue outer;
    return { start: body.words[i].start, end: body.words[i + p.length - 1].end };
  }
  return null;
}

/** A phrase as words for {@link findPhrase} and as a padded string for headline matching: whole words, case-insensitive. */
interface Phrase {
  norms: string[];
  padded: string;
}

function phraseOf(text: string): Phrase {
  const norms = words(text).map((w) => w.norm);
  return { norms, padded: norms.length ? ` ${norms.join(' ')} ` : '' };
}

/**
 * Places each actor and named speaker in each article. The inverted pyramid
 * puts what the writer judges most important in the headline and lead
 * (Pöttker 2003, "News and its communicative quality: the inverted pyramid"),
 * so first-mention position is a measure of prominence.
 * @param analyses - the articles, in input order
 * @param speakers - the shared speaker index
 */
export function compareProminence(analyses: ArticleAnalysis[], speakers: SpeakerIndex): ProminenceComparison {
  const bodies = analyses.map(indexBody);
  // Titles as padded word strings, so a phrase matches whole words only.
  const titles = analyses.map((a) =>
    a.title === null
      ? null
      : ` ${words(a.title)
          .map((w) => w.norm)
          .join(' ')} `,
  );
  const inTitle = (i: number, forms: Phrase[]) => {
    const t = titles[i];
    return t !== null && t !== undefined && forms.some((f) => f.padded.length > 0 && t.includes(f.padded));
  };
  // Which articles hold a word in the body or in the title, ascending: a row visits only the articles
  // that can mention it (a phrase needs its first word), and lists the rest as absent.
  const inBodies = new Map<string, number[]>();
  const inTitles = new Map<string, number[]>();
  const addTo = (index: Map<string, number[]>, norm: string, i: number) => {
    const list = index.get(norm) ?? index.set(norm, []).get(norm)!;
    if (list[list.length - 1] !== i) list.push(i);
  };
  // The articles that can hold a phrase: those holding its rarest word (every word's list holds them all).
  const holding = (index: Map<string, number[]>, p: string[]): number[] | undefined => {
    let best: number[] | undefined;
    for (const norm of p) {
      const list = index.get(norm);
      if (!list) return undefined;
      if (!best || list.length < best.length) best = list;
    }
    return best;
  };
  bodies.forEach((b, i) => b.positions.forEach((_, norm) => addTo(inBodies, norm, i)));
  analyses.forEach((a, i) => {
    if (a.title !== null) for (const w of words(a.title)) addTo(inTitles, w.norm, i);
  });
  const rows: ProminenceRow[] = [];
  // Articles marked for the current row: mark[i] === row.
  const mark = new Int32Array(analyses.length).fill(-1);
  let row = 0;

  /**
   * Places one actor or speaker in every article.
   * @param candidates - lists of article indices that together hold every article where `firstIn` can find a mention
   */
  const place = (
    kind: ProminenceRow['kind'],
    key: string,
    label: string,
    headlineForms: Phrase[],
    candidates: (readonly number[] | undefined)[],
    firstIn: (i: number) => Mention | null,
  ) => {
    row++;
    for (const list of candidates) if (list) for (const i of list) mark[i] = row;
    for (const f of headlineForms) for (const i of holding(inTitles, f.norms) ?? []) mark[i] = row;
    const uses: PlacementUse[] = [];
    const absent: string[] = [];
    analyses.forEach((a, i) => {
      if (mark[i] !== row) {
        absent.push(a.id);
        return;
      }
      const first = firstIn(i);
      const inHeadline = inTitle(i, headlineForms);
      if (!first && !inHeadline) {
        absent.push(a.id);
        return;
      }
      const paragraph = first ? paragraphOf(a, first.start) : null;
      const placement: Placement = inHeadline ? 'headline' : paragraph === 0 ? 'lead' : 'body';
      uses.push({
        articleId: a.id,
        placement,
        paragraph,
        start: first?.start ?? null,
        end: first?.end ?? null,
      });
    });
    if (!uses.length) return;
    const differs = new Set(uses.map((u) => u.placement)).size > 1;
    rows.push({ kind, key, label, uses, absent, differs });
  };

  // Actors of the actors lexicon: first hit; headline by any form any article used.
  const actorForms = new Map<string, Set<string>>();
  const actorArticles = new Map<string, number[]>();
  // Each article's first hit per actor, in one pass over its hits.
  const firstActorHit = analyses.map((a, i) => {
    const first = new Map<string, Mention>();
    for (const h of a.hits) {
      if (h.lexicon !== 'actors') continue;
      (actorForms.get(h.entry) ?? actorForms.set(h.entry, new Set()).get(h.entry)!).add(h.text);
      if (!first.has(h.entry)) {
        first.set(h.entry, { start: h.start, end: h.end });
        addTo(actorArticles, h.entry, i);
      }
    }
    return first;
  });
  for (const actor of [...actorForms.keys()].sort(cmp)) {
    const forms = [...actorForms.get(actor)!].sort(cmp);
    place(
      'actor',
      actor,
      forms.reduce((x, y) => (y.length > x.length ? y : x)),
      forms.map(phraseOf),
      [actorArticles.get(actor)],
      (i) => firstActorHit[i].get(actor) ?? null,
    );
  }

  // Each article's first attribution per speaker key, in one pass over its attributions.
  const quotedArticles = new Map<string, number[]>();
  const firstQuoted = analyses.map((a, i) => {
    const first = new Map<string, Mention>();
    for (const at of a.attributions) {
      const key = speakers.of(at).key;
      if (!first.has(key)) {
        first.set(key, { start: at.speakerStart, end: at.speakerEnd });
        addTo(quotedArticles, key, i);
      }
    }
    return first;
  });

  // Named speakers: first mention of the name or surname, or first attribution, whichever is earlier.
  for (const id of speakers.all.values()) {
    if (!/^(person|org):/.test(id.key)) continue;
    const forms = (id.key.startsWith('person:') ? [id.label, id.label.split(/\s+/).pop()!] : [id.label]).map(
      phraseOf,
    );
    const full = forms[0].norms;
    place('speaker', id.key, id.label, forms, [quotedArticles.get(id.key), holding(inBodies, full)], (i) => {
      const quoted = firstQuoted[i].get(id.key) ?? null;
      // A name mentioned in text only counts for a speaker this article quotes or names; the
      // surname alone could be someone else's, so it needs the speaker to be quoted here.
      let candidates: Mention[];
      if (quoted) {
        candidates = [quoted];
        for (const f of forms) {
          const m = findPhrase(bodies[i], f.norms);
          if (m) candidates.push(m);
        }
      } else {
        const named = findPhrase(bodies[i], full);
        candidates = named ? [named] : [];
      }
      if (!candidates.length) return null;
      return candidates.reduce((x, y) => (y.start < x.start ? y : x));
    });
  }

  rows.sort((x, y) => cmp(x.kind, y.kind) || cmp(x.key, y.key));
  return { rows, differences: rows.filter((r) => r.differs).map((r) => `${r.kind}:${r.key}`) };
}
