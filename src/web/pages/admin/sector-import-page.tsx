import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState } from 'react';
import type { Problem } from '../../../shared/common.schemas.ts';
import type { SectorImportResult } from '../../../shared/territory/territory.schemas.ts';
import { ApiError, errorMessage } from '../../client/http.ts';
import { territoryContracts } from '../../../shared/territory/territory.contracts.ts';
import { call } from '../../client/call.ts';
import { AppLink } from '../../app/router.tsx';
import { plural } from '../../components/territory-display.tsx';
import { useDocumentTitle } from '../../app/hooks.ts';
import { AdminBreadcrumb, ErrorMessage } from '../../components/page-parts.tsx';
import { fieldState } from '../../forms/fields.ts';

/** Same limit as the server's body limit: checked before sending. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

type Outcome =
  | { kind: 'result'; result: SectorImportResult }
  | { kind: 'errors'; detail: string; errors: NonNullable<Problem['errors']> }
  | { kind: 'failure'; message: string };

function describeError(error: NonNullable<Problem['errors']>[number]): string {
  if (error.index !== undefined) return `Entité n° ${error.index} : ${error.message}`;
  if (error.pointer) return `${error.pointer} : ${error.message}`;
  return error.message;
}

export function SectorImportPage() {
  useDocumentTitle('Import de secteurs');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);

  async function choose(selected: File | undefined): Promise<void> {
    setFile(null);
    setOutcome(null);
    setChecked(false);
    setFileError(null);
    if (!selected) return;
    if (selected.size > MAX_IMPORT_BYTES) {
      setFileError(
        `Le fichier « ${selected.name} » pèse ` +
          `${(selected.size / 1024 / 1024).toFixed(1)} Mo : la taille maximale est de ` +
          `20 Mo.`,
      );
      return;
    }
    const text = await selected.text();
    try {
      JSON.parse(text);
    } catch {
      setFileError(`Le fichier « ${selected.name} » n’est pas un fichier JSON valide.`);
      return;
    }
    setFile({ name: selected.name, text });
  }

  async function send(dryRun: boolean): Promise<void> {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await call(territoryContracts.importSectors, { query: { dryRun } }, { rawJson: file.text });
      setOutcome({ kind: 'result', result });
      setChecked(dryRun);
    } catch (cause) {
      setChecked(false);
      const errors = cause instanceof ApiError ? cause.problem?.errors : undefined;
      if (cause instanceof ApiError && errors && errors.length > 0)
        setOutcome({ kind: 'errors', detail: cause.message, errors });
      else setOutcome({ kind: 'failure', message: errorMessage(cause) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <AdminBreadcrumb current="Import de secteurs" parents={[{ label: 'Secteurs', href: '/admin/secteurs' }]} />
      <h1>Import de secteurs</h1>
      <p>
        Importez des secteurs depuis un fichier GeoJSON (<code>FeatureCollection</code>). Chaque entité porte une
        géométrie Polygon ou MultiPolygon et les propriétés <code>code</code>, <code>name</code> (nom du secteur) et{' '}
        <code>municipality</code> (code INSEE de la commune). Un secteur dont le code existe déjà est mis à jour.
        Vérifiez d’abord le fichier : rien n’est importé si une seule entité est en erreur.
      </p>
      <Upload
        label="Fichier GeoJSON"
        hint="Formats acceptés : .geojson, .json. Taille maximale : 20 Mo."
        {...fieldState(fileError ?? undefined)}
        nativeInputProps={{
          id: 'fichier-geojson',
          // react-dsfr points aria-describedby at the error message even when there is none.
          'aria-describedby': fileError ? 'fichier-geojson-desc-error' : undefined,
          accept: '.geojson,.json,application/geo+json,application/json',
          name: 'fichier',
          onChange: (e) => void choose(e.target.files?.[0]),
        }}
      />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-3w">
        <li>
          <Button iconId="fr-icon-search-line" disabled={!file || busy} onClick={() => void send(true)}>
            Vérifier
          </Button>
        </li>
        <li>
          <Button
            priority="secondary"
            iconId="fr-icon-upload-line"
            disabled={!file || !checked || busy}
            onClick={() => void send(false)}
          >
            Importer
          </Button>
        </li>
      </ul>
      <div aria-live="polite">{busy && <p className="fr-text--sm">Envoi du fichier en cours…</p>}</div>
      {outcome?.kind === 'failure' && <ErrorMessage message={outcome.message} />}
      {outcome?.kind === 'errors' && (
        <Alert
          as="h2"
          severity="error"
          role="alert"
          title={`Le fichier contient ${plural(outcome.errors.length, 'erreur')} : rien n’a été importé`}
          description={
            <>
              <span className="fr-mb-1w psq-block">{outcome.detail}</span>
              <ul className="psq-error-list">
                {outcome.errors.map((error, i) => (
                  <li key={i}>{describeError(error)}</li>
                ))}
              </ul>
            </>
          }
        />
      )}
      {outcome?.kind === 'result' && <ImportResult result={outcome.result} />}
    </>
  );
}

function ImportResult({ result }: { result: SectorImportResult }) {
  const summary =
    `${plural(result.created, 'secteur créé', 'secteurs créés')}, ` +
    `${plural(result.updated, 'secteur mis à jour', 'secteurs mis à jour')}`;
  return (
    <>
      <Alert
        as="h2"
        severity="success"
        role="status"
        title={result.dryRun ? 'Vérification réussie : le fichier peut être importé' : 'Import terminé'}
        description={
          result.dryRun ? (
            `Si vous importez ce fichier : ${summary}. Cliquez sur « Importer » pour confirmer.`
          ) : (
            <>
              {summary}. <AppLink href="/admin/secteurs">Voir les secteurs</AppLink>
            </>
          )
        }
      />
      {result.sectors.length > 0 && (
        <Table
          className="fr-mt-3w psq-table"
          caption={result.dryRun ? 'Secteurs du fichier' : 'Secteurs importés'}
          headers={['Entité n°', 'Code', 'Opération']}
          data={result.sectors.map((s) => [
            String(s.index),
            s.code,
            s.action === 'create'
              ? result.dryRun
                ? 'Création'
                : 'Créé'
              : result.dryRun
                ? 'Mise à jour'
                : 'Mis à jour',
          ])}
          bordered
        />
      )}
    </>
  );
}
