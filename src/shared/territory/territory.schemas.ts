import { Type, type Static } from 'typebox';
import { ListOf, StrictObject, Uuid } from '../common.schemas.ts';

export const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
export const LinearRing = Type.Array(Position);
export const PolygonGeometry = Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(LinearRing) });
export const MultiPolygonGeometry = Type.Object({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(LinearRing)),
});
/** GeoJSON geometry of a sector, WGS84 [lon, lat]. Deep checks (closure, self-intersection) happen in the geo validator. */
export const SectorGeometry = Type.Union([PolygonGeometry, MultiPolygonGeometry]);
export type SectorGeometry = Static<typeof SectorGeometry>;

export const Force = Type.Union([Type.Literal('police'), Type.Literal('gendarmerie')]);
export type Force = Static<typeof Force>;

const Name = Type.String({ minLength: 1, maxLength: 200 });
const DepartmentCode = Type.String({
  pattern: '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$',
  description: 'Code INSEE du département',
});
const InseeCode = Type.String({ pattern: '^([0-9]{2}|2A|2B)[0-9]{3}$', description: 'Code INSEE de la commune' });
const SectorCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'Code unique du secteur' });

export const Department = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() });
export type Department = Static<typeof Department>;
export const DepartmentCreate = StrictObject({ code: DepartmentCode, name: Name });
export type DepartmentCreate = Static<typeof DepartmentCreate>;
export const DepartmentUpdate = StrictObject({ name: Name });
export type DepartmentUpdate = Static<typeof DepartmentUpdate>;

export const District = Type.Object({ id: Uuid, departmentId: Uuid, name: Type.String(), force: Force });
export type District = Static<typeof District>;
export const DistrictCreate = StrictObject({ departmentId: Uuid, name: Name, force: Force });
export type DistrictCreate = Static<typeof DistrictCreate>;
export const DistrictUpdate = StrictObject({ name: Name, force: Force });
export type DistrictUpdate = Static<typeof DistrictUpdate>;

export const Municipality = Type.Object({ id: Uuid, districtId: Uuid, inseeCode: Type.String(), name: Type.String() });
export type Municipality = Static<typeof Municipality>;
export const MunicipalityCreate = StrictObject({ districtId: Uuid, inseeCode: InseeCode, name: Name });
export type MunicipalityCreate = Static<typeof MunicipalityCreate>;
export const MunicipalityUpdate = StrictObject({ districtId: Uuid, name: Name });
export type MunicipalityUpdate = Static<typeof MunicipalityUpdate>;

export const Sector = Type.Object({
  id: Uuid,
  municipalityId: Uuid,
  code: Type.String(),
  name: Type.String(),
  geometry: SectorGeometry,
});
export type Sector = Static<typeof Sector>;
export const SectorCreate = StrictObject({
  municipalityId: Uuid,
  code: SectorCode,
  name: Name,
  geometry: SectorGeometry,
});
export type SectorCreate = Static<typeof SectorCreate>;
export const SectorUpdate = StrictObject({ name: Name, geometry: SectorGeometry });
export type SectorUpdate = Static<typeof SectorUpdate>;

export const DepartmentList = ListOf(Department);
export const DistrictList = ListOf(District);
export const MunicipalityList = ListOf(Municipality);
export const SectorList = ListOf(Sector);
export const DistrictListQuery = StrictObject({ departmentId: Type.Optional(Uuid) });
export const MunicipalityListQuery = StrictObject({
  districtId: Type.Optional(Uuid),
  departmentId: Type.Optional(Uuid),
});
export const SectorListQuery = StrictObject({ municipalityId: Type.Optional(Uuid), departmentId: Type.Optional(Uuid) });

/** `GET /api/territory/resolve` */
export const ResolveQuery = StrictObject({
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude WGS84' }),
  lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude WGS84' }),
});
export type ResolveQuery = Static<typeof ResolveQuery>;
export const Resolution = Type.Object({
  sector: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
  municipality: Type.Object({ id: Uuid, inseeCode: Type.String(), name: Type.String() }),
  district: Type.Object({ id: Uuid, name: Type.String(), force: Force }),
  department: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
});
export type Resolution = Static<typeof Resolution>;

/** `GET /api/territory/map?department=57`: public overview for the home page. */
export const TerritoryMapQuery = StrictObject({ department: Type.Optional(DepartmentCode) });
export const TerritoryMap = Type.Object({
  department: Type.Union([Department, Type.Null()]),
  departments: Type.Array(Department),
  districts: Type.Array(District),
  municipalities: Type.Array(Municipality),
  sectors: Type.Array(Sector),
});
export type TerritoryMap = Static<typeof TerritoryMap>;

/**
 * `POST /api/territory/sectors/import`: a GeoJSON FeatureCollection whose features carry
 * `properties.code`, `properties.name` and `properties.municipality` (INSEE code).
 * Features are checked one by one so that each error names its index.
 */
export const SectorImport = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Unknown(), { maxItems: 10000 }),
  },
  { description: 'GeoJSON FeatureCollection; extra members (bbox, name, crs) are allowed by GeoJSON and ignored' },
);
export type SectorImport = Static<typeof SectorImport>;
export const SectorImportQuery = StrictObject({
  dryRun: Type.Optional(Type.Boolean({ description: 'Valider sans importer' })),
});
export const SectorImportResult = Type.Object({
  dryRun: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  sectors: Type.Array(
    Type.Object({
      index: Type.Integer(),
      code: Type.String(),
      action: Type.Union([Type.Literal('create'), Type.Literal('update')]),
    }),
  ),
});
export type SectorImportResult = Static<typeof SectorImportResult>;
