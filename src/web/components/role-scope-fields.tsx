import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, type ReactNode } from 'react';
import {
  ROLE_LABELS,
  ROLES,
  SCOPE_TYPES,
  type Role,
  type RoleAssignmentCreate,
  type ScopeType,
} from '../../shared/identity/identity.schemas.ts';
import { useAsync } from '../app/hooks.ts';
import { territoryContracts } from '../../shared/territory/territory.contracts.ts';
import { call } from '../client/call.ts';
import { scopeTypeLabels } from './identity-display.tsx';
import {
  byName,
  defaultDepartmentId,
  DepartmentSelect,
  districtLabel,
  municipalityLabel,
} from './territory-display.tsx';

/** The fields of a role being chosen: the role, the kind of territory, and the territory itself (picked level by level). */
export interface RoleDraft {
  role: Role | '';
  scopeType: ScopeType;
  departmentId: string;
  districtId: string;
  municipalityId: string;
  sectorId: string;
}

export const emptyRoleDraft: RoleDraft = {
  role: '',
  scopeType: 'department',
  departmentId: '',
  districtId: '',
  municipalityId: '',
  sectorId: '',
};

/** The assignment to send, or a French message saying what is missing. */
export function draftToAssignment(draft: RoleDraft): RoleAssignmentCreate | string {
  if (!draft.role) return 'Choisissez un rôle.';
  const scopeId = {
    department: draft.departmentId,
    district: draft.districtId,
    municipality: draft.municipalityId,
    sector: draft.sectorId,
  }[draft.scopeType];
  if (!scopeId) return `Choisissez le territoire du rôle (${scopeTypeLabels[draft.scopeType].toLowerCase()}).`;
  return { role: draft.role, scopeType: draft.scopeType, scopeId };
}

function Choice({
  label,
  value,
  onChange,
  placeholder,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  children: ReactNode;
}) {
  return (
    <Select
      label={label}
      nativeSelectProps={{ value, required: true, onChange: (event) => onChange(event.target.value) }}
    >
      <option value="" disabled>
        {placeholder}
      </option>
      {children}
    </Select>
  );
}

export function RoleScopeFields({ value, onChange }: { value: RoleDraft; onChange: (draft: RoleDraft) => void }) {
  const { scopeType, departmentId, municipalityId } = value;
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const districts = useAsync(
    () =>
      scopeType === 'district' && departmentId
        ? call(territoryContracts.districts, { query: { departmentId } }).then((r) => r.items)
        : Promise.resolve([]),
    [scopeType, departmentId],
  );
  const needsMunicipalities = scopeType === 'municipality' || scopeType === 'sector';
  const municipalities = useAsync(
    () =>
      needsMunicipalities && departmentId
        ? call(territoryContracts.municipalities, { query: { departmentId } }).then((r) => r.items)
        : Promise.resolve([]),
    [needsMunicipalities, departmentId],
  );
  const sectors = useAsync(
    () =>
      scopeType === 'sector' && municipalityId
        ? call(territoryContracts.sectors, { query: { municipalityId } }).then((r) => r.items)
        : Promise.resolve([]),
    [scopeType, municipalityId],
  );

  // The département list starts on Moselle (or the first one), as on the territory pages.
  const initialDepartment = departmentId === '' ? defaultDepartmentId(departments.data) : '';
  useEffect(() => {
    if (initialDepartment) onChange({ ...value, departmentId: initialDepartment });
  }, [initialDepartment, onChange, value]);

  const set = (patch: Partial<RoleDraft>) => onChange({ ...value, ...patch });
  const error = departments.error ?? districts.error ?? municipalities.error ?? sectors.error;

  return (
    <>
      <Choice
        label="Rôle"
        value={value.role}
        placeholder="Sélectionnez un rôle"
        onChange={(role) => set({ role: role as Role })}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </Choice>
      <Select
        label="Type de territoire"
        hint="Le rôle s’applique à ce territoire et à tout ce qu’il contient."
        nativeSelectProps={{
          value: scopeType,
          onChange: (event) => set({ scopeType: event.target.value as ScopeType }),
        }}
      >
        {SCOPE_TYPES.map((type) => (
          <option key={type} value={type}>
            {scopeTypeLabels[type]}
          </option>
        ))}
      </Select>
      {error && <p className="fr-error-text fr-mb-2w">{error}</p>}
      {departments.data && (
        <DepartmentSelect
          departments={departments.data}
          value={departmentId}
          onChange={(id) => set({ departmentId: id, districtId: '', municipalityId: '', sectorId: '' })}
        />
      )}
      {scopeType === 'district' && districts.data && (
        <Choice
          label="Circonscription"
          value={value.districtId}
          placeholder="Sélectionnez une circonscription"
          onChange={(districtId) => set({ districtId })}
        >
          {[...districts.data].sort(byName).map((district) => (
            <option key={district.id} value={district.id}>
              {districtLabel(district)}
            </option>
          ))}
        </Choice>
      )}
      {needsMunicipalities && municipalities.data && (
        <Choice
          label="Commune"
          value={municipalityId}
          placeholder="Sélectionnez une commune"
          onChange={(id) => set({ municipalityId: id, sectorId: '' })}
        >
          {[...municipalities.data].sort(byName).map((municipality) => (
            <option key={municipality.id} value={municipality.id}>
              {municipalityLabel(municipality)}
            </option>
          ))}
        </Choice>
      )}
      {scopeType === 'sector' && municipalityId && sectors.data && (
        <Choice
          label="Secteur"
          value={value.sectorId}
          placeholder="Sélectionnez un secteur"
          onChange={(sectorId) => set({ sectorId })}
        >
          {[...sectors.data].sort(byName).map((sector) => (
            <option key={sector.id} value={sector.id}>
              {sector.name} ({sector.code})
            </option>
          ))}
        </Choice>
      )}
    </>
  );
}
