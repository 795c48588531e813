import type { FastifyInstance } from 'fastify';
import { territoryContracts as c } from '../../../shared/territory/territory.contracts.ts';
import { can, type UserActor } from '../../platform/access/actor.ts';
import { serve } from '../../platform/http/serve.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { importSectors } from './sector-import.ts';
import { territoryPathOf } from './territory-paths.ts';
import * as q from './territory.queries.ts';
import { resolveCoveredPoint } from './territory.resolver.ts';
import * as service from './territory.service.ts';

type Level = 'department' | 'district' | 'municipality' | 'sector';

/**
 * The territory: public reads (it holds no personal data) and its administration, where each
 * write is checked on the territory of its record, or of its parent for a creation.
 */
export async function territoryRoutes(app: FastifyInstance, { database, config }: ModuleContext) {
  const db = database.db;
  /** Where a territory item sits, as the route's record; an unknown one is a 404. */
  const at = async (level: Level, id: string) => {
    const path = await territoryPathOf(db, level, id);
    return path && { path, record: undefined };
  };
  // Moving a commune needs both its current and its new district in scope.
  const moving = async (actor: UserActor, id: string, districtId: string) => {
    const [current, target] = await Promise.all([
      territoryPathOf(db, 'municipality', id),
      territoryPathOf(db, 'district', districtId),
    ]);
    return current && target && can(actor, 'territory.manage', target)
      ? { path: current, record: undefined }
      : undefined;
  };

  serve(app, c.resolve, {
    handle: async ({ query }) => resolveCoveredPoint(database, query.lon, query.lat, { pollMs: config.cachePollMs }),
  });
  serve(app, c.map, { handle: async ({ query }) => q.loadTerritoryMap(db, query.department) });
  serve(app, c.departments, {
    handle: async () => ({ items: (await q.listDepartmentRows(db)).map(q.toDepartment) }),
  });
  serve(app, c.districts, {
    handle: async ({ query }) => ({ items: (await q.listDistrictRows(db, query)).map(q.toDistrict) }),
  });
  serve(app, c.municipalities, {
    handle: async ({ query }) => ({ items: (await q.listMunicipalityRows(db, query)).map(q.toMunicipality) }),
  });
  serve(app, c.sectors, {
    handle: async ({ query }) => ({ items: (await q.listSectorRows(db, query)).map(q.toSector) }),
  });
  serve(app, c.sector, { handle: async ({ params }) => q.getSector(db, params.id) });

  serve(app, c.createDepartment, {
    handle: async ({ actor, body }) => service.createDepartment(db, actor, body),
  });
  serve(app, c.updateDepartment, {
    load: ({ params }) => at('department', params.id),
    handle: async ({ actor, params, body }) => service.updateDepartment(db, actor, params.id, body),
  });
  serve(app, c.deleteDepartment, {
    load: ({ params }) => at('department', params.id),
    handle: async ({ actor, params }) => {
      await service.deleteTerritoryItem(db, actor, 'department', params.id);
      return null;
    },
  });

  serve(app, c.createDistrict, {
    load: ({ body }) => at('department', body.departmentId),
    handle: async ({ actor, body }) => service.createDistrict(db, actor, body),
  });
  serve(app, c.updateDistrict, {
    load: ({ params }) => at('district', params.id),
    handle: async ({ actor, params, body }) => service.updateDistrict(db, actor, params.id, body),
  });
  serve(app, c.deleteDistrict, {
    load: ({ params }) => at('district', params.id),
    handle: async ({ actor, params }) => {
      await service.deleteTerritoryItem(db, actor, 'district', params.id);
      return null;
    },
  });

  serve(app, c.createMunicipality, {
    load: ({ body }) => at('district', body.districtId),
    handle: async ({ actor, body }) => service.createMunicipality(db, actor, body),
  });
  serve(app, c.updateMunicipality, {
    load: ({ actor, params, body }) => moving(actor, params.id, body.districtId),
    handle: async ({ actor, params, body }) => service.updateMunicipality(db, actor, params.id, body),
  });
  serve(app, c.deleteMunicipality, {
    load: ({ params }) => at('municipality', params.id),
    handle: async ({ actor, params }) => {
      await service.deleteTerritoryItem(db, actor, 'municipality', params.id);
      return null;
    },
  });

  serve(app, c.createSector, {
    load: ({ body }) => at('municipality', body.municipalityId),
    handle: async ({ actor, body }) => service.createSector(db, actor, body),
  });
  serve(app, c.updateSector, {
    load: ({ params }) => at('sector', params.id),
    handle: async ({ actor, params, body }) => service.updateSector(db, actor, params.id, body),
  });
  serve(app, c.deleteSector, {
    load: ({ params }) => at('sector', params.id),
    handle: async ({ actor, params }) => {
      await service.deleteTerritoryItem(db, actor, 'sector', params.id);
      return null;
    },
  });
  // The body is the GeoJSON document itself; its features are checked one by one (errors name their index).
  serve(app, c.importSectors, {
    handle: async ({ actor, body, query }) => importSectors(db, actor, body.features, query.dryRun ?? false),
  });
}
