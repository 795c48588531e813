import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { REQUEST_CATEGORY_LABELS, REQUEST_STATUS_LABELS, type RequestCategory, type RequestListQuery, type RequestStatus } from '../../../shared/requests.schemas.ts';
import { requestsApi } from '../../client/requests-api.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink, navigate, useLocation } from '../../app/router.tsx';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { labelOptions, StatusBadge, formatDateTime } from './request-display.tsx';

/** The filters live in the query string, so a filtered inbox can be bookmarked and the back button works. */
function filtersOf(search: URLSearchParams): RequestListQuery {
  return {
    status: (search.get('statut') as RequestStatus | null) ?? undefined,
    category: (search.get('categorie') as RequestCategory | null) ?? undefined,
    overdue: search.get('en-retard') === 'oui' ? true : undefined,
  };
}

function withFilter(search: URLSearchParams, key: string, value: string): string {
  const next = new URLSearchParams(search);
  if (value) next.set(key, value);
  else next.delete(key);
  const text = next.toString();
  return `/demandes${text ? `?${text}` : ''}`;
}

/** `/demandes`: the residents' requests of the staff member's territory. */
export function InboxPage() {
  useDocumentTitle('Demandes des habitants');
  const { search } = useLocation();
  const filters = filtersOf(search);
  const list = useAsync(() => requestsApi.list(filters), [filters.status, filters.category, filters.overdue]);
  const filter = (key: string) => (e: { target: { value: string } }) => navigate(withFilter(search, key, e.target.value), { replace: true });

  return (
    <>
      <h1>Demandes des habitants</h1>
      <form className="fr-grid-row fr-grid-row--gutters" aria-label="Filtres" onSubmit={(e) => e.preventDefault()}>
        <Select className="fr-col-12 fr-col-md-4" label="Statut" nativeSelectProps={{ value: filters.status ?? '', onChange: filter('statut') }}>
          <option value="">Tous</option>
          {labelOptions(REQUEST_STATUS_LABELS)}
        </Select>
        <Select className="fr-col-12 fr-col-md-4" label="Catégorie" nativeSelectProps={{ value: filters.category ?? '', onChange: filter('categorie') }}>
          <option value="">Toutes</option>
          {labelOptions(REQUEST_CATEGORY_LABELS)}
        </Select>
        <Select className="fr-col-12 fr-col-md-4" label="Délai de prise en compte" nativeSelectProps={{ value: filters.overdue ? 'oui' : '', onChange: filter('en-retard') }}>
          <option value="">Toutes les demandes</option>
          <option value="oui">En retard seulement</option>
        </Select>
      </form>
      <ErrorMessage message={list.error} />
      {list.loading && <Loading />}
      {list.data && list.data.length === 0 && <p>Aucune demande ne correspond à ces filtres.</p>}
      {list.data && list.data.length > 0 && (
        <Table
          caption={`${list.data.length} demande${list.data.length > 1 ? 's' : ''}`}
          headers={['Référence', 'Statut', 'Catégorie', 'Lieu', 'Reçue le', 'Extrait']}
          data={list.data.map((item) => [
            <AppLink key="ref" href={`/demandes/${item.id}`}>
              {item.reference}
            </AppLink>,
            <span key="status">
              <StatusBadge status={item.status} />
              {item.overdue && <strong className="fr-text--sm fr-ml-1w">En retard</strong>}
              {item.confidential && <span className="fr-text--sm fr-ml-1w">Confidentielle</span>}
            </span>,
            REQUEST_CATEGORY_LABELS[item.category],
            item.sector?.name ?? (item.routing === 'department' ? 'Hors secteur (département)' : 'Non routée'),
            formatDateTime(item.createdAt),
            item.excerpt,
          ])}
        />
      )}
    </>
  );
}
