/**
 * Omissions: facts, actors and quoted speakers present in some articles and
 * missing from others. What a source leaves out is framing by selection
 * (Entman 1993, "Framing: toward clarification of a fractured paradigm":
 * frames are defined by what they omit as well as what they include). Pure.
 */
import type { ArticleAnalysis } from '../core/types';
import type { AlignmentResult } from './alignment';
import type { SpeakerIndex } from './attributions';
import { cmp } from './text';
import type { NamingComparison, Omission, Omissions } from './types';

/**
 * Lists omissions.
 * @param analyses - the articles, in input order
 * @param aligned - the fact alignment, with its unaligned sentences
 * @param naming - the naming comparison, for actors
 * @param speakers - the shared speaker index
 */
export function findOmissions(
  analyses: ArticleAnalysis[],
  aligned: AlignmentResult,
  naming: NamingComparison,
  speakers: SpeakerIndex,
): Omissions {
  const ids = analyses.map((a) => a.id);
  const others = (present: Set<string>) => ids.filter((id) => !present.has(id));
  const facts: (Omission & { rank: number })[] = [];
  aligned.alignment.groups.forEach((g, rank) => {
    const present = new Set(g.articles);
    const missingFrom = others(present);
    if (missingFrom.length)
      facts.push({
        kind: 'fact',
        key: g.id,
        label: g.members[0].text,
        presentIn: ids.filter((id) => present.has(id)),
        missingFrom,
        rank,
      });
  });
  aligned.unaligned.forEach((s, k) => {
    facts.push({
      kind: 'fact',
      key: `${s.articleId}#${s.sentence}`,
      label: s.text,
      presentIn: [s.articleId],
      missingFrom: ids.filter((id) => id !== s.articleId),
      rank: aligned.alignment.groups.length + k,
    });
  });
  // Facts most articles report come first: the one outlet that leaves out what all others carry is the telling omission.
  facts.sort((x, y) => y.presentIn.length - x.presentIn.length || x.rank - y.rank);

  const actors: Omission[] = naming.actors
    .filter((r) => r.absent.length)
    .map((r) => ({
      kind: 'actor',
      key: r.actor,
      label: r.uses
        .flatMap((u) => u.forms.map((f) => f.form))
        .reduce((x, y) => (y.length > x.length || (y.length === x.length && cmp(y, x) < 0) ? y : x)),
      presentIn: r.uses.map((u) => u.articleId),
      missingFrom: r.absent,
    }));

  const quotedIn = new Map<string, Set<string>>();
  for (const a of analyses) {
    for (const at of a.attributions) {
      const id = speakers.of(at);
      if (!/^(person|org):/.test(id.key)) continue;
      (quotedIn.get(id.key) ?? quotedIn.set(id.key, new Set()).get(id.key)!).add(a.id);
    }
  }
  const quoted: Omission[] = [...quotedIn.keys()]
    .sort(cmp)
    .filter((key) => quotedIn.get(key)!.size < ids.length)
    .map((key) => {
      const present = quotedIn.get(key)!;
      return {
        kind: 'speaker',
        key,
        label: speakers.all.get(key)!.label,
        presentIn: ids.filter((id) => present.has(id)),
        missingFrom: others(present),
      };
    });

  return { items: [...facts.map(({ rank: _rank, ...o }) => o), ...actors, ...quoted] };
}
