import type { Route } from '../../app/app.tsx';
import { RequirePermission } from '../../app/permission-guards.tsx';
import { StaffIntakePage } from '../requests/staff-intake-page.tsx';
import { DashboardPage } from './dashboard-page.tsx';
import { NewVisitPage } from './new-visit-page.tsx';
import { DASHBOARD_PATH, VISITS_PATH } from './visit-display.tsx';
import { VisitDetailPage } from './visit-detail-page.tsx';
import { VisitsPage } from './visits-page.tsx';

const READERS = 'aux délégués à la cohésion police-population, aux référents police et aux administrateurs';
const RECORDERS = 'aux délégués à la cohésion police-population et aux administrateurs';

/**
 * The delegate's dashboard and confidential visits, and « Enregistrer un appel » (listed before
 * the requests' routes so that `/demandes/nouvelle` is not read as the request « nouvelle »).
 */
export const officeHourVisitRoutes: Route[] = [
  {
    pattern: DASHBOARD_PATH,
    guard: { title: 'Tableau de bord des permanences' },
    render: () => (
      <RequirePermission permission="visits.read" who={READERS}>
        <DashboardPage />
      </RequirePermission>
    ),
  },
  {
    pattern: VISITS_PATH,
    guard: { title: 'Visites de permanence' },
    render: () => (
      <RequirePermission permission="visits.read" who={READERS}>
        <VisitsPage />
      </RequirePermission>
    ),
  },
  {
    pattern: `${VISITS_PATH}/nouvelle`,
    guard: { title: 'Noter une visite' },
    render: () => (
      <RequirePermission permission="visits.record" who={RECORDERS}>
        <NewVisitPage />
      </RequirePermission>
    ),
  },
  {
    pattern: `${VISITS_PATH}/:id`,
    guard: { title: 'Visite' },
    render: ({ id }) => (
      <RequirePermission permission="visits.read" who={READERS}>
        <VisitDetailPage key={id} visitId={id} />
      </RequirePermission>
    ),
  },
  {
    pattern: '/demandes/nouvelle',
    guard: { title: 'Enregistrer un appel' },
    render: () => (
      <RequirePermission permission="requests.handle" who="aux policiers et gendarmes référents et aux administrateurs">
        <StaffIntakePage />
      </RequirePermission>
    ),
  },
];
