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

  it('reads two apostrophes as a double quote mark, as newspaper archives set quotations', () => {
    const text = "''We are not going to fold,'' the mayor said. ''Not this year.''";
    const r = findQuotations(text, findParagraphs(text, 0, text.length));
    expect(r.quotations.map((x) => x.text)).toEqual(['We are not going to fold,', 'Not this year.']);
    expect(r.quotations.map((x) => text.slice(x.outerStart, x.outerEnd))).toEqual([
      "''We are not going to fold,''",
      "''Not this year.''",
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('pairs the TeX-style opening mark with a doubled apostrophe', () => {
    expect(quotes("``It was a fair hearing,'' the judge's clerk said.").q).toEqual([
      'It was a fair hearing,',
    ]);
  });

  it('leaves a single apostrophe and a possessive alone', () => {
    expect(quotes("The voters' mood shifted, and the candidates' aides noticed.")).toEqual({ q: [], d: [] });
  });

  it('handles guillemets', () => {
    expect(quotes('Le ministre a parlé de «provocation».').q).toEqual(['provocation']);
  });
});
