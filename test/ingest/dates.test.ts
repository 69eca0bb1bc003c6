import { parseTypedDate } from '../../src/ingest/dates';

describe('parseTypedDate', () => {
  it.each([
    ['2018-07-13', '2018-07-13'],
    ['July 13, 2018', '2018-07-13'],
    ['Jul. 13, 2018', '2018-07-13'],
    ['Sept. 5, 2018', '2018-09-05'],
    ['13 July 2018', '2018-07-13'],
    ['13th July 2018', '2018-07-13'],
    ['Friday, July 13, 2018', '2018-07-13'],
    ['7/13/2018', '2018-07-13'],
    ['  July   2018 ', '2018-07'],
    ['2018-07', '2018-07'],
    ['2018', '2018'],
  ])('reads %j as %s', (typed, iso) => {
    expect(parseTypedDate(typed)).toBe(iso);
  });

  it.each(['February 30, 2018', '13/7/2018', 'yesterday', '2018-13-01', 'July 13'])('refuses %j', (typed) => {
    expect(parseTypedDate(typed)).toBeNull();
  });
});
