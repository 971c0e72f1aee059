/** The reasons a reader can give for "not helpful", as the team reads them (the report, the report page). */
import type { FeedbackReason } from './store.ts';

export const reasonLabels: Record<FeedbackReason, string> = {
  missing_information: 'Missing information',
  wrong: 'Wrong',
  hard_to_follow: 'Hard to follow',
  did_not_solve: 'Did not solve it',
};
