import { type ParameterValues } from "@/lib/domain/parameters/catalogue";

/** How long before "now" the demo network's genesis config was issued and activated. */
export const DEMO_GENESIS_DAYS_AGO = 30;

export interface DemoConfigStep {
  params: ParameterValues;
  issuedDaysAgo: number;
  activateDaysAgo: number;
}

/**
 * The demo network's config history after genesis (versions 2 and 3, oldest first), each a full
 * parameter set built on the one before, so the config history page has diffs to show.
 */
export function demoConfigHistory(defaults: ParameterValues): readonly DemoConfigStep[] {
  const second: ParameterValues = {
    ...defaults,
    "reward.perGbUploaded": 1.2,
    "selection.explorationRate": 0.12,
  };
  const third: ParameterValues = {
    ...second,
    "selection.weightSpeed": 0.35,
    "selection.weightReliability": 0.35,
    "selection.weightContribution": 0.3,
    "freeRider.graceDays": 5,
  };
  return [
    { params: second, issuedDaysAgo: 21, activateDaysAgo: 20 },
    // Before the proposals of the demo's closed round (16 days ago) were written against it.
    { params: third, issuedDaysAgo: 17, activateDaysAgo: 16 },
  ];
}
