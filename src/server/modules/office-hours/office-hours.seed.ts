import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import { findActiveUserByEmail } from '../identity/index.ts';
import { territoryIdByCode } from '../territory/index.ts';
import { findSchedule } from './office-hours.queries.ts';
import { officeHourVenues } from './office-hours.tables.ts';
import { addDays, parisDate, toMinute } from './paris-time.ts';
import { expandRecurrence } from './recurrence.ts';
import { addException, createSchedule } from './schedules.service.ts';
import { createVenue, placeOfPoint } from './venues.service.ts';

const actor = systemActor('seed');

/**
 * Metz's office hours as announced in March–April 2019 (twice a month in the neighbourhood town
 * halls of Bellecroix and Borny, and at the Hôtel de Ville), as rules over the current month and
 * the next two so the demo always shows upcoming dates. « Après-midi » without hours in the source
 * is taken as 14:00–17:00. One occurrence is cancelled, to show how it looks.
 */
const VENUES = [
  {
    name: 'Mairie de quartier de Bellecroix',
    address: '13 rue de Toulouse, 57070 Metz',
    lon: 6.2135,
    lat: 49.1285,
    accessibilityNotes: 'Accès de plain-pied.',
    title: 'Permanence du délégué à la cohésion police-population',
    rrule: 'FREQ=MONTHLY;BYDAY=1MO,3MO',
    start: '14:00',
    end: '17:00',
  },
  {
    name: 'Mairie de quartier de Borny',
    address: '4 boulevard de Provence, 57070 Metz',
    lon: 6.2255,
    lat: 49.1055,
    accessibilityNotes: null,
    title: 'Permanence du délégué à la cohésion police-population',
    rrule: 'FREQ=MONTHLY;BYDAY=2TU,4TU',
    start: '13:15',
    end: '15:15',
  },
  {
    name: 'Hôtel de Ville de Metz',
    address: '1 place d’Armes, 57000 Metz',
    lon: 6.1755,
    lat: 49.1197,
    accessibilityNotes: 'Entrée accessible place d’Armes, ascenseur.',
    title: 'Permanence du délégué à la cohésion police-population',
    rrule: 'FREQ=MONTHLY;BYDAY=2TH,4TH',
    start: '14:00',
    end: '17:00',
  },
];

export async function seedDemoOfficeHours(database: Database, now = new Date()): Promise<void> {
  const metz = await territoryIdByCode(database.db, 'municipality', '57463');
  const delegate = await findActiveUserByEmail(database.db, 'delegue.metz@demo.psq.fr');
  if (!metz || !delegate) return;
  const existing = await database.db
    .select({ id: officeHourVenues.id })
    .from(officeHourVenues)
    .where(eq(officeHourVenues.municipalityId, metz))
    .limit(1);
  if (existing.length) return;
  const startDate = `${parisDate(now).slice(0, 7)}-01`;
  const endDate = addDays(`${addDays(startDate, 95).slice(0, 7)}-01`, -1);
  for (const [index, venue] of VENUES.entries()) {
    const { resolution } = await placeOfPoint(database, venue.lon, venue.lat, 0);
    const created = await createVenue(database.db, actor, venue, resolution);
    const schedule = await createSchedule(database.db, actor, {
      venueId: created.id,
      delegateUserId: delegate.id,
      title: venue.title,
      startTime: venue.start,
      endTime: venue.end,
      rrule: venue.rrule,
      startDate,
      endDate,
    });
    if (index === 1) {
      const { dates } = expandRecurrence({
        rrule: venue.rrule,
        rdates: [],
        startDate,
        endDate,
        startMinute: toMinute(venue.start),
      });
      const date = dates.find((d) => d > parisDate(now));
      const row = date ? await findSchedule(database.db, schedule.id) : undefined;
      if (date && row)
        await addException(database.db, actor, row, {
          kind: 'cancelled',
          originalDate: date,
          reason: 'Le délégué participe à la réunion du groupe de partenariat opérationnel.',
        });
    }
  }
}
