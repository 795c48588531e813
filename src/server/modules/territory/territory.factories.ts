import crypto from 'node:crypto';
import { systemActor } from '../../platform/access/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import type { Force, SectorGeometry } from '../../../shared/territory/territory.schemas.ts';
import * as service from './territory.service.ts';

const actor = systemActor('test');
let counter = 0;
const unique = () => `${++counter}${crypto.randomBytes(2).toString('hex')}`;

/** A square of `size` degrees whose south-west corner is (lon, lat). */
export function square(lon: number, lat: number, size = 0.01): SectorGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

const departmentCodes = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
];

export async function makeDepartment(database: Database, overrides: { code?: string; name?: string } = {}) {
  const code = overrides.code ?? departmentCodes[counter++ % departmentCodes.length];
  return service.createDepartment(database.db, actor, { code, name: overrides.name ?? `Département ${code}` });
}

export async function makeDistrict(database: Database, departmentId: string, force: Force = 'police') {
  return service.createDistrict(database.db, actor, { departmentId, name: `Circonscription ${unique()}`, force });
}

export async function makeMunicipality(database: Database, districtId: string, inseeCode?: string) {
  const code = inseeCode ?? String(10000 + (++counter % 89999));
  return service.createMunicipality(database.db, actor, { districtId, inseeCode: code, name: `Commune ${code}` });
}

export async function makeSector(
  database: Database,
  municipalityId: string,
  geometry: SectorGeometry,
  code = `S-${unique()}`,
) {
  return service.createSector(database.db, actor, { municipalityId, code, name: `Secteur ${code}`, geometry });
}

/** A whole territory of its own: département → district → commune → one sector (a square at lon, lat). */
export async function makeTerritory(
  database: Database,
  options: { lon?: number; lat?: number; departmentCode?: string; inseeCode?: string } = {},
) {
  const department = await makeDepartment(database, { code: options.departmentCode });
  const district = await makeDistrict(database, department.id);
  const municipality = await makeMunicipality(database, district.id, options.inseeCode);
  const sector = await makeSector(database, municipality.id, square(options.lon ?? 6.1, options.lat ?? 49.1));
  return { department, district, municipality, sector };
}
