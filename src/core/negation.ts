/**
 * Local negation: is a hit negated by a negator a few tokens before it, in the same clause?
 *
 * wink-nlp's negation flag runs from a negator to the end of the clause, so a "not" early in a
 * long clause marks every later word. The rule here follows NegEx (Chapman et al. 2001, "A simple
 * algorithm for identifying negated findings and diseases in discharge summaries", J. Biomed.
 * Inform. 34(5)): a closed list of triggers, a short scope window, and terminators that end the
 * scope. The triggers are the English negators of Huddleston and Pullum 2002 (The Cambridge
 * Grammar of the English Language, ch. 9 §1, "not"-negation and "no"-negation); approximate
 * negators ("hardly", "barely") and words that only imply a negative ("prevent", "without",
 * "deny") are not triggers: "hardly a coup" and "prevented a massacre" still assert the term.
 */
import type { Token } from './language';

/** Negators (Huddleston and Pullum 2002, ch. 9): verbal "not" and the absolute "no"-words. */
const NEGATORS = new Set([
  'not',
  "n't",
  'no',
  'never',
  'neither',
  'nor',
  'none',
  'nobody',
  'nothing',
  'cannot',
]);

/**
 * "no" before these nouns is an idiom of certainty ("no doubt", "no question"), a booster
 * rather than a negation of what follows (Hyland 2005, Metadiscourse, appendix: boosters).
 */
const CERTAINTY_NOUNS = new Set(['doubt', 'question', 'wonder']);

/**
 * Words that end a negator's scope: a new clause or a contrast starts (NegEx's termination
 * terms, adapted to news prose).
 */
const SCOPE_ENDS = new Set([
  'but',
  'yet',
  'although',
  'though',
  'while',
  'whereas',
  'because',
  'since',
  'which',
  'who',
  'whom',
  'whose',
  'that',
  'when',
  'where',
  'if',
  'unless',
  'after',
  'before',
]);

/**
 * How many tokens before a hit a negator may stand: enough for "did not call it a coup"
 * (not + call + it + a) and "no such attack", short of NegEx's five words, since news clauses
 * run longer than clinical findings.
 */
export const NEGATION_WINDOW = 4;

/**
 * True when a negator stands within {@link NEGATION_WINDOW} tokens before `first`, in the same
 * sentence, with no punctuation or clause-starting word between.
 * @param tokens - the article's tokens
 * @param first - index of the hit's first token
 * @param sentenceFirst - index of the first token of the hit's sentence
 */
export function isNegated(tokens: readonly Token[], first: number, sentenceFirst: number): boolean {
  const stop = Math.max(sentenceFirst, first - NEGATION_WINDOW);
  for (let i = first - 1; i >= stop; i--) {
    const t = tokens[i];
    if (t.type === 'punctuation' || SCOPE_ENDS.has(t.lower)) return false;
    if (NEGATORS.has(t.lower)) {
      if (t.lower === 'no' && i + 1 < tokens.length && CERTAINTY_NOUNS.has(tokens[i + 1].lower)) return false;
      return true;
    }
  }
  return false;
}
