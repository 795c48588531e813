import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { AppLink } from '../../app/router.tsx';
import { urlOf } from '../../client/call.ts';
import { publicOfficeHoursContracts } from '../../../shared/office-hours/public.contracts.ts';
import type { OfficeHourVenue, PublicOccurrence } from '../../../shared/office-hours/office-hours.schemas.ts';

/** Wire dates are Paris calendar dates (« AAAA-MM-JJ »): formatted at UTC noon so no time zone moves them. */
function utcDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

const weekdayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' });

/** « lundi 1er décembre », « mardi 12 mars 2027 » when not this year. */
export function formatDay(date: string, today = new Date().toISOString().slice(0, 10)): string {
  const day = Number(date.slice(8, 10));
  const year = date.slice(0, 4) === today.slice(0, 4) ? '' : ` ${date.slice(0, 4)}`;
  return `${weekdayFormat.format(utcDate(date))} ${day === 1 ? '1er' : day} ${monthFormat.format(utcDate(date))}${year}`;
}

/** « en décembre », « en janvier 2027 » when not this year. */
export function monthHeading(month: string, today = new Date().toISOString().slice(0, 10)): string {
  const year = month.slice(0, 4) === today.slice(0, 4) ? '' : ` ${month.slice(0, 4)}`;
  return `Permanences en ${monthFormat.format(utcDate(`${month}-01`))}${year}`;
}

export function hours(startTime: string, endTime: string): string {
  return `${startTime.replace(':', ' h ')} à ${endTime.replace(':', ' h ')}`.replace(/ h 00/g, ' h');
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
  const when = `${formatDay(occurrence.date)}, de ${hours(occurrence.startTime, occurrence.endTime)}`;
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
        <span className="psq-oh-note">Au lieu du {formatDay(occurrence.originalDate)}.</span>
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
          : {where}, {formatDay(occurrence.date)}
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
