import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { AppLink } from '../../app/router.tsx';
import { urlOf } from '../../client/call.ts';
import { publicOfficeHoursContracts } from '../../../shared/office-hours/public.contracts.ts';
import type { OfficeHourVenue, PublicOccurrence } from '../../../shared/office-hours/office-hours.schemas.ts';
import { formatDate, formatMonth, formatTime } from '../../../shared/format/french-dates.ts';

/** « Permanences en décembre 2026 » (a month « AAAA-MM »). */
export function monthHeading(month: string): string {
  return `Permanences en ${formatMonth(month)}`;
}

/** « 14 h 00 à 17 h 30 » (Paris wall-clock times « HH:MM »). */
export function hours(startTime: string, endTime: string): string {
  return `${formatTime(startTime)} à ${formatTime(endTime)}`;
}

/** Occurrences grouped by month (« AAAA-MM »), in date order. */
export function byMonth<T extends { date: string }>(items: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.date.localeCompare(b.date))) {
    const key = item.date.slice(0, 7);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()];
}

export function StatusBadge({ status }: { status: PublicOccurrence['status'] }) {
  if (status === 'cancelled')
    return (
      <Badge as="span" small severity="error">
        Annulée
      </Badge>
    );
  if (status === 'moved')
    return (
      <Badge as="span" small severity="warning">
        Déplacée
      </Badge>
    );
  if (status === 'added')
    return (
      <Badge as="span" small severity="new">
        Ajoutée
      </Badge>
    );
  return null;
}

/** One date of an office hour: its day and hours, and what changed (a cancellation is struck through, with its reason). */
export function OccurrenceText({ occurrence }: { occurrence: PublicOccurrence }) {
  const cancelled = occurrence.status === 'cancelled';
  const when = `${formatDate(occurrence.date)}, de ${hours(occurrence.startTime, occurrence.endTime)}`;
  return (
    <>
      {cancelled ? (
        <>
          <del>{when}</del> <StatusBadge status="cancelled" />
        </>
      ) : (
        <>
          <strong>{when}</strong> <StatusBadge status={occurrence.status} />
        </>
      )}
      {occurrence.status === 'moved' && occurrence.originalDate && (
        <span className="psq-oh-note">Au lieu du {formatDate(occurrence.originalDate)}.</span>
      )}
      {occurrence.reason && (
        <span className="psq-oh-note">
          {cancelled ? 'Motif de l’annulation : ' : 'Motif : '}
          {occurrence.reason}
        </span>
      )}
    </>
  );
}

export function venueLine(venue: OfficeHourVenue): string {
  return [venue.address, venue.sector ? `secteur ${venue.sector.name}` : null].filter(Boolean).join(' — ');
}

/** The booking page of one occurrence. */
export const bookingPath = (occurrence: Pick<PublicOccurrence, 'scheduleId' | 'date'>) =>
  `/permanences/reservation/${encodeURIComponent(occurrence.scheduleId)}/${occurrence.date}`;

/** Whether residents may still book this occurrence (booking on, not cancelled, not over). */
export function isBookable(occurrence: PublicOccurrence, now = new Date()): boolean {
  return Boolean(occurrence.bookingEnabled) && occurrence.status !== 'cancelled' && new Date(occurrence.end) > now;
}

/** « Prendre rendez-vous » for an occurrence that takes bookings (the place's name completes the link for screen readers). */
export function BookingLink({ occurrence, where }: { occurrence: PublicOccurrence; where: string }) {
  if (!isBookable(occurrence)) return null;
  return (
    <span className="psq-oh-note">
      <AppLink className="fr-link fr-icon-calendar-event-line fr-link--icon-left" href={bookingPath(occurrence)}>
        Prendre rendez-vous
        <span className="fr-sr-only">
          {' '}
          : {where}, {formatDate(occurrence.date)}
        </span>
      </AppLink>
    </span>
  );
}

/** The iCalendar feed of the delegate who holds these office hours. */
export function DelegateFeedLink({ delegateUserId, where }: { delegateUserId: string | undefined; where: string }) {
  if (!delegateUserId) return null;
  return (
    <span className="psq-oh-note">
      <a href={urlOf(publicOfficeHoursContracts.delegateFeed, { params: { id: delegateUserId } })} type="text/calendar">
        S’abonner au calendrier du délégué (iCalendar)<span className="fr-sr-only"> : {where}</span>
      </a>
    </span>
  );
}
