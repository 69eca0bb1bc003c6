import { findParagraphs } from '../../src/core/language';
import { findQuotations } from '../../src/core/quotes';

const quotes = (text: string) => {
  const r = findQuotations(text, findParagraphs(text, 0, text.length));
  return { q: r.quotations.map((x) => x.text), d: r.diagnostics.map((x) => x.code) };
};

describe('quotation finder', () => {
  it('pairs curly and straight quotation marks', () => {
    expect(quotes('He said “we will go” and then "we stay".')).toEqual({
      q: ['we will go', 'we stay'],
      d: [],
    });
  });

  it('closes a quotation whose closing mark is a second opening mark', () => {
    expect(quotes('There is nothing to add, reports “RIA News“.')).toEqual({ q: ['RIA News'], d: [] });
  });

  it('reports an unclosed quotation as a diagnostic instead of guessing', () => {
    const r = quotes('The mayor said "we will never give up on the plan.\n\nCouncillors voted on Tuesday.');
    expect(r).toEqual({ q: [], d: ['unclosed-quote'] });
  });

  it('accepts a quotation that runs on into the next paragraph', () => {
    const text = '"We will rebuild the bridge,\n\n"and we will do it this year," she said.';
    expect(quotes(text).q).toEqual(['We will rebuild the bridge,', 'and we will do it this year,']);
    expect(quotes(text).d).toEqual([]);
  });

  it('keeps apostrophes and nested single quotes inside a quotation', () => {
    expect(quotes('“Ukraine’s partners call it ‘support’,” he said.').q).toEqual([
      'Ukraine’s partners call it ‘support’,',
    ]);
  });

  it('handles guillemets', () => {
    expect(quotes('Le ministre a parlé de «provocation».').q).toEqual(['provocation']);
  });
});
