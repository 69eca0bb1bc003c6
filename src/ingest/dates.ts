/**
 * Dates as people type them, turned into the ISO form framelens stores (YYYY, YYYY-MM or
 * YYYY-MM-DD). Parsing is date-fns's, with an explicit list of accepted layouts so that the
 * result never depends on the machine's locale or clock.
 */
// One module per function: the package's index loads all ~300 of them (~75 ms).
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';

/** What the forms tell a person about the accepted layouts (slashes are US month/day/year). */
export const DATE_FORMATS_HINT = '2018-07-13, July 13, 2018, 13 July 2018 or 7/13/2018 (month/day/year)';

/** Full dates: ISO, US and British long forms, their abbreviated months, and US numeric dates. */
const DAY_LAYOUTS = [
  'yyyy-MM-dd',
  'MMMM d, yyyy',
  'MMMM d yyyy',
  'MMM d, yyyy',
  'MMM d yyyy',
  'd MMMM yyyy',
  'd MMMM, yyyy',
  'd MMM yyyy',
  'EEEE, MMMM d, yyyy',
  'EEEE d MMMM yyyy',
  'M/d/yyyy',
];
/** Month precision: "2018-07", "July 2018", "Jul 2018". */
const MONTH_LAYOUTS = ['yyyy-MM', 'MMMM yyyy', 'MMM yyyy'];
/** date-fns needs a reference date for fields a layout lacks; every layout here has a year. */
const REFERENCE = new Date(2000, 0, 1);

/**
 * Reads a typed date; null when it is not a date in one of the accepted layouts.
 * @param input - what was typed, e.g. "July 13, 2018" or "13 Jul. 2018"
 */
export function parseTypedDate(input: string): string | null {
  // "Jul. 13", AP's "Sept. 5" and "13th July": drop abbreviations' full stops and ordinal suffixes.
  const s = input
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\b([A-Za-z]{3,4})\./g, '$1')
    .replace(/\bSept\b/i, 'Sep')
    .replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/gi, '$1');
  // date-fns reads "yyyy" leniently ("July 13" would be July of the year 13): insist on four digits.
  if (!/\b\d{4}\b/.test(s)) return null;
  if (/^\d{4}$/.test(s)) return s;
  for (const layout of DAY_LAYOUTS) {
    const d = parse(s, layout, REFERENCE);
    if (isValid(d)) return format(d, 'yyyy-MM-dd');
  }
  for (const layout of MONTH_LAYOUTS) {
    const d = parse(s, layout, REFERENCE);
    if (isValid(d)) return format(d, 'yyyy-MM');
  }
  return null;
}
