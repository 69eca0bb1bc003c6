/**
 * Prominence: where each article first mentions an actor or a quoted speaker
 * (headline, lead paragraph, or later), since placement is framing too. Pure.
 */
import type { ArticleAnalysis } from '../core/types';
import type { SpeakerIndex } from './attributions';
import { cmp, containsPhrase, paragraphOf, words, type Word } from './text';
import type { Placement, PlacementUse, ProminenceComparison, ProminenceRow } from './types';

interface Mention {
  start: number;
  end: number;
}

function findPhrase(bodyWords: Word[], phrase: string): Mention | null {
  const p = words(phrase).map((w) => w.norm);
  if (!p.length) return null;
  outer: for (let i = 0; i + p.length <= bodyWords.length; i++) {
    for (let k = 0; k < p.length; k++) if (bodyWords[i + k]!.norm !== p[k]) continue outer;
    return { start: bodyWords[i]!.start, end: bodyWords[i + p.length - 1]!.end };
  }
  return null;
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
  const bodyWords = analyses.map((a) => words(a.text.slice(a.body.start, a.body.end), a.body.start));
  const rows: ProminenceRow[] = [];

  const place = (kind: ProminenceRow['kind'], key: string, label: string, headlineForms: string[], firstIn: (i: number) => Mention | null) => {
    const uses: PlacementUse[] = [];
    const absent: string[] = [];
    analyses.forEach((a, i) => {
      const first = firstIn(i);
      const inHeadline = a.title !== null && headlineForms.some((f) => containsPhrase(a.title!, f));
      if (!first && !inHeadline) {
        absent.push(a.id);
        return;
      }
      const paragraph = first ? paragraphOf(a, first.start) : null;
      const placement: Placement = inHeadline ? 'headline' : paragraph === 0 ? 'lead' : 'body';
      uses.push({ articleId: a.id, placement, paragraph, start: first?.start ?? null, end: first?.end ?? null });
    });
    if (!uses.length) return;
    const differs = new Set(uses.map((u) => u.placement)).size > 1;
    rows.push({ kind, key, label, uses, absent, differs });
  };

  // Actors of the actors lexicon: first hit; headline by any form any article used.
  const actorForms = new Map<string, Set<string>>();
  for (const a of analyses) for (const h of a.hits) if (h.lexicon === 'actors') (actorForms.get(h.entry) ?? actorForms.set(h.entry, new Set()).get(h.entry)!).add(h.text);
  for (const actor of [...actorForms.keys()].sort(cmp)) {
    const forms = [...actorForms.get(actor)!].sort(cmp);
    place('actor', actor, forms.reduce((x, y) => (y.length > x.length ? y : x)), forms, (i) => {
      const h = analyses[i]!.hits.find((x) => x.lexicon === 'actors' && x.entry === actor);
      return h ? { start: h.start, end: h.end } : null;
    });
  }

  // Named speakers: first mention of the name or surname, or first attribution, whichever is earlier.
  for (const id of speakers.all.values()) {
    if (!/^(person|org):/.test(id.key)) continue;
    const forms = id.key.startsWith('person:') ? [id.label, id.label.split(/\s+/).pop()!] : [id.label];
    place('speaker', id.key, id.label, forms, (i) => {
      const a = analyses[i]!;
      const at = a.attributions.find((x) => speakers.of(x).key === id.key);
      const quoted = at ? { start: at.speakerStart, end: at.speakerEnd } : null;
      const named = forms.map((f) => findPhrase(bodyWords[i]!, f)).filter((m): m is Mention => m !== null);
      // A name mentioned in text only counts for a speaker this article quotes or names; the
      // surname alone could be someone else's, so it needs the speaker to be quoted here.
      const full = findPhrase(bodyWords[i]!, id.label);
      const candidates = quoted ? [quoted, ...named] : full ? [full] : [];
      if (!candidates.length) return null;
      return candidates.reduce((x, y) => (y.start < x.start ? y : x));
    });
  }

  rows.sort((x, y) => cmp(x.kind, y.kind) || cmp(x.key, y.key));
  return { rows, differences: rows.filter((r) => r.differs).map((r) => `${r.kind}:${r.key}`) };
}
