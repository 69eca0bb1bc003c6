/**
 * Small article sets written for the comparison tests: realistic wire-style
 * prose about one fictional day of the 2021 build-up, told differently.
 */
import type { ArticleAnalysis } from '../../src/core/types';
import { article } from './helpers';

const RYABKOV_QUOTE_FULL =
  'We have not held any contacts with the American side at the level of defence ministers, and we do not plan to hold them in the near future';
const RYABKOV_QUOTE_CUT =
  'We have not held any contacts with the American side at the level of defence ministers';

/** Two outlets on the same day: Kiev vs Kyiv, claimed vs stressed, a truncated quote, one fact each alone. */
export function contrastPair(): ArticleAnalysis[] {
  return [
    article(
      'eastern-herald',
      'Eastern Herald',
      'Moscow denies ministerial talks as Kiev disputes convoy cargo',
      `Russian Deputy Foreign Minister Sergei Ryabkov claimed on Saturday that no talks with Washington had taken place at the level of ministers.

"${RYABKOV_QUOTE_FULL}," Ryabkov said.

Rebel commanders claimed the 40-truck convoy that reached Donetsk on Monday carried weapons for the front line.

The Kremlin has moved thousands of troops toward the border in recent weeks, officials in Kiev say.`,
    ),
    article(
      'western-ledger',
      'Western Ledger',
      'Ryabkov says no talks with Washington at minister level',
      `Sergei Ryabkov stressed on Saturday that no talks with Washington had taken place at the level of ministers.

Local officials in Kyiv said the 40-truck convoy that reached Donetsk on Monday carried food and medicine for civilians.

"${RYABKOV_QUOTE_CUT}," Ryabkov said.

The White House said the United States remained in contact with Russia at many levels.`,
    ),
  ];
}

const WIRE_BODY = `Russia has not held talks with the United States on Ukraine at the level of defence or foreign ministers, Deputy Foreign Minister Sergei Ryabkov said on Saturday.

White House press secretary Jen Psaki said on Friday that the United States interacts with Russia at many levels, including through the defence ministries.

Ryabkov said contacts had taken place seven to ten days ago at other levels and that Moscow had nothing to add, the state news agency RIA Novosti reported.

Ukrainian and Western officials say Russia has moved thousands of troops toward the border in recent weeks, while the Kremlin says the movements threaten no one.

Fighting in eastern Ukraine has intensified since late March, undermining a ceasefire agreed in July 2020.`;

/** The same wire copy under two mastheads: nothing differs but the outlet. */
export function identicalPair(): ArticleAnalysis[] {
  return [
    article('meridian', 'Meridian Wire', 'Russia denies ministerial contacts with U.S.', WIRE_BODY),
    article('lakeside', 'Lakeside Courier', 'Russia denies ministerial contacts with U.S.', WIRE_BODY),
  ];
}

/** A wire story, its reprint cut by one paragraph, and an independent report. */
export function syndicatedTrio(): ArticleAnalysis[] {
  const cut = WIRE_BODY.split('\n\n').slice(0, 4).join('\n\n');
  return [
    article('meridian', 'Meridian Wire', 'Russia denies ministerial contacts with U.S.', WIRE_BODY),
    article('lakeside', 'Lakeside Courier', 'Moscow says no minister-level talks with Washington', cut),
    ...contrastPair().slice(1),
  ];
}

/** Local news with no word any fixture lexicon knows. */
export function plainPair(): ArticleAnalysis[] {
  return [
    article(
      'valley-times',
      'Valley Times',
      'Library extends weekend opening hours',
      `The Millbrook public library will open on Sundays from next month, after volunteers offered to staff the reading room.

Children's story hour moves to Saturday mornings at ten o'clock.`,
    ),
    article(
      'hill-gazette',
      'Hill Gazette',
      'Millbrook library to open Sundays',
      `Volunteers will staff the Millbrook public library reading room on Sundays from next month.

The building's heating system was replaced last winter at a cost of twelve thousand pounds.`,
    ),
  ];
}

const OUTLETS = [
  'Atlas',
  'Beacon',
  'Courier',
  'Dispatch',
  'Echo',
  'Forum',
  'Globe',
  'Harbor',
  'Inquirer',
  'Journal',
  'Keystone',
  'Ledger',
];

/** Twelve outlets: alternating spellings and verbs, one shared fact, a sentence of their own each. */
export function dozen(): ArticleAnalysis[] {
  return OUTLETS.map((name, i) =>
    article(
      `${String(i + 1).padStart(2, '0')}-${name.toLowerCase()}`,
      `The ${name}`,
      `Troops gather near the border (${name})`,
      `Russian Deputy Foreign Minister Sergei Ryabkov ${i % 3 === 0 ? 'claimed' : 'stressed'} on Saturday that no talks with Washington had taken place at the level of ministers.

Officials in ${i % 2 === 0 ? 'Kiev' : 'Kyiv'} said the 40-truck convoy that reached Donetsk on Monday carried ${i % 2 === 0 ? 'weapons' : 'food'} for the region.

${name} correspondents counted ${10 + i} military trucks on the road near village number ${i + 1}, with troops and a field hospital.

The defence budget of ${name} province grew by ${i + 2} billion over ${i + 3} years.`,
    ),
  );
}
