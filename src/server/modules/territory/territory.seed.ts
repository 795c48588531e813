import { systemActor } from '../../platform/access/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import { moselleDemo } from './demo/moselle.data.ts';
import { departments, districts, municipalities, sectors } from './territory.tables.ts';
import { checkGeometry } from './sector-geometry.ts';
import { writeTerritory } from './territory.service.ts';

/** Moselle (57): 7 police districts and their 17 sectors, plus a gendarmerie company. */
export async function seedDemoTerritory(database: Database): Promise<void> {
  const data = moselleDemo;
  await writeTerritory(database.db, systemActor('seed'), 'territory.demo.seeded', async (tx) => {
    const [department] = await tx.insert(departments).values(data.department).returning();
    for (const district of data.districts) {
      const [districtRow] = await tx
        .insert(districts)
        .values({ departmentId: department.id, name: district.name, force: district.force })
        .returning();
      for (const municipality of district.municipalities) {
        const [municipalityRow] = await tx
          .insert(municipalities)
          .values({ districtId: districtRow.id, inseeCode: municipality.inseeCode, name: municipality.name })
          .returning();
        for (const sector of municipality.sectors) {
          const { columns } = checkGeometry(sector.geometry);
          await tx
            .insert(sectors)
            .values({ municipalityId: municipalityRow.id, code: sector.code, name: sector.name, ...columns });
        }
      }
    }
    return { result: undefined, recordType: 'department', recordId: department.id };
  });
}
