/**
 * One domestic event told by three outlets, written for the comparison's
 * claim tests: a federal disaster declaration after a Missouri flood. The
 * Riverbend Courier and the Heartland Wire report it independently and in
 * different words; the Valley Ledger reprints two of the Courier's sentences
 * inside its own copy.
 */
import type { ArticleAnalysis } from '../../src/core/types';
import { article } from './helpers';

/** The Courier's lead, which the Wire reports in other words across two sentences. */
export const COURIER_LEAD =
  'The White House on Tuesday approved a disaster declaration for 14 Missouri counties flooded by the Meramec River, freeing federal money to repair homes and roads.';
/** A fact only the Courier reports. */
export const COURIER_LEVEE =
  'The Army Corps of Engineers put the cost of rebuilding the Valley Park levee at $48 million in a report released last spring.';
/** Two of the Courier's sentences the Ledger carries word for word. */
const WIRE_ONE =
  'Crews from the Missouri Department of Transportation reopened Interstate 44 near Eureka late Monday after water receded from the eastbound lanes.';
const WIRE_TWO =
  'Insurance adjusters expect most claims to fall on homeowners without flood coverage, since fewer than one in ten households in the region carries a policy.';

export function floodStory(): ArticleAnalysis[] {
  return [
    article(
      'courier',
      'Riverbend Courier',
      'Federal aid approved for flooded Missouri counties',
      `${COURIER_LEAD}

"Families who lost everything deserve to know that help is on the way from every level of government," Jen Psaki told reporters at the daily briefing.

State emergency officials said about 3,200 homes were damaged when the river crested on Saturday.

Gov. Michael L. Parson said the state would open six recovery centers by Friday.

${WIRE_ONE}

${COURIER_LEVEE}

Psaki said the administration would review the levee system and stressed that the aid would reach renters as well as owners.

"No one should have to wait months for a check," Psaki said.

${WIRE_TWO}`,
    ),
    article(
      'wire',
      'Heartland Wire',
      'Missouri flood counties get federal disaster status',
      `Fourteen Missouri counties swamped when the Meramec River overflowed its banks will receive federal disaster money, the White House announced Tuesday. The money will pay for repairs to damaged homes and roads.

Roughly 3,200 homes were damaged after the river crested on Saturday, according to state emergency officials.

"Help is on the way, and we are not going to leave until every family is back home," Governor Parson said.

Mr. Parson said six recovery centers would open across the flooded counties by Friday.

"We are not waiting on Washington to start cleaning up," Parson told a news conference in Pacific, where the water reached the second floor of City Hall.

Psaki said aid would cover renters.`,
    ),
    article(
      'ledger',
      'Valley Ledger',
      'Eureka businesses count losses as the water recedes',
      `Shop owners along Eureka's main street spent Tuesday hauling ruined stock to the curb as the Meramec River fell back within its banks.

${WIRE_ONE}

Diane Holt, who has run a hardware store on Central Avenue for 22 years, said the water reached the top of her counters.

"We will reopen, but not this month," Holt said.

${WIRE_TWO}

The city council will meet on Thursday to discuss waiving permit fees for repairs.`,
    ),
  ];
}
