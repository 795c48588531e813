import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { Sector } from '../../../shared/territory/territory.schemas.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { call } from '../../client/call.ts';
import { AppLink, navigate, useLocation } from '../../app/router.tsx';
import { useFlash, useAsync, useDocumentTitle } from '../../app/hooks.ts';
import {
  byName,
  municipalityLabel,
  DepartmentSelect,
  defaultDepartmentId,
} from '../../components/territory-display.tsx';
import { AdminBreadcrumb, DeleteButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';

export function sectorsListUrl(departmentId: string, municipalityId?: string): string {
  const search = new URLSearchParams();
  if (departmentId) search.set('departement', departmentId);
  if (municipalityId) search.set('commune', municipalityId);
  const text = search.toString();
  return `/admin/secteurs${text ? `?${text}` : ''}`;
}

export function SectorsPage() {
  useDocumentTitle('Secteurs');
  const flash = useFlash();
  const { search } = useLocation();
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const departmentId = search.get('departement') || defaultDepartmentId(departments.data);
  const municipalityId = search.get('commune') ?? '';
  const municipalities = useAsync(
    () =>
      departmentId
        ? call(territoryContracts.municipalities, { query: { departmentId } }).then((r) => r.items)
        : Promise.resolve([]),
    [departmentId],
  );
  const sectors = useAsync(
    () =>
      municipalityId
        ? call(territoryContracts.sectors, { query: { municipalityId } }).then((r) => r.items)
        : departmentId
          ? call(territoryContracts.sectors, { query: { departmentId } }).then((r) => r.items)
          : Promise.resolve([]),
    [departmentId, municipalityId],
  );
  const action = useForm();
  const communes = [...(municipalities.data ?? [])].sort(byName);
  const commune = communes.find((m) => m.id === municipalityId);
  const communeName = (id: string) => {
    const found = communes.find((m) => m.id === id);
    return found ? municipalityLabel(found) : '—';
  };

  async function remove(sector: Sector): Promise<void> {
    if (
      await action.send(
        () => call(territoryContracts.deleteSector, { params: { id: sector.id } }),
        `Le secteur « ${sector.name} » a été supprimé.`,
      )
    )
      sectors.reload();
  }

  const rows = [...(sectors.data ?? [])]
    .sort((a, b) => communeName(a.municipalityId).localeCompare(communeName(b.municipalityId), 'fr') || byName(a, b))
    .map((sector) => [
      sector.code,
      sector.name,
      communeName(sector.municipalityId),
      <span className="psq-actions" key="actions">
        <Button
          size="small"
          priority="secondary"
          iconId="fr-icon-edit-line"
          linkProps={{
            href: `/admin/secteurs/${sector.id}?departement=${departmentId}`,
            'aria-label': `Modifier le secteur ${sector.name}`,
          }}
        >
          Modifier
        </Button>
        <DeleteButton label={`Supprimer le secteur ${sector.name}`} onConfirm={() => remove(sector)} />
      </span>,
    ]);

  return (
    <>
      <AdminBreadcrumb current="Secteurs" />
      <h1>Secteurs</h1>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Button
            iconId="fr-icon-add-line"
            linkProps={{
              href: `/admin/secteurs/nouveau?departement=${departmentId}${municipalityId ? `&commune=${municipalityId}` : ''}`,
            }}
          >
            Nouveau secteur
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-upload-line" linkProps={{ href: '/admin/secteurs/import' }}>
            Importer des secteurs
          </Button>
        </li>
      </ul>
      <ErrorMessage message={action.general ?? departments.error ?? municipalities.error ?? sectors.error} />
      <SuccessMessage message={action.success ?? flash} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          {departments.data && (
            <DepartmentSelect
              departments={departments.data}
              value={departmentId}
              onChange={(id) => navigate(sectorsListUrl(id), { replace: true })}
            />
          )}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Commune"
            nativeSelectProps={{
              value: municipalityId,
              onChange: (e) => navigate(sectorsListUrl(departmentId, e.target.value), { replace: true }),
            }}
          >
            <option value="">Toutes les communes du département</option>
            {communes.map((m) => (
              <option key={m.id} value={m.id}>
                {municipalityLabel(m)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {sectors.loading && !sectors.data ? (
        <Loading />
      ) : (
        <Table
          caption={commune ? `Secteurs de la commune ${commune.name}` : 'Secteurs du département'}
          headers={['Code', 'Nom', 'Commune', 'Actions']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}
      {sectors.data && sectors.data.length === 0 && (
        <p>
          Aucun secteur. <AppLink href="/admin/secteurs/nouveau">Tracer un secteur</AppLink> ou{' '}
          <AppLink href="/admin/secteurs/import">importer un fichier GeoJSON</AppLink>.
        </p>
      )}
    </>
  );
}
