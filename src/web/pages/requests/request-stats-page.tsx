import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState, type FormEvent } from 'react';
import type { RequestStats } from '../../../shared/requests/stats.schemas.ts';
import { formatDate, formatMonth } from '../../../shared/format/french-dates.ts';
import { REQUEST_CATEGORY_LABELS, REQUEST_STATUS_LABELS } from '../../../shared/requests/requests.schemas.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink, navigate, useLocation } from '../../app/router.tsx';
import { call } from '../../client/call.ts';
import { statsContracts } from '../../../shared/requests/stats.contracts.ts';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { CHANNEL_LABELS } from './inbox-filters.tsx';

const percent = (count: number, total: number) => (total ? `${Math.round((count / total) * 100)} %` : '—');
const hours = (value: number | null) =>
  value === null
    ? '—'
    : value < 48
      ? `${value.toLocaleString('fr-FR')} h`
      : `${(Math.round((value / 24) * 10) / 10).toLocaleString('fr-FR')} j`;

function CountTable({
  caption,
  header,
  rows,
  total,
}: {
  caption: string;
  header: string;
  rows: Array<[string, number]>;
  total: number;
}) {
  if (!rows.length) return null;
  return (
    <Table
      caption={caption}
      headers={[header, 'Demandes', 'Part']}
      data={rows.map(([label, count]) => [label, count.toLocaleString('fr-FR'), percent(count, total)])}
    />
  );
}

function StatsTables({ stats }: { stats: RequestStats }) {
  return (
    <>
      <p className="fr-text--lead" aria-live="polite">
        {stats.total.toLocaleString('fr-FR')} demande{stats.total > 1 ? 's' : ''} reçue{stats.total > 1 ? 's' : ''} du{' '}
        {formatDate(stats.from)} au {formatDate(stats.to)}.
      </p>
      <Table
        caption="Délais depuis la réception (demandes de la période)"
        headers={['Étape', 'Demandes concernées', 'Médiane', '90 % des demandes en moins de']}
        data={[
          [
            'Prise en compte',
            stats.acknowledgement.count.toLocaleString('fr-FR'),
            hours(stats.acknowledgement.medianHours),
            hours(stats.acknowledgement.p90Hours),
          ],
          [
            'Réponse au demandeur',
            stats.answer.count.toLocaleString('fr-FR'),
            hours(stats.answer.medianHours),
            hours(stats.answer.p90Hours),
          ],
        ]}
      />
      <CountTable
        caption="Par mois de réception"
        header="Mois"
        rows={stats.byMonth.map((m) => [formatMonth(m.month), m.count])}
        total={stats.total}
      />
      <CountTable
        caption="Par catégorie"
        header="Catégorie"
        rows={stats.byCategory.map((c) => [REQUEST_CATEGORY_LABELS[c.category], c.count])}
        total={stats.total}
      />
      <CountTable
        caption="Par statut actuel"
        header="Statut"
        rows={stats.byStatus.map((s) => [REQUEST_STATUS_LABELS[s.status], s.count])}
        total={stats.total}
      />
      <CountTable
        caption="Par canal de dépôt"
        header="Canal"
        rows={stats.byChannel.map((c) => [CHANNEL_LABELS[c.channel], c.count])}
        total={stats.total}
      />
    </>
  );
}

/** `/demandes/statistiques`: counts and delays of the requests of the staff member's territory, as tables. */
export function RequestStatsPage() {
  useDocumentTitle('Statistiques des demandes');
  const { search } = useLocation();
  const from = search.get('du') ?? undefined;
  const to = search.get('au') ?? undefined;
  const stats = useAsync(() => call(statsContracts.stats, { query: { from, to } }), [from, to]);
  const [draft, setDraft] = useState({ from: from ?? '', to: to ?? '' });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (draft.from) params.set('du', draft.from);
    if (draft.to) params.set('au', draft.to);
    navigate(`/demandes/statistiques${params.size ? `?${params}` : ''}`);
  };

  return (
    <>
      <h1>Statistiques des demandes</h1>
      <p>
        Demandes reçues sur votre territoire (les demandes confidentielles ne comptent que pour ceux qui peuvent les
        lire). Sans dates : les douze derniers mois. <AppLink href="/demandes">Retour aux demandes</AppLink>
      </p>
      <form
        onSubmit={apply}
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
        aria-label="Période"
      >
        <Input
          className="fr-col-12 fr-col-md-4"
          label="Du"
          nativeInputProps={{
            type: 'date',
            name: 'du',
            value: draft.from,
            onChange: (e) => setDraft({ ...draft, from: e.target.value }),
          }}
        />
        <Input
          className="fr-col-12 fr-col-md-4"
          label="Au"
          nativeInputProps={{
            type: 'date',
            name: 'au',
            value: draft.to,
            onChange: (e) => setDraft({ ...draft, to: e.target.value }),
          }}
        />
        <div className="fr-col-12 fr-col-md-4 fr-mb-3w">
          <Button type="submit">Afficher</Button>
        </div>
      </form>
      <ErrorMessage message={stats.error} />
      {stats.loading && <Loading />}
      {stats.data && !stats.loading && <StatsTables stats={stats.data} />}
    </>
  );
}
