import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { makeUser } from '../../identity/identity.factories.ts';
import { makeDepartment, makeDistrict, makeMunicipality } from '../../territory/territory.factories.ts';
import { rows } from '../requests.test-helpers.ts';

/**
 * Migration 0018 gave open311_clients a département, filled for existing rows by a hand-written
 * UPDATE: that statement, run again here over rows whose département is deliberately wrong, must
 * pick their creator's département.
 */
const MIGRATION = path.resolve(import.meta.dirname, '../../../../../migrations/0018_open311_clients_department.sql');
const backfill = fs
  .readFileSync(MIGRATION, 'utf8')
  .split('--> statement-breakpoint')
  .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
  .find((statement) => statement.startsWith('UPDATE'))!;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('migration 0018: open311_clients.department_id backfill', () => {
  it(
    'takes the creator’s assignment on a département (admin first), else the ' +
      'département of any assignment, else the lowest code',
    async () => {
      const wrong = await makeDepartment(t.database);
      const adminDept = await makeDepartment(t.database);
      const otherDept = await makeDepartment(t.database);
      const communeDept = await makeDepartment(t.database);
      const commune = await makeMunicipality(
        t.database,
        (await makeDistrict(t.database, communeDept.id)).id,
        `${communeDept.code}900`,
      );
      const admin = await makeUser(t.database, {
        roles: [
          { role: 'police_referent', scopeType: 'department', scopeId: otherDept.id },
          { role: 'admin', scopeType: 'department', scopeId: adminDept.id },
          { role: 'admin', scopeType: 'municipality', scopeId: commune.id },
        ],
      });
      const local = await makeUser(t.database, {
        roles: [{ role: 'admin', scopeType: 'municipality', scopeId: commune.id }],
      });
      const nobody = await makeUser(t.database, { roles: [] });
      const insert = async (createdBy: string | null) => {
        const [row] = await t.database.query<{ id: string }>(
          'insert into open311_clients (name, key_hash, department_id, created_by) ' +
            'values ($1, md5(random()::text), $2, $3) returning id',
          [`Client ${createdBy}`, wrong.id, createdBy],
        );
        return row.id;
      };
      const ids = {
        admin: await insert(admin.id),
        local: await insert(local.id),
        nobody: await insert(nobody.id),
        unknown: await insert(null),
      };

      expect(backfill).toContain('coalesce');
      await t.database.query(backfill);

      const [lowest] = await rows<{ id: string }>(t, 'select id from departments order by code limit 1');
      const departmentOf = async (id: string) =>
        (await rows<{ department_id: string }>(t, 'select department_id from open311_clients where id = $1', [id]))[0]
          .department_id;
      expect(await departmentOf(ids.admin)).toBe(adminDept.id);
      expect(await departmentOf(ids.local)).toBe(communeDept.id);
      expect(await departmentOf(ids.nobody)).toBe(lowest.id);
      expect(await departmentOf(ids.unknown)).toBe(lowest.id);
    },
  );
});
