import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useRef, useState, type FormEvent } from 'react';
import { auditContracts } from '../../../shared/identity/audit.contracts.ts';
import type { AuditEvent, AuditFilters } from '../../../shared/identity/identity.schemas.ts';
import { userContracts } from '../../../shared/identity/users.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { call, urlOf } from '../../client/call.ts';
import { auditActionLabel, auditRecordLabel, formatDateTime } from '../../components/identity-display.tsx';
import { AdminBreadcrumb, ErrorMessage, Loading } from '../../components/page-parts.tsx';

interface FilterFields {
  userId: string;
  recordType: string;
  recordId: string;
  from: string;
  to: string;
}

const emptyFields: FilterFields = { userId: '', recordType: '', recordId: '', from: '', to: '' };

function toFilters(fields: FilterFields): AuditFilters {
  const filters: AuditFilters = {};
  if (fields.userId) filters.userId = fields.userId;
  if (fields.recordType.trim()) filters.recordType = fields.recordType.trim();
  if (fields.recordId.trim()) filters.recordId = fields.recordId.trim();
  if (fields.from) filters.from = fields.from;
  if (fields.to) filters.to = fields.to;
  return filters;
}

function detailsText(event: AuditEvent): string {
  const parts = Object.entries(event.details ?? {}).map(
    ([key, value]) => `${key} : ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  const text = [event.reason, ...parts].filter(Boolean).join(' ; ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text || '—';
}

/** `/admin/journal`: who did what, when; filtered, paged, exported as CSV. */
export function AuditPage() {
  useDocumentTitle('Journal d’audit');
  const [fields, setFields] = useState<FilterFields>(emptyFields);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [formError, setFormError] = useState<string | null>(null);
  const users = useAsync(() => call(userContracts.list).then((list) => list.items), []);
  const events = useAsync(() => call(auditContracts.search, { query: { ...filters, page } }), [filters, page]);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  function apply(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (fields.from && fields.to && fields.from > fields.to) {
      setFormError('La date de début doit précéder la date de fin.');
      return;
    }
    setFormError(null);
    setFilters(toFilters(fields));
    setPage(1);
  }

  function reset(): void {
    setFields(emptyFields);
    setFilters({});
    setPage(1);
    setFormError(null);
  }

  function goTo(next: number): void {
    setPage(next);
    resultsRef.current?.focus();
  }

  const set = (patch: Partial<FilterFields>) => setFields({ ...fields, ...patch });
  const data = events.data;
  const rows = (data?.items ?? []).map((event) => [
    formatDateTime(event.occurredAt),
    event.actorEmail ?? event.actorType,
    auditActionLabel(event.action),
    auditRecordLabel(event.recordType, event.recordId),
    detailsText(event),
  ]);

  return (
    <>
      <AdminBreadcrumb current="Journal d’audit" />
      <h1>Journal d’audit</h1>
      <p>Chaque connexion et chaque modification y est enregistrée, avec son auteur et son heure.</p>
      <form className="psq-filters" onSubmit={apply} noValidate aria-labelledby="filtres-titre">
        <h2 id="filtres-titre" className="fr-sr-only">
          Filtres
        </h2>
        <Select
          label="Utilisateur"
          nativeSelectProps={{ name: 'userId', value: fields.userId, onChange: (e) => set({ userId: e.target.value }) }}
        >
          <option value="">Tous les utilisateurs</option>
          {(users.data ?? []).map((user) => (
            <option key={user.id} value={user.id}>
              {user.displayName} ({user.email})
            </option>
          ))}
        </Select>
        <Input
          label="Type d’enregistrement"
          hintText="Code technique : user, organisation, department, district, municipality, sector"
          nativeInputProps={{
            name: 'recordType',
            maxLength: 100,
            value: fields.recordType,
            onChange: (e) => set({ recordType: e.target.value }),
          }}
        />
        <Input
          label="Identifiant de l’enregistrement"
          nativeInputProps={{
            name: 'recordId',
            maxLength: 100,
            value: fields.recordId,
            onChange: (e) => set({ recordId: e.target.value }),
          }}
        />
        <Input
          label="Du"
          hintText="Date de début, incluse"
          nativeInputProps={{
            type: 'date',
            name: 'from',
            value: fields.from,
            onChange: (e) => set({ from: e.target.value }),
          }}
        />
        <Input
          label="Au"
          hintText="Date de fin, incluse"
          nativeInputProps={{
            type: 'date',
            name: 'to',
            value: fields.to,
            onChange: (e) => set({ to: e.target.value }),
          }}
        />
        <span className="psq-actions fr-mb-3w">
          <Button type="submit" iconId="fr-icon-search-line">
            Filtrer
          </Button>
          <Button type="button" priority="secondary" onClick={reset}>
            Réinitialiser
          </Button>
        </span>
      </form>
      <ErrorMessage message={formError ?? events.error ?? users.error} />
      <p>
        <a
          className="fr-link fr-icon-download-line fr-link--icon-left"
          href={urlOf(auditContracts.exportCsv, { query: filters })}
          download
        >
          Exporter en CSV
        </a>
      </p>
      <h2 className="fr-h4" tabIndex={-1} ref={resultsRef}>
        Résultats{data ? ` — page ${data.page}` : ''}
      </h2>
      {events.loading && !data && <Loading />}
      {data && data.items.length === 0 && <p>Aucun événement ne correspond à ces filtres.</p>}
      {data && data.items.length > 0 && (
        <Table
          caption="Événements du journal d’audit"
          noCaption
          headers={['Date', 'Auteur', 'Action', 'Enregistrement', 'Détails']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}
      <nav aria-label="Pagination du journal" className="psq-actions">
        {page > 1 && (
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-left-line"
            onClick={() => goTo(page - 1)}
            disabled={events.loading}
          >
            Page précédente
          </Button>
        )}
        {data?.hasMore && (
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-right-line"
            iconPosition="right"
            onClick={() => goTo(page + 1)}
            disabled={events.loading}
          >
            Page suivante
          </Button>
        )}
      </nav>
    </>
  );
}
