import type { Route } from '../../app/app.tsx';
import { RequirePermission } from '../../app/permission-guards.tsx';
import { CategoryTargetsPage } from './category-targets-page.tsx';

/** Before `/demandes/:id`, which would otherwise take « delais » for an id. */
export const categoryTargetRoutes: Route[] = [
  {
    pattern: '/demandes/delais',
    guard: { title: 'Délais cibles par catégorie' },
    render: () => (
      <RequirePermission permission="requests.read" who="aux policiers et gendarmes référents et aux administrateurs">
        <CategoryTargetsPage />
      </RequirePermission>
    ),
  },
];
