import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { call } from '../../client/call.ts';
import { setFlash, useAsync, useDocumentTitle } from '../../app/hooks.ts';
import {
  byName,
  municipalityLabel,
  DepartmentSelect,
  defaultDepartmentId,
} from '../../components/territory-display.tsx';
import { useMeta } from '../../app/layout.tsx';
import { navigate, useLocation } from '../../app/router.tsx';
import { AdminBreadcrumb, ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';
import { geometryToText, parseGeometryText, PolygonEditor } from '../../maps/polygon-editor.tsx';
import { sectorsListUrl } from './sectors-page.tsx';

/** `/admin/secteurs/nouveau` (no `sectorId`) and `/admin/secteurs/:id`. */
export function SectorEditPage({ sectorId }: { sectorId?: string }) {
  const creating = sectorId === undefined;
  const title = creating ? 'Nouveau secteur' : 'Modifier un secteur';
  useDocumentTitle(title);
  const meta = useMeta();
  const { search } = useLocation();
  const action = useForm();
  const existing = useAsync(
    () => (sectorId ? call(territoryContracts.sector, { params: { id: sectorId } }) : Promise.resolve(null)),
    [sectorId],
  );
  const departments = useAsync(() => call(territoryContracts.departments).then((r) => r.items), []);
  const [chosenDepartment, setDepartmentId] = useState(search.get('departement') ?? '');
  const departmentId = chosenDepartment || (creating ? defaultDepartmentId(departments.data) : '');
  const municipalities = useAsync(
    () =>
      departmentId
        ? call(territoryContracts.municipalities, { query: { departmentId } }).then((r) => r.items)
        : Promise.resolve([]),
    [departmentId],
  );
  const [municipalityId, setMunicipalityId] = useState(search.get('commune') ?? '');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [geometry, setGeometry] = useState<SectorGeometry | null>(null);
  const [geometryText, setGeometryText] = useState('');
  const [loaded, setLoaded] = useState(creating);

  useEffect(() => {
    const sector = existing.data;
    if (!sector) return;
    setMunicipalityId(sector.municipalityId);
    setCode(sector.code);
    setName(sector.name);
    setGeometry(sector.geometry);
    setGeometryText(geometryToText(sector.geometry));
    setLoaded(true);
  }, [existing.data]);

  // Grey reference sectors: the département's when known, else the commune's.
  const contextQuery = departmentId ? { departmentId } : { municipalityId };
  const contextSectors = useAsync(
    () =>
      contextQuery.departmentId || contextQuery.municipalityId
        ? call(territoryContracts.sectors, { query: contextQuery }).then((r) => r.items)
        : Promise.resolve([]),
    [contextQuery.departmentId, contextQuery.municipalityId],
  );
  const context = useMemo(
    () => (contextSectors.data ?? []).filter((s) => s.id !== sectorId),
    [contextSectors.data, sectorId],
  );
  const communes = [...(municipalities.data ?? [])].sort(byName);
  const commune = communes.find((m) => m.id === municipalityId);
  const parsed = parseGeometryText(geometryText);

  function drawn(next: SectorGeometry | null): void {
    setGeometry(next);
    setGeometryText(geometryToText(next));
  }

  function typed(text: string): void {
    setGeometryText(text);
    const result = parseGeometryText(text);
    if (result.ok) setGeometry(result.geometry);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (creating && !municipalityId) return action.setGeneral('Choisissez la commune du secteur.');
    if (!parsed.ok) return action.setGeneral(`La géométrie est invalide : ${parsed.message}`);
    if (!geometry)
      return action.setGeneral(
        'Tracez le secteur sur la carte (puis « Terminer le tracé ») ou collez sa géométrie GeoJSON.',
      );
    const trimmed = name.trim();
    const ok = creating
      ? await action.send(() =>
          call(territoryContracts.createSector, {
            body: { municipalityId, code: code.trim(), name: trimmed, geometry },
          }),
        )
      : await action.send(() =>
          call(territoryContracts.updateSector, { params: { id: sectorId }, body: { name: trimmed, geometry } }),
        );
    if (ok) {
      setFlash(creating ? `Le secteur « ${trimmed} » a été créé.` : `Le secteur « ${trimmed} » a été modifié.`);
      navigate(sectorsListUrl(departmentId, departmentId ? municipalityId : undefined));
    } else {
      document.getElementById('contenu')?.scrollIntoView({ block: 'start' });
    }
  }

  return (
    <>
      <AdminBreadcrumb
        current={title}
        parents={[{ label: 'Secteurs', href: sectorsListUrl(departmentId, municipalityId || undefined) }]}
      />
      <h1>{title}</h1>
      <ErrorMessage message={action.general ?? existing.error ?? departments.error ?? municipalities.error} />
      {!loaded ? (
        <Loading />
      ) : (
        <form className="psq-form psq-form--wide" onSubmit={(event) => void submit(event)} noValidate>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              {creating ? (
                <>
                  {departments.data && (
                    <DepartmentSelect
                      departments={departments.data}
                      value={departmentId}
                      onChange={(id) => {
                        setDepartmentId(id);
                        setMunicipalityId('');
                      }}
                    />
                  )}
                  <Select
                    label="Commune"
                    nativeSelectProps={{
                      name: 'commune',
                      required: true,
                      value: municipalityId,
                      onChange: (e) => setMunicipalityId(e.target.value),
                    }}
                  >
                    <option value="" disabled>
                      Sélectionnez une commune
                    </option>
                    {communes.map((m) => (
                      <option key={m.id} value={m.id}>
                        {municipalityLabel(m)}
                      </option>
                    ))}
                  </Select>
                  <Input
                    label="Code du secteur"
                    hintText="Unique : lettres, chiffres, « - », « _ » ou « . » (par exemple 57463-S01)."
                    nativeInputProps={{
                      name: 'code',
                      required: true,
                      maxLength: 64,
                      value: code,
                      onChange: (e) => setCode(e.target.value),
                    }}
                  />
                </>
              ) : (
                <dl className="psq-facts">
                  <dt>Commune</dt>
                  <dd>{commune ? municipalityLabel(commune) : 'Commune du secteur'}</dd>
                  <dt>Code du secteur</dt>
                  <dd>{code}</dd>
                </dl>
              )}
              <Input
                label="Nom du secteur"
                nativeInputProps={{
                  name: 'nom',
                  required: true,
                  maxLength: 200,
                  value: name,
                  onChange: (e) => setName(e.target.value),
                }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <p id="aide-trace" className="fr-text--sm">
                Cliquez sur la carte pour placer les sommets du secteur, puis « Terminer le tracé ». Les secteurs
                voisins sont affichés en gris. Vous pouvez aussi coller la géométrie dans le champ « Géométrie GeoJSON »
                ci-dessous.
              </p>
              <PolygonEditor
                value={geometry}
                onChange={drawn}
                context={context}
                tiles={meta.mapTiles}
                label="Carte de tracé du secteur"
                describedBy="aide-trace"
              />
            </div>
          </div>
          <Input
            textArea
            label="Géométrie GeoJSON"
            hintText="Polygon ou MultiPolygon en WGS84, coordonnées [longitude, latitude] ; une Feature est aussi acceptée."
            {...fieldState(parsed.ok ? undefined : parsed.message)}
            nativeTextAreaProps={{
              name: 'geometrie',
              rows: 5,
              spellCheck: false,
              value: geometryText,
              onChange: (e) => typed(e.target.value),
              className: 'psq-code-area',
            }}
          />
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <Button type="submit" iconId="fr-icon-check-line" disabled={action.busy}>
                Enregistrer le secteur
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                linkProps={{ href: sectorsListUrl(departmentId, municipalityId || undefined) }}
              >
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      )}
    </>
  );
}
