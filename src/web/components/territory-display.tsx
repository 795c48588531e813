import { Select } from '@codegouvfr/react-dsfr/Select';
import type { Department, District, Force, Municipality } from '../../shared/territory/territory.schemas.ts';

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

/** Default choice of a département filter: Moselle (57) when present, else the first one. */
export function defaultDepartmentId(departments: Department[] | undefined): string {
  if (!departments || departments.length === 0) return '';
  return (departments.find((d) => d.code === '57') ?? departments[0]).id;
}

export function DepartmentSelect({
  departments,
  value,
  onChange,
  label = 'Département',
  allLabel,
  className,
}: {
  departments: Department[];
  value: string;
  onChange: (id: string) => void;
  label?: string;
  /** When set, an option « all départements » with an empty value. */
  allLabel?: string;
  className?: string;
}) {
  return (
    <Select
      label={label}
      className={className}
      nativeSelectProps={{ value, onChange: (event) => onChange(event.target.value), required: !allLabel }}
    >
      {allLabel !== undefined && <option value="">{allLabel}</option>}
      {!allLabel && value === '' && (
        <option value="" disabled>
          Sélectionnez un département
        </option>
      )}
      {departments.map((department) => (
        <option key={department.id} value={department.id}>
          {departmentLabel(department)}
        </option>
      ))}
    </Select>
  );
}
