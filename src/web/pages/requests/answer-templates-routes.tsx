import type { Route } from '../../app/app.tsx';
import { RequirePermission } from '../../app/permission-guards.tsx';
import { AnswerTemplatesPage } from './answer-templates-page.tsx';

/** Before `/demandes/:id`, which would otherwise take « modeles » for an id. */
export const answerTemplateRoutes: Route[] = [
  {
    pattern: '/demandes/modeles',
    guard: { title: 'Modèles de réponse' },
    render: () => (
      <RequirePermission permission="requests.handle" who="aux policiers et gendarmes référents et aux administrateurs">
        <AnswerTemplatesPage />
      </RequirePermission>
    ),
  },
];
