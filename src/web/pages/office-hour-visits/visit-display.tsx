import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { FOLLOW_UP_LABELS, type FollowUp } from '../../../shared/office-hour-visits/visits.schemas.ts';

export const VISITS_PATH = '/gestion-permanences/visites';
export const DASHBOARD_PATH = '/gestion-permanences/tableau-de-bord';

const FOLLOW_UP_SEVERITY: Record<FollowUp, 'warning' | 'success' | undefined> = {
  none: undefined,
  awaiting: 'warning',
  done: 'success',
};

export function FollowUpBadge({ followUp }: { followUp: FollowUp }) {
  return (
    <Badge as="span" noIcon small severity={FOLLOW_UP_SEVERITY[followUp]}>
      {FOLLOW_UP_LABELS[followUp]}
    </Badge>
  );
}

/** The link that opens the visit form for an occurrence (schedule and date) or a venue. */
export const newVisitHref = (at: { scheduleId?: string; venueId?: string; date?: string }) =>
  `${VISITS_PATH}/nouvelle?${new URLSearchParams(Object.entries(at).filter((entry): entry is [string, string] => !!entry[1])).toString()}`;
