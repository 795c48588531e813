import '../../styles/office-hours.css';
import type { Route } from '../../app/app.tsx';
import { RequirePermission } from '../../app/permission-guards.tsx';
import { BookingPage } from './booking-page.tsx';
import { CancelBookingPage } from './cancel-booking-page.tsx';
import { ManageVenuesPage } from './manage-venues-page.tsx';
import { NearOfficeHoursPage } from './near-office-hours-page.tsx';
import { PublicOfficeHoursPage } from './public-office-hours-page.tsx';
import { VenueManagePage } from './venue-manage-page.tsx';

const MANAGERS = 'aux délégués à la cohésion police-population et aux administrateurs';

/** Public pages of the office hours (no sign-in), and the delegates' management pages. */
export const officeHoursRoutes: Route[] = [
  { pattern: '/permanences', render: () => <PublicOfficeHoursPage /> },
  { pattern: '/permanences/pres-de-chez-moi', render: () => <NearOfficeHoursPage /> },
  {
    pattern: '/permanences/departement/:code',
    render: ({ code }) => <PublicOfficeHoursPage key={code} where={{ department: code }} />,
  },
  {
    pattern: '/permanences/commune/:insee',
    render: ({ insee }) => <PublicOfficeHoursPage key={insee} where={{ municipality: insee }} />,
  },
  {
    pattern: '/permanences/reservation/:scheduleId/:date',
    render: ({ scheduleId, date }) => <BookingPage key={`${scheduleId}/${date}`} scheduleId={scheduleId} date={date} />,
  },
  { pattern: '/permanences/annulation/:code', render: ({ code }) => <CancelBookingPage key={code} code={code} /> },
  {
    pattern: '/gestion-permanences',
    guard: { title: 'Gérer les permanences' },
    render: () => (
      <RequirePermission permission="office-hours.manage" who={MANAGERS}>
        <ManageVenuesPage />
      </RequirePermission>
    ),
  },
  {
    pattern: '/gestion-permanences/lieux/:id',
    guard: { title: 'Lieu de permanence' },
    render: ({ id }) => (
      <RequirePermission permission="office-hours.manage" who={MANAGERS}>
        <VenueManagePage key={id} venueId={id} />
      </RequirePermission>
    ),
  },
];
