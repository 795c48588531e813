import type {
  Department,
  DepartmentCreate,
  DepartmentUpdate,
  District,
  DistrictCreate,
  DistrictUpdate,
  Municipality,
  MunicipalityCreate,
  MunicipalityUpdate,
  Resolution,
  Sector,
  SectorCreate,
  SectorImportResult,
  SectorUpdate,
  TerritoryMap,
} from '../../shared/territory.schemas.ts';
import { query, request } from './http.ts';

interface Items<T> {
  items: T[];
}

const base = '/api/territory';

export const api = {
  territoryMap: (department?: string, signal?: AbortSignal) =>
    request<TerritoryMap>(`${base}/map${query({ department })}`, { signal }),
  resolve: (lat: number, lon: number, signal?: AbortSignal) =>
    request<Resolution>(`${base}/resolve${query({ lat, lon })}`, { signal }),

  departments: () => request<Items<Department>>(`${base}/departments`).then((r) => r.items),
  createDepartment: (body: DepartmentCreate) => request<Department>(`${base}/departments`, { method: 'POST', body }),
  updateDepartment: (id: string, body: DepartmentUpdate) =>
    request<Department>(`${base}/departments/${id}`, { method: 'PATCH', body }),
  deleteDepartment: (id: string) => request<void>(`${base}/departments/${id}`, { method: 'DELETE' }),

  districts: (departmentId?: string) =>
    request<Items<District>>(`${base}/districts${query({ departmentId })}`).then((r) => r.items),
  createDistrict: (body: DistrictCreate) => request<District>(`${base}/districts`, { method: 'POST', body }),
  updateDistrict: (id: string, body: DistrictUpdate) =>
    request<District>(`${base}/districts/${id}`, { method: 'PATCH', body }),
  deleteDistrict: (id: string) => request<void>(`${base}/districts/${id}`, { method: 'DELETE' }),

  municipalities: (filter: { districtId?: string; departmentId?: string } = {}) =>
    request<Items<Municipality>>(`${base}/municipalities${query(filter)}`).then((r) => r.items),
  createMunicipality: (body: MunicipalityCreate) =>
    request<Municipality>(`${base}/municipalities`, { method: 'POST', body }),
  updateMunicipality: (id: string, body: MunicipalityUpdate) =>
    request<Municipality>(`${base}/municipalities/${id}`, { method: 'PATCH', body }),
  deleteMunicipality: (id: string) => request<void>(`${base}/municipalities/${id}`, { method: 'DELETE' }),

  sectors: (filter: { municipalityId?: string; departmentId?: string } = {}) =>
    request<Items<Sector>>(`${base}/sectors${query(filter)}`).then((r) => r.items),
  sector: (id: string) => request<Sector>(`${base}/sectors/${id}`),
  createSector: (body: SectorCreate) => request<Sector>(`${base}/sectors`, { method: 'POST', body }),
  updateSector: (id: string, body: SectorUpdate) => request<Sector>(`${base}/sectors/${id}`, { method: 'PATCH', body }),
  deleteSector: (id: string) => request<void>(`${base}/sectors/${id}`, { method: 'DELETE' }),
  /** `geojson` is the file's text, sent as is. */
  importSectors: (geojson: string, dryRun: boolean) =>
    request<SectorImportResult>(`${base}/sectors/import${query({ dryRun })}`, { method: 'POST', rawJson: geojson }),
};
