import { eq } from 'drizzle-orm';
import type { UserActor } from '../../platform/access/actor.ts';
import type { VisitCreate } from '../../../shared/office-hour-visits/visits.schemas.ts';
import { findActiveUserByEmail } from '../identity/index.ts';
import {
  addDays,
  findOccurrencePlace,
  loadAgenda,
  parisDate,
  type AgendaOccurrence,
  type OccurrencePlace,
} from '../office-hours/index.ts';
import { officeHourVisits } from './office-hour-visits.tables.ts';
import type { VisitsContext } from './visits-context.ts';
import { convertVisit, createVisit, updateVisit } from './visits.service.ts';

const DELEGATE_EMAIL = 'delegue.metz@demo.psq.fr';
/** How far back the seed looks for office hours that were held (the demo schedules start on the 1st of the current month). */
const WEEKS_BACK = 6;

type DemoVisit = Omit<VisitCreate, 'scheduleId' | 'venueId' | 'date'> & { venue: string; convert?: boolean };

/** What residents said at Metz's office hours: one awaits the delegate's follow-up, one became a request. */
const DEMO: DemoVisit[] = [
  {
    venue: 'Mairie de quartier de Borny',
    category: 'motorbike_rodeo',
    said:
      'Des motos tournent le soir sur le parking du boulevard de Provence, à ' +
      'grande vitesse, les enfants ne jouent plus dehors.',
    placeLabel: 'Parking du boulevard de Provence',
    point: { lon: 6.2262, lat: 49.1061 },
    wantsAnswer: true,
    contact: { name: 'M. Haddad', phone: '06 12 34 56 78' },
  },
  {
    venue: 'Mairie de quartier de Borny',
    category: 'burglary',
    said: 'Trois caves fracturées ce mois-ci dans la résidence ; le bailleur ne répare pas les portes.',
    placeLabel: 'Résidence rue de Champagne',
    followUp: 'done',
  },
  {
    venue: 'Mairie de quartier de Bellecroix',
    category: 'drug_dealing',
    said:
      'Un point de vente s’est installé au pied de l’immeuble, rue de Toulouse : ' +
      'des allées et venues jusque tard dans la nuit, les habitants n’osent plus ' +
      'sortir.',
    placeLabel: 'Rue de Toulouse',
    point: { lon: 6.2141, lat: 49.1289 },
    convert: true,
  },
  {
    venue: 'Mairie de quartier de Bellecroix',
    category: 'neighbour_dispute',
    said: 'Un conflit entre voisins de palier dure depuis l’été ; la médiation de la mairie a été proposée.',
    followUp: 'done',
  },
  {
    venue: 'Hôtel de Ville de Metz',
    category: 'noise',
    said: 'La musique des terrasses de la place dure jusqu’à deux heures du matin le week-end.',
    placeLabel: 'Place Saint-Louis',
    point: { lon: 6.1778, lat: 49.1172 },
  },
  {
    venue: 'Hôtel de Ville de Metz',
    category: 'incivilities',
    said: 'Dépôts sauvages et tags répétés dans la ruelle derrière l’église, signalés à la mairie sans effet.',
    placeLabel: 'Ruelle derrière l’église',
    followUp: 'none',
  },
];

/** Past dates (newest first) on which the schedule was held, looked up on its weekday; none early in the month. */
async function heldDates(ctx: VisitsContext, occurrence: AgendaOccurrence, today: string): Promise<string[]> {
  const weekday = new Date(`${occurrence.date}T12:00:00Z`).getUTCDay();
  const shift = (new Date(`${today}T12:00:00Z`).getUTCDay() - weekday + 7) % 7 || 7;
  const held: string[] = [];
  for (let week = 0; week < WEEKS_BACK; week++) {
    const date = addDays(today, -(shift + 7 * week));
    const place = await findOccurrencePlace(ctx.database.db, { scheduleId: occurrence.scheduleId, date }).catch(
      () => null,
    );
    if (place?.held) held.push(date);
  }
  return held;
}

/** At a held occurrence of the venue's schedule, else (nothing held yet) at the venue alone, some days ago. */
async function placeOf(
  ctx: VisitsContext,
  occurrence: AgendaOccurrence,
  dates: string[],
  index: number,
  today: string,
): Promise<{ at: Pick<VisitCreate, 'scheduleId' | 'venueId' | 'date'>; place: OccurrencePlace }> {
  const date = dates[index % Math.max(dates.length, 1)];
  const at = date
    ? { scheduleId: occurrence.scheduleId, date }
    : { venueId: occurrence.venue.id, date: addDays(today, -(3 + 7 * index)) };
  return { at, place: await findOccurrencePlace(ctx.database.db, at) };
}

/**
 * A handful of visits noted by the demo delegate at Metz's demo office hours (after their seed),
 * written through this module's own functions with the delegate as actor, so that they carry
 * the delegate as author (who may read them) and their audit events. Once: skipped when the
 * delegate already has visits.
 */
export async function seedDemoVisits(ctx: VisitsContext, now = new Date()): Promise<void> {
  const db = ctx.database.db;
  const delegate = await findActiveUserByEmail(db, DELEGATE_EMAIL);
  if (!delegate) return;
  const [existing] = await db
    .select({ id: officeHourVisits.id })
    .from(officeHourVisits)
    .where(eq(officeHourVisits.authorId, delegate.id))
    .limit(1);
  if (existing) return;
  const today = parisDate(now);
  const { occurrences } = await loadAgenda(db, { delegateUserId: delegate.id }, today, now, 50);
  const actor: UserActor = { type: 'user', id: delegate.id, email: delegate.email, sessionId: 'seed', assignments: [] };
  const byVenue = new Map<string, { occurrence: AgendaOccurrence; dates: string[]; used: number }>();
  for (const { venue: venueName, convert, ...input } of DEMO) {
    const occurrence = occurrences.find((o) => o.venue.name === venueName);
    if (!occurrence) continue;
    let entry = byVenue.get(venueName);
    if (!entry)
      byVenue.set(venueName, (entry = { occurrence, dates: await heldDates(ctx, occurrence, today), used: 0 }));
    const { at, place } = await placeOf(ctx, occurrence, entry.dates, entry.used++, today);
    const visit = await createVisit(db, actor, { ...at, ...input }, place);
    if (!convert) continue;
    // No e-mail nor phone on this one: the seed runs without a job queue, no receipt is to be sent.
    await convertVisit(ctx, db, actor, visit, { anonymity: 'anonymous', confidential: true });
    await updateVisit(db, actor, visit.id, { followUp: 'done' });
  }
}
