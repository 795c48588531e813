/**
 * The calendar bench's département: 50 communes with one square sector each, 500 venues, 2,000
 * schedules over 12 months (weekly, 1st–4th weekday of the month, every other week, explicit
 * dates) and about 600 changed occurrences (cancelled, moved, added). Deterministic, written with
 * one multi-row INSERT per table (unnest of arrays): a few seconds on either database.
 */
import crypto from 'node:crypto';
import type { Database } from '../src/server/platform/db/client.ts';
import { expandRecurrence } from '../src/server/modules/office-hours/index.ts';

export const BENCH_DEPARTMENT = '57';
const COMMUNES = 50;
const VENUES_PER_COMMUNE = 10;
const SCHEDULES_PER_VENUE = 4;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];
const TIMES: Array<[number, number]> = [
  [540, 690],
  [570, 690],
  [795, 915],
  [840, 1020],
];

/** Deterministic ids, so two runs build the same calendar (and the same feed bytes). */
const uuid = (name: string) => {
  const hex = crypto.createHash('sha256').update(`bench-calendar:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const shift = (date: string, days: number) => isoDate(new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000));

interface Schedule {
  id: string;
  venueId: string;
  delegate: string;
  title: string;
  start: number;
  end: number;
  rrule: string | null;
  rdates: string[];
}

/** The i-th schedule: 40 % weekly, 20 % monthly (n-th weekday), 20 % every other week, 20 % explicit dates. */
function scheduleOf(i: number, venueId: string, startDate: string): Schedule {
  const [start, end] = TIMES[i % TIMES.length];
  const day = DAYS[i % DAYS.length];
  const base = { id: uuid(`schedule-${i}`), venueId, delegate: uuid(`delegate-${i % 100}`), start, end };
  const kind = i % 10;
  if (kind < 4)
    return { ...base, title: `Permanence hebdomadaire ${i}`, rrule: `FREQ=WEEKLY;BYDAY=${day}`, rdates: [] };
  if (kind < 6)
    return {
      ...base,
      title: `Permanence du commissaire ${i}`,
      rrule: `FREQ=MONTHLY;BYDAY=${1 + (i % 4)}${day}`,
      rdates: [],
    };
  if (kind < 8)
    return {
      ...base,
      title: `Permanence une semaine sur deux ${i}`,
      rrule: `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`,
      rdates: [],
    };
  // Twice a month, like the Metz press release's dates.
  const rdates = Array.from({ length: 24 }, (_, n) =>
    shift(startDate, Math.floor(n / 2) * 30 + (n % 2) * 14 + (i % 7)),
  );
  return { ...base, title: `Permanence en mairie ${i}`, rrule: null, rdates };
}

export interface BenchCalendar {
  venues: number;
  schedules: number;
  exceptions: number;
  startDate: string;
  endDate: string;
}

/** Writes the département into an empty, migrated database. */
export async function buildBenchCalendar(database: Database, today = new Date()): Promise<BenchCalendar> {
  const startDate = `${isoDate(today).slice(0, 7)}-01`;
  const endDate = shift(startDate, 364);
  const departmentId = uuid('department');
  const districtId = uuid('district');
  await database.query('insert into departments (id, code, name) values ($1, $2, $3)', [
    departmentId,
    BENCH_DEPARTMENT,
    'Moselle (banc d’essai)',
  ]);
  await database.query(
    "insert into districts (id, department_id, name, force) values ($1, $2, 'Circonscription du banc', 'police')",
    [districtId, departmentId],
  );

  const communes = Array.from({ length: COMMUNES }, (_, c) => ({
    id: uuid(`commune-${c}`),
    sector: uuid(`sector-${c}`),
    insee: `57${String(100 + c).padStart(3, '0')}`,
    lon: 6 + (c % 10) * 0.02,
    lat: 49 + Math.floor(c / 10) * 0.02,
  }));
  await database.query(
    'insert into municipalities (id, district_id, insee_code, name) select id, ' +
      '$2, insee, name from unnest($1::uuid[], $3::text[], $4::text[]) as t(id, ' +
      'insee, name)',
    [communes.map((c) => c.id), districtId, communes.map((c) => c.insee), communes.map((c) => `Commune ${c.insee}`)],
  );
  const square = (lon: number, lat: number) =>
    JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.01, lat],
          [lon + 0.01, lat + 0.01],
          [lon, lat + 0.01],
          [lon, lat],
        ],
      ],
    });
  await database.query(
    `insert into sectors (id, municipality_id, code, name, geometry, vertex_count, min_lon, min_lat, max_lon, max_lat)
     select id, commune, code, 'Secteur ' || code, geometry::jsonb, 5, lon, lat, lon + 0.01, lat + 0.01
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[], $6::float8[]) as t(id, commune, code, geometry, lon, lat)`,
    [
      communes.map((c) => c.sector),
      communes.map((c) => c.id),
      communes.map((c) => `BENCH-${c.insee}`),
      communes.map((c) => square(c.lon, c.lat)),
      communes.map((c) => c.lon),
      communes.map((c) => c.lat),
    ],
  );

  const venues = communes.flatMap((c, ci) =>
    Array.from({ length: VENUES_PER_COMMUNE }, (_, v) => ({
      id: uuid(`venue-${ci}-${v}`),
      name: `Mairie de quartier ${ci * VENUES_PER_COMMUNE + v}`,
      address: `${v + 1} place de la République, ${c.insee}`,
      lon: c.lon + 0.001 + v * 0.0008,
      lat: c.lat + 0.005,
      notes: v % 3 === 0 ? 'Accès de plain-pied, boucle magnétique' : null,
      sector: c.sector,
      commune: c.id,
    })),
  );
  await database.query(
    `insert into office_hour_venues (id, name, address, lon, lat, accessibility_notes, sector_id, municipality_id)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::uuid[], $8::uuid[])`,
    [
      venues.map((v) => v.id),
      venues.map((v) => v.name),
      venues.map((v) => v.address),
      venues.map((v) => v.lon),
      venues.map((v) => v.lat),
      venues.map((v) => v.notes),
      venues.map((v) => v.sector),
      venues.map((v) => v.commune),
    ],
  );

  const schedules = venues.flatMap((venue, vi) =>
    Array.from({ length: SCHEDULES_PER_VENUE }, (_, s) =>
      scheduleOf(vi * SCHEDULES_PER_VENUE + s, venue.id, startDate),
    ),
  );
  await database.query(
    `insert into office_hour_schedules (id, venue_id, delegate_user_id, title, start_minute, end_minute, rrule, rdates, start_date, end_date)
     select id, venue, delegate, title, s, e, rrule, rdates::date[], $9::date, $10::date
     from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[]) as t(id, venue, delegate, title, s, e, rrule, rdates)`,
    [
      schedules.map((s) => s.id),
      schedules.map((s) => s.venueId),
      schedules.map((s) => s.delegate),
      schedules.map((s) => s.title),
      schedules.map((s) => s.start),
      schedules.map((s) => s.end),
      schedules.map((s) => s.rrule),
      schedules.map((s) => `{${s.rdates.join(',')}}`),
      startDate,
      endDate,
    ],
  );

  // Changed occurrences: every 7th schedule cancels its 3rd date, every 11th moves its 5th to the next day, every 13th adds one.
  const exceptions: Array<{
    schedule: string;
    kind: string;
    original: string | null;
    date: string | null;
    start: number | null;
    end: number | null;
    reason: string | null;
  }> = [];
  schedules.forEach((s, i) => {
    if (i % 7 && i % 11 && i % 13) return;
    const { dates } = expandRecurrence({ rrule: s.rrule, rdates: s.rdates, startDate, endDate, startMinute: s.start });
    if (i % 7 === 0)
      exceptions.push({
        schedule: s.id,
        kind: 'cancelled',
        original: dates[2],
        date: null,
        start: null,
        end: null,
        reason: 'Permanence annulée : congés du délégué',
      });
    if (i % 11 === 0)
      exceptions.push({
        schedule: s.id,
        kind: 'moved',
        original: dates[4],
        date: shift(dates[4], 1),
        start: s.start + 60,
        end: s.end + 60,
        reason: 'Salle indisponible',
      });
    if (i % 13 === 0)
      exceptions.push({
        schedule: s.id,
        kind: 'added',
        original: null,
        date: shift(dates[1], 2),
        start: s.start,
        end: s.end,
        reason: null,
      });
  });
  await database.query(
    `insert into office_hour_exceptions (schedule_id, kind, original_date, date, start_minute, end_minute, reason)
     select * from unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::int[], $6::int[], $7::text[])`,
    [
      exceptions.map((e) => e.schedule),
      exceptions.map((e) => e.kind),
      exceptions.map((e) => e.original),
      exceptions.map((e) => e.date),
      exceptions.map((e) => e.start),
      exceptions.map((e) => e.end),
      exceptions.map((e) => e.reason),
    ],
  );
  return { venues: venues.length, schedules: schedules.length, exceptions: exceptions.length, startDate, endDate };
}
