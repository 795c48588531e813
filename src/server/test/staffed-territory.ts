import type { Role, ScopeType } from '../../shared/identity/identity.schemas.ts';
import { signedIn } from '../modules/identity/identity.factories.ts';
import { makeTerritory } from '../modules/territory/territory.factories.ts';
import type { TestApp } from './test-app.ts';

// One counter for every module's fixtures: a test file that builds territories through several
// of them still gets places that never overlap (0.2° apart, the sectors are 0.01° squares).
let place = 0;
// Département codes 01–95 but 20 (Corsica replaced it): 94 territories per test file at most.
const DEPARTMENT_CODES = [...Array(95).keys()]
  .map((i) => String(i + 1).padStart(2, '0'))
  .filter((code) => code !== '20');

/**
 * A territory of its own (département → district → commune → one sector square), a point inside
 * its sector, and `as(role, scopeType, scopeId)` to sign in someone holding a role on part of it.
 */
export async function makeStaffedTerritory(t: TestApp) {
  place += 1;
  const lon = 3 + (place % 40) * 0.2;
  const lat = 45 + Math.floor(place / 40) * 0.2;
  const code = DEPARTMENT_CODES[place % DEPARTMENT_CODES.length];
  const territory = await makeTerritory(t.database, {
    lon,
    lat,
    departmentCode: code,
    inseeCode: `${code}${String(place).padStart(3, '0')}`,
  });
  const as = (role: Role, scopeType: ScopeType, scopeId: string) =>
    signedIn(t.database, t.config, role, scopeType, scopeId);
  return {
    ...territory,
    /** Inside the sector (a 0.01° square from the territory's corner). */
    point: { lon: lon + 0.005, lat: lat + 0.005 },
    as,
  };
}
