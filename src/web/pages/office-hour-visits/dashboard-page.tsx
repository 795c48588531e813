import { Table } from '@codegouvfr/react-dsfr/Table';
import { VISIT_CATEGORY_LABELS, type Dashboard } from '../../../shared/office-hour-visits/visits.schemas.ts';
import { call } from '../../client/call.ts';
import { visitContracts } from '../../../shared/office-hour-visits/visits.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { formatDate, formatMonth, formatTime } from '../../../shared/format/french-dates.ts';
import { newVisitHref, VISITS_PATH } from './visit-display.tsx';

/** A booking at a venue the reader does not manage: the resident's name is not shown. */
const NO_NAME = (
  <>
    <span aria-hidden="true">—</span>
    <span className="fr-sr-only">Nom non communiqué</span>
  </>
);

/** Months as columns, one row per key (a category, a venue), zeros where nothing was noted. */
function monthlyRows<K extends string>(
  months: string[],
  counts: Array<{ month: string; key: K; count: number }>,
  label: (key: K) => string,
) {
  const keys = [...new Set(counts.map((c) => c.key))];
  return keys.map((key) => [
    label(key),
    ...months.map((month) => String(counts.find((c) => c.key === key && c.month === month)?.count ?? 0)),
  ]);
}

function Counts({ dashboard }: { dashboard: Dashboard }) {
  const headers = ['', ...dashboard.months.map(formatMonth)];
  const byCategory = monthlyRows(
    dashboard.months,
    dashboard.byCategory.map((c) => ({ month: c.month, key: c.category, count: c.count })),
    (key) => VISIT_CATEGORY_LABELS[key],
  );
  const names = new Map(dashboard.byVenue.map((c) => [c.venue.id, c.venue.name]));
  const byVenue = monthlyRows(
    dashboard.months,
    dashboard.byVenue.map((c) => ({ month: c.month, key: c.venue.id, count: c.count })),
    (key) => names.get(key) ?? '',
  );
  if (byCategory.length === 0) return <p>Aucune visite notée ces douze derniers mois.</p>;
  return (
    <div>
      <Table
        caption="Visites par catégorie et par mois (12 derniers mois)"
        headers={headers}
        data={byCategory}
        bordered
      />
      <Table caption="Visites par lieu et par mois (12 derniers mois)" headers={headers} data={byVenue} bordered />
    </div>
  );
}

/** `/gestion-permanences/tableau-de-bord`: next office hours, bookings, visits awaiting follow-up, monthly counts. */
export function DashboardPage() {
  useDocumentTitle('Tableau de bord des permanences');
  const state = useAsync(() => call(visitContracts.dashboard), []);
  const dashboard = state.data;
  return (
    <>
      <h1>Tableau de bord des permanences</h1>
      <p>
        <AppLink href={VISITS_PATH}>Toutes les visites notées</AppLink> ·{' '}
        <AppLink href="/gestion-permanences">Lieux et calendriers</AppLink>
      </p>
      <ErrorMessage message={state.error} />
      {!dashboard && state.loading && <Loading />}
      {dashboard && (
        <>
          <h2>Prochaines permanences</h2>
          {dashboard.nextOccurrences.length === 0 ? (
            <p>Aucune permanence à venir.</p>
          ) : (
            <Table
              caption="Les 5 prochaines permanences"
              headers={['Date', 'Horaires', 'Permanence', 'Lieu', 'Rendez-vous', '']}
              data={dashboard.nextOccurrences.map((o) => [
                formatDate(o.date),
                `${formatTime(o.startTime)} – ${formatTime(o.endTime)}`,
                o.status === 'cancelled' ? `${o.title} (annulée)` : o.title,
                o.venue.name,
                String(o.bookings),
                o.status === 'cancelled' ? (
                  ''
                ) : (
                  <AppLink key="noter" href={newVisitHref({ scheduleId: o.scheduleId, date: o.date })}>
                    Noter une visite<span className="fr-sr-only"> le {formatDate(o.date)}</span>
                  </AppLink>
                ),
              ])}
            />
          )}
          <h2>Rendez-vous à venir</h2>
          {dashboard.upcomingBookings.length === 0 ? (
            <p>Aucun rendez-vous pris.</p>
          ) : (
            <Table
              caption="Rendez-vous pris par les habitants"
              headers={['Date', 'Créneau', 'Permanence', 'Nom']}
              data={dashboard.upcomingBookings.map((b) => [
                formatDate(b.date),
                b.slot ? formatTime(b.slot) : 'Sans créneau',
                b.title,
                b.name ?? NO_NAME,
              ])}
            />
          )}
          <h2>Visites en attente de suite</h2>
          {dashboard.awaitingFollowUp.length === 0 ? (
            <p>Aucune visite en attente de suite.</p>
          ) : (
            <ul>
              {dashboard.awaitingFollowUp.map((v) => (
                <li key={v.id}>
                  <AppLink href={`${VISITS_PATH}/${v.id}`}>
                    {formatDate(v.date)} — {VISIT_CATEGORY_LABELS[v.category]}
                    {v.venue ? `, ${v.venue.name}` : ''}
                  </AppLink>
                  {v.wantsAnswer ? ' · attend une réponse' : ''}
                  {v.requestReference ? ` · demande ${v.requestReference}` : ''}
                </li>
              ))}
            </ul>
          )}
          <h2>Visites par mois</h2>
          <Counts dashboard={dashboard} />
        </>
      )}
    </>
  );
}
