import type { PlatformModule } from '../platform/module.ts';
import { territoryModule } from './territory/index.ts';
import { identityModule } from './identity/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { alertsModule } from './alerts/index.ts';
import { officeHoursModule } from './office-hours/index.ts';
import { requestsModule } from './requests/index.ts';
import { officeHourVisitsModule } from './office-hour-visits/index.ts';
import { geocodingModule } from './geocoding/index.ts';

/** Every domain module, in dependency order (a module may call the exports of those above it). */
export const modules: PlatformModule[] = [
  territoryModule,
  identityModule,
  notificationsModule,
  alertsModule,
  officeHoursModule,
  requestsModule,
  officeHourVisitsModule,
  geocodingModule,
];
