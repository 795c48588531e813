import type { Department, District, Force, Municipality } from '../../shared/territory.schemas.ts';

export const forceLabels: Record<Force, string> = {
  police: 'Police nationale',
  gendarmerie: 'Gendarmerie nationale',
};

/** « Circonscription de police » / « Compagnie de gendarmerie ». */
export const districtKindLabels: Record<Force, string> = {
  police: 'Circonscription de police',
  gendarmerie: 'Compagnie de gendarmerie',
};

export function departmentLabel(department: Pick<Department, 'code' | 'name'>): string {
  return `${department.code} — ${department.name}`;
}

export function municipalityLabel(municipality: Pick<Municipality, 'inseeCode' | 'name'>): string {
  return `${municipality.name} (${municipality.inseeCode})`;
}

export function districtLabel(district: Pick<District, 'name' | 'force'>): string {
  return `${district.name} (${district.force === 'police' ? 'police' : 'gendarmerie'})`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count > 1 ? pluralForm : singular}`;
}

/** French collation for sorting names (« Élange » after « Ebange »). */
export const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'fr');
