import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useState, type FormEvent } from 'react';
import {
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestCategory,
  type RequestListQuery,
  type RequestStatus,
} from '../../../shared/requests/requests.schemas.ts';
import { labelOptions } from './request-display.tsx';

type Channel = NonNullable<RequestListQuery['channel']>;
export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Formulaire en ligne',
  email: 'E-mail',
  office_hour: 'Permanence',
  phone: 'Téléphone',
};
const AGES = { '2': 'Plus de 2 jours', '7': 'Plus d’une semaine', '30': 'Plus d’un mois' };
export const PAGE_SIZE = 50;
/** The map shows up to the server's page cap at once. */
export const MAP_SIZE = 200;

/** The filters live in the query string (French keys), so a filtered inbox can be bookmarked and the back button works. */
export function filtersOf(search: URLSearchParams): RequestListQuery {
  const days = Number(search.get('plus-de-jours'));
  const page = Number(search.get('page'));
  return {
    q: search.get('recherche')?.trim() || undefined,
    status: (search.get('statut') as RequestStatus | null) ?? undefined,
    category: (search.get('categorie') as RequestCategory | null) ?? undefined,
    channel: (search.get('canal') as Channel | null) ?? undefined,
    overdue: search.get('en-retard') === 'oui' ? true : undefined,
    olderThanDays: Number.isInteger(days) && days > 0 ? days : undefined,
    assignedToMe: search.get('a-moi') === 'oui' ? true : undefined,
    offset: Number.isInteger(page) && page > 1 ? (page - 1) * PAGE_SIZE : undefined,
  };
}

/** The inbox address with one key changed; any change of filter goes back to the first page. */
export function withFilter(search: URLSearchParams, key: string, value: string): string {
  const next = new URLSearchParams(search);
  if (value) next.set(key, value);
  else next.delete(key);
  if (key !== 'page' && key !== 'vue') next.delete('page');
  const text = next.toString();
  return `/demandes${text ? `?${text}` : ''}`;
}

/** Search box and filters of the inbox; each change replaces the address (see filtersOf). */
export function InboxFilters({
  search,
  onChange,
}: {
  search: URLSearchParams;
  onChange: (key: string, value: string) => void;
}) {
  const filters = filtersOf(search);
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const filter = (key: string) => (e: { target: { value: string } }) => onChange(key, e.target.value);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange('recherche', text.trim());
  }
  return (
    <>
      <form role="search" className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom" onSubmit={submit}>
        <Input
          className="fr-col-12 fr-col-md-9"
          label="Rechercher"
          hintText="Mots de la description, du lieu, des notes ou des réponses, ou une référence ; « mots exacts » entre guillemets, -mot pour exclure"
          nativeInputProps={{
            type: 'search',
            name: 'recherche',
            value: text,
            maxLength: 200,
            onChange: (e) => setText(e.target.value),
          }}
        />
        <div className="fr-col-12 fr-col-md-3 fr-mb-3w">
          <Button type="submit" iconId="fr-icon-search-line">
            Rechercher
          </Button>
        </div>
      </form>
      <form className="fr-grid-row fr-grid-row--gutters" aria-label="Filtres" onSubmit={(e) => e.preventDefault()}>
        <Select
          className="fr-col-12 fr-col-md-4"
          label="Statut"
          nativeSelectProps={{ value: filters.status ?? '', onChange: filter('statut') }}
        >
          <option value="">Tous</option>
          {labelOptions(REQUEST_STATUS_LABELS)}
        </Select>
        <Select
          className="fr-col-12 fr-col-md-4"
          label="Catégorie"
          nativeSelectProps={{ value: filters.category ?? '', onChange: filter('categorie') }}
        >
          <option value="">Toutes</option>
          {labelOptions(REQUEST_CATEGORY_LABELS)}
        </Select>
        <Select
          className="fr-col-12 fr-col-md-4"
          label="Canal"
          nativeSelectProps={{ value: filters.channel ?? '', onChange: filter('canal') }}
        >
          <option value="">Tous</option>
          {labelOptions(CHANNEL_LABELS)}
        </Select>
        <Select
          className="fr-col-12 fr-col-md-4"
          label="Délais"
          nativeSelectProps={{ value: filters.overdue ? 'oui' : '', onChange: filter('en-retard') }}
        >
          <option value="">Toutes les demandes</option>
          <option value="oui">En retard seulement</option>
        </Select>
        <Select
          className="fr-col-12 fr-col-md-4"
          label="Ancienneté"
          nativeSelectProps={{
            value: filters.olderThanDays ? String(filters.olderThanDays) : '',
            onChange: filter('plus-de-jours'),
          }}
        >
          <option value="">Toutes</option>
          {labelOptions(AGES)}
        </Select>
        <Checkbox
          className="fr-col-12 fr-col-md-4 fr-mt-4w"
          options={[
            {
              label: 'Attribuées à moi',
              nativeInputProps: {
                name: 'a-moi',
                checked: !!filters.assignedToMe,
                onChange: (e) => onChange('a-moi', e.target.checked ? 'oui' : ''),
              },
            },
          ]}
        />
      </form>
    </>
  );
}
