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

/** « 6 mars 2019 » from « 2019-03-06 » (a calendar date: no time zone shift). */
export function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** « mars 2019 » from « 2019-03 ». */
export function formatMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString('fr-FR', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The link that opens the visit form for an occurrence (schedule and date) or a venue. */
export const newVisitHref = (at: { scheduleId?: string; venueId?: string; date?: string }) =>
  `${VISITS_PATH}/nouvelle?${new URLSearchParams(Object.entries(at).filter((entry): entry is [string, string] => !!entry[1])).toString()}`;
