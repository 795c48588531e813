import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SegmentedControl } from '@codegouvfr/react-dsfr/SegmentedControl';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { REQUEST_CATEGORY_LABELS } from '../../../shared/requests/requests.schemas.ts';
import { call } from '../../client/call.ts';
import { handlingContracts } from '../../../shared/requests/handling.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { useMeta } from '../../app/layout.tsx';
import { AppLink, navigate, useLocation } from '../../app/router.tsx';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { filtersOf, InboxFilters, MAP_SIZE, PAGE_SIZE, withFilter } from './inbox-filters.tsx';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { StatusBadge } from './request-display.tsx';
import { RequestsMap } from './requests-map.tsx';

/** `/demandes`: the residents' requests of the staff member's territory, as a list or on a map. */
export function InboxPage() {
  useDocumentTitle('Demandes des habitants');
  const meta = useMeta();
  const { search } = useLocation();
  const filters = filtersOf(search);
  const onMap = search.get('vue') === 'carte';
  const page = onMap ? 1 : Math.floor((filters.offset ?? 0) / PAGE_SIZE) + 1;
  const key = JSON.stringify(filters);
  const list = useAsync(
    () =>
      call(handlingContracts.list, {
        query: onMap ? { ...filters, offset: undefined, limit: MAP_SIZE } : { ...filters, limit: PAGE_SIZE },
      }),
    [key, onMap],
  );
  const go = (name: string, value: string) => navigate(withFilter(search, name, value), { replace: name !== 'page' });
  const items = list.data?.items;

  return (
    <>
      <h1>Demandes des habitants</h1>
      <p>
        <AppLink href="/demandes/nouvelle" className="fr-btn fr-btn--secondary fr-icon-phone-line fr-btn--icon-left">
          Enregistrer un appel
        </AppLink>{' '}
        <AppLink
          href="/demandes/statistiques"
          className="fr-btn fr-btn--tertiary fr-icon-line-chart-line fr-btn--icon-left fr-ml-1w"
        >
          Statistiques
        </AppLink>{' '}
        <AppLink
          href="/demandes/modeles"
          className="fr-btn fr-btn--tertiary fr-icon-file-text-line fr-btn--icon-left fr-ml-1w"
        >
          Modèles de réponse
        </AppLink>{' '}
        <AppLink
          href="/demandes/delais"
          className="fr-btn fr-btn--tertiary fr-icon-timer-line fr-btn--icon-left fr-ml-1w"
        >
          Délais cibles
        </AppLink>
      </p>
      <InboxFilters search={search} onChange={go} />
      <SegmentedControl
        className="fr-my-2w"
        legend="Affichage"
        inlineLegend
        small
        segments={[
          {
            label: 'Liste',
            iconId: 'fr-icon-article-line',
            nativeInputProps: { checked: !onMap, onChange: () => go('vue', '') },
          },
          {
            label: 'Carte',
            iconId: 'fr-icon-map-pin-2-line',
            nativeInputProps: { checked: onMap, onChange: () => go('vue', 'carte') },
          },
        ]}
      />
      <ErrorMessage message={list.error} />
      {list.loading && <Loading />}
      <div aria-live="polite">{items && items.length === 0 && <p>Aucune demande ne correspond à ces filtres.</p>}</div>
      {items && items.length > 0 && onMap && (
        <RequestsMap items={items} tiles={meta.mapTiles} truncated={list.data?.nextOffset != null} />
      )}
      {items && items.length > 0 && !onMap && (
        <Table
          caption={
            `${items.length} ` +
            `demande${items.length > 1 ? 's' : ''}${page > 1 || list.data?.nextOffset ? `, page ${page}` : ''}`
          }
          headers={['Référence', 'Statut', 'Catégorie', 'Lieu', 'Reçue le', 'Extrait']}
          data={items.map((item) => [
            <AppLink key="ref" href={`/demandes/${item.id}`}>
              {item.reference}
            </AppLink>,
            <span key="status">
              <StatusBadge status={item.status} />
              {item.overdue && (
                <Badge as="span" small severity="error" className="fr-ml-1w">
                  En retard
                </Badge>
              )}
              {item.confidential && <span className="fr-text--sm fr-ml-1w">Confidentielle</span>}
            </span>,
            REQUEST_CATEGORY_LABELS[item.category],
            item.sector?.name ?? (item.routing === 'department' ? 'Hors secteur (département)' : 'Non routée'),
            formatDateTime(item.createdAt, 'short'),
            item.excerpt,
          ])}
        />
      )}
      {!onMap && (page > 1 || list.data?.nextOffset != null) && (
        <nav aria-label="Pagination des demandes" className="psq-actions">
          {page > 1 && (
            <Button
              priority="secondary"
              iconId="fr-icon-arrow-left-line"
              onClick={() => go('page', page > 2 ? String(page - 1) : '')}
              disabled={list.loading}
            >
              Page précédente
            </Button>
          )}
          {list.data?.nextOffset != null && (
            <Button
              priority="secondary"
              iconId="fr-icon-arrow-right-line"
              iconPosition="right"
              onClick={() => go('page', String(page + 1))}
              disabled={list.loading}
            >
              Page suivante
            </Button>
          )}
        </nav>
      )}
    </>
  );
}
