import './requests.css';
import type { Route } from '../../app/app.tsx';
import { RequirePermission } from '../../app/permission-guards.tsx';
import { InboxPage } from './inbox-page.tsx';
import { RequestDetailPage } from './request-detail-page.tsx';
import { RequestFormPage } from './request-form-page.tsx';
import { TrackingPage } from './tracking-page.tsx';

const READERS = 'aux policiers et gendarmes référents et aux administrateurs';

/** Residents' requests: the public form and tracking link, and the staff inbox. */
export const requestRoutes: Route[] = [
  { pattern: '/signaler', render: () => <RequestFormPage /> },
  { pattern: '/suivi/:token', render: ({ token }) => <TrackingPage key={token} token={token} /> },
  {
    pattern: '/demandes',
    guard: { title: 'Demandes des habitants' },
    render: () => (
      <RequirePermission permission="requests.read" who={READERS}>
        <InboxPage />
      </RequirePermission>
    ),
  },
  {
    pattern: '/demandes/:id',
    guard: { title: 'Demande' },
    render: ({ id }) => (
      <RequirePermission permission="requests.read" who={READERS}>
        <RequestDetailPage key={id} requestId={id} />
      </RequirePermission>
    ),
  },
];
