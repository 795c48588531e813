import type { Route } from '../../app/app.tsx';
import { RequirePermission } from '../../app/permission-guards.tsx';
import { RequestStatsPage } from './request-stats-page.tsx';

/** Before `/demandes/:id`, which would otherwise take « statistiques » for an id. */
export const requestStatsRoutes: Route[] = [
  {
    pattern: '/demandes/statistiques',
    guard: { title: 'Statistiques des demandes' },
    render: () => (
      <RequirePermission permission="requests.read" who="aux policiers et gendarmes référents et aux administrateurs">
        <RequestStatsPage />
      </RequirePermission>
    ),
  },
];
