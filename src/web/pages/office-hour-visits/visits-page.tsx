import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import {
  FOLLOW_UP_LABELS,
  VISIT_CATEGORY_LABELS,
  type FollowUp,
} from '../../../shared/office-hour-visits/visits.schemas.ts';
import { call } from '../../client/call.ts';
import { visitContracts } from '../../../shared/office-hour-visits/visits.contracts.ts';
import { useAsync, useDocumentTitle, useFlash } from '../../app/hooks.ts';
import { AppLink, navigate, useLocation } from '../../app/router.tsx';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { labelOptions } from '../requests/request-display.tsx';
import { formatDate } from '../../../shared/format/french-dates.ts';
import { DASHBOARD_PATH, FollowUpBadge, newVisitHref, VISITS_PATH } from './visit-display.tsx';

/** `/gestion-permanences/visites`: the visits I may read (mine as a delegate; my territory's as a referent), newest first. */
export function VisitsPage() {
  useDocumentTitle('Visites de permanence');
  const flash = useFlash();
  const { search } = useLocation();
  const followUp = (search.get('suite') ?? '') as FollowUp | '';
  const list = useAsync(
    () => call(visitContracts.list, { query: followUp ? { followUp } : {} }).then((r) => r.items),
    [followUp],
  );
  const items = list.data;
  return (
    <>
      <h1>Visites de permanence</h1>
      <p className="fr-text--sm">
        Ces notes sont confidentielles : seuls leur auteur, les référents police du secteur et les administrateurs les
        lisent, et chaque lecture est tracée.
      </p>
      <p>
        <AppLink href={newVisitHref({})}>Noter une visite</AppLink> ·{' '}
        <AppLink href={DASHBOARD_PATH}>Tableau de bord</AppLink>
      </p>
      <SuccessMessage message={flash} />
      <Select
        label="Suite"
        nativeSelectProps={{
          name: 'suite',
          value: followUp,
          onChange: (e) =>
            navigate(e.target.value ? `${VISITS_PATH}?suite=${e.target.value}` : VISITS_PATH, { replace: true }),
        }}
      >
        <option value="">Toutes</option>
        {labelOptions(FOLLOW_UP_LABELS)}
      </Select>
      <ErrorMessage message={list.error} />
      {list.loading && <Loading />}
      <div aria-live="polite">{items && items.length === 0 && <p>Aucune visite.</p>}</div>
      {items && items.length > 0 && (
        <Table
          caption={`${items.length} visite${items.length > 1 ? 's' : ''}`}
          headers={['Date', 'Catégorie', 'Lieu de permanence', 'Suite', 'Demande', 'Noté par']}
          data={items.map((v) => [
            <AppLink key="date" href={`${VISITS_PATH}/${v.id}`}>
              {formatDate(v.date)}
            </AppLink>,
            VISIT_CATEGORY_LABELS[v.category],
            v.venue?.name ?? '—',
            <FollowUpBadge key="suite" followUp={v.followUp} />,
            v.request?.reference ?? '—',
            v.author.displayName,
          ])}
        />
      )}
    </>
  );
}
