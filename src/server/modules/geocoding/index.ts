import type { PlatformModule } from '../../platform/module.ts';
import { addressRoutes } from './addresses.routes.ts';

/** Address search through the national address API (BAN), when `GEOCODER_URL` is set. */
export const geocodingModule: PlatformModule = {
  name: 'geocoding',
  routes: (app, { config }) => addressRoutes(app, config),
};
