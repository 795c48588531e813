import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/territory/territory.schemas.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { ModuleContext } from '../../platform/module.ts';
import * as q from './territory.queries.ts';
import type { RouteAccess } from '../../platform/access/access.ts';
import { can } from '../../platform/access/actor.ts';
import { territoryPathOf } from './territory-paths.ts';
import * as service from './territory.service.ts';
import { importSectors } from './sector-import.ts';
import { resolvePoint } from './territory.resolver.ts';

const tags = ['Territoire'];
const found = <T>(row: T | undefined, what: string): T => {
  if (!row) throw new NotFoundError(`${what} introuvable.`);
  return row;
};

export async function territoryRoutes(app: FastifyInstance, { database, config }: ModuleContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;
  const pub = { access: 'public' as const };
  const manage = (
    territory?: (request: FastifyRequest) => ReturnType<typeof territoryPathOf>,
  ): { access: RouteAccess } => ({
    access: { permission: 'territory.manage', territory },
  });
  const params = (request: FastifyRequest) => request.params as { id: string };
  const body = <T>(request: FastifyRequest) => request.body as T;
  // Where each write's record sits; creations are checked against their parent.
  const self = (level: 'department' | 'district' | 'municipality' | 'sector') =>
    manage((request) => territoryPathOf(db, level, params(request).id));
  const parent = (level: 'department' | 'district' | 'municipality', key: string) =>
    manage((request) => territoryPathOf(db, level, body<Record<string, string>>(request)[key]));
  // Moving a commune needs both its current and its new district in scope.
  const moveMunicipality = manage(async (request) => {
    const [current, target] = await Promise.all([
      territoryPathOf(db, 'municipality', params(request).id),
      territoryPathOf(db, 'district', body<{ districtId: string }>(request).districtId),
    ]);
    return current && target && can(request.actor, 'territory.manage', target) ? current : undefined;
  });

  r.get(
    '/api/territory/resolve',
    {
      config: pub,
      schema: {
        tags,
        summary: "Secteur, commune, circonscription et département d'un point",
        querystring: s.ResolveQuery,
        response: { 200: s.Resolution, ...ProblemResponses },
      },
    },
    async (request) => {
      const resolution = await resolvePoint(database, request.query.lon, request.query.lat, {
        pollMs: config.cachePollMs,
      });
      if (!resolution)
        throw new NotFoundError(`Aucun secteur ne couvre le point (${request.query.lat}, ${request.query.lon}).`);
      return resolution;
    },
  );

  r.get(
    '/api/territory/map',
    {
      config: pub,
      schema: {
        tags,
        summary: "Vue d'ensemble publique d'un département",
        querystring: s.TerritoryMapQuery,
        response: { 200: s.TerritoryMap, ...ProblemResponses },
      },
    },
    async (request) => {
      const all = await q.listDepartmentRows(db);
      const department = request.query.department
        ? found(
            all.find((d) => d.code === request.query.department),
            'Département',
          )
        : (all.find((d) => d.code === '57') ?? all[0]);
      if (!department) return { department: null, departments: [], districts: [], municipalities: [], sectors: [] };
      const [districtRows, municipalityRows, sectorRows] = await Promise.all([
        q.listDistrictRows(db, { departmentId: department.id }),
        q.listMunicipalityRows(db, { departmentId: department.id }),
        q.listSectorRows(db, { departmentId: department.id }),
      ]);
      return {
        department: q.toDepartment(department),
        departments: all.map(q.toDepartment),
        districts: districtRows.map(q.toDistrict),
        municipalities: municipalityRows.map(q.toMunicipality),
        sectors: sectorRows.map(q.toSector),
      };
    },
  );

  // Reads of the territory are public: it holds no personal data.
  r.get(
    '/api/territory/departments',
    { config: pub, schema: { tags, summary: 'Départements', response: { 200: s.DepartmentList } } },
    async () => ({ items: (await q.listDepartmentRows(db)).map(q.toDepartment) }),
  );
  r.get(
    '/api/territory/districts',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Circonscriptions',
        querystring: s.DistrictListQuery,
        response: { 200: s.DistrictList, ...ProblemResponses },
      },
    },
    async (request) => ({ items: (await q.listDistrictRows(db, request.query)).map(q.toDistrict) }),
  );
  r.get(
    '/api/territory/municipalities',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Communes',
        querystring: s.MunicipalityListQuery,
        response: { 200: s.MunicipalityList, ...ProblemResponses },
      },
    },
    async (request) => ({ items: (await q.listMunicipalityRows(db, request.query)).map(q.toMunicipality) }),
  );
  r.get(
    '/api/territory/sectors',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Secteurs',
        querystring: s.SectorListQuery,
        response: { 200: s.SectorList, ...ProblemResponses },
      },
    },
    async (request) => ({ items: (await q.listSectorRows(db, request.query)).map(q.toSector) }),
  );
  r.get(
    '/api/territory/sectors/:id',
    {
      config: pub,
      schema: { tags, summary: 'Un secteur', params: IdParams, response: { 200: s.Sector, ...ProblemResponses } },
    },
    async (request) => q.toSector(found(await q.findSectorRow(db, request.params.id), 'Secteur')),
  );

  r.post(
    '/api/territory/departments',
    {
      config: manage(),
      schema: {
        tags,
        summary: 'Créer un département',
        body: s.DepartmentCreate,
        response: { 201: s.Department, ...ProblemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createDepartment(database, request.actor, request.body)),
  );
  r.patch(
    '/api/territory/departments/:id',
    {
      config: self('department'),
      schema: {
        tags,
        summary: 'Modifier un département',
        params: IdParams,
        body: s.DepartmentUpdate,
        response: { 200: s.Department, ...ProblemResponses },
      },
    },
    async (request) => service.updateDepartment(database, request.actor, request.params.id, request.body),
  );

  r.post(
    '/api/territory/districts',
    {
      config: parent('department', 'departmentId'),
      schema: {
        tags,
        summary: 'Créer une circonscription',
        body: s.DistrictCreate,
        response: { 201: s.District, ...ProblemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createDistrict(database, request.actor, request.body)),
  );
  r.patch(
    '/api/territory/districts/:id',
    {
      config: self('district'),
      schema: {
        tags,
        summary: 'Modifier une circonscription',
        params: IdParams,
        body: s.DistrictUpdate,
        response: { 200: s.District, ...ProblemResponses },
      },
    },
    async (request) => service.updateDistrict(database, request.actor, request.params.id, request.body),
  );

  r.post(
    '/api/territory/municipalities',
    {
      config: parent('district', 'districtId'),
      schema: {
        tags,
        summary: 'Créer une commune',
        body: s.MunicipalityCreate,
        response: { 201: s.Municipality, ...ProblemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createMunicipality(database, request.actor, request.body)),
  );
  r.patch(
    '/api/territory/municipalities/:id',
    {
      config: moveMunicipality,
      schema: {
        tags,
        summary: 'Modifier une commune',
        params: IdParams,
        body: s.MunicipalityUpdate,
        response: { 200: s.Municipality, ...ProblemResponses },
      },
    },
    async (request) => service.updateMunicipality(database, request.actor, request.params.id, request.body),
  );

  r.post(
    '/api/territory/sectors',
    {
      config: parent('municipality', 'municipalityId'),
      schema: {
        tags,
        summary: 'Créer un secteur',
        body: s.SectorCreate,
        response: { 201: s.Sector, ...ProblemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createSector(database, request.actor, request.body)),
  );
  r.patch(
    '/api/territory/sectors/:id',
    {
      config: self('sector'),
      schema: {
        tags,
        summary: 'Modifier un secteur',
        params: IdParams,
        body: s.SectorUpdate,
        response: { 200: s.Sector, ...ProblemResponses },
      },
    },
    async (request) => service.updateSector(database, request.actor, request.params.id, request.body),
  );
  r.post(
    '/api/territory/sectors/import',
    {
      config: manage(),
      schema: {
        tags,
        summary: 'Importer des secteurs (GeoJSON FeatureCollection)',
        querystring: s.SectorImportQuery,
        body: s.SectorImport,
        response: { 200: s.SectorImportResult, ...ProblemResponses },
      },
    },
    async (request) => importSectors(database, request.actor, request.body.features, request.query.dryRun ?? false),
  );

  for (const [path, level] of [
    ['departments', 'department'],
    ['districts', 'district'],
    ['municipalities', 'municipality'],
    ['sectors', 'sector'],
  ] as const) {
    r.delete(
      `/api/territory/${path}/:id`,
      {
        config: self(level),
        schema: {
          tags,
          summary: `Supprimer (${level})`,
          params: IdParams,
          response: { 204: Type.Null(), ...ProblemResponses },
        },
      },
      async (request, reply) => {
        await service.deleteTerritoryItem(database, request.actor, level, request.params.id);
        return reply.code(204).send(null);
      },
    );
  }
}
