import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AddressResult } from '../../shared/geocoding/addresses.schemas.ts';
import { addressContracts } from '../../shared/geocoding/addresses.contracts.ts';
import { call } from '../client/call.ts';
import { ApiError, errorMessage } from '../client/http.ts';
import { useMeta } from '../app/layout.tsx';
import { fieldState } from '../forms/fields.ts';

export const ADDRESS_SEARCH_OFF = 'Recherche d’adresse indisponible : cliquez sur la carte à l’endroit voulu.';

/** An address found by the search: its label, point and commune's INSEE code. */
export type PickedAddress = AddressResult;

/**
 * An address field with a « Rechercher » button and the results as buttons (national address
 * API through the server). Picking one calls `onPick` with its point. Without a geocoder on the
 * server (or when it fails) the component says so and the page's map remains the way in.
 */
export function AddressSearch({
  onPick,
  label = 'Adresse',
  hint = 'Par exemple « 12 rue de Toul, Metz »',
  embedded = false,
  unavailableText = ADDRESS_SEARCH_OFF,
}: {
  onPick: (address: PickedAddress) => void;
  label?: string;
  hint?: string;
  /** Inside another form (forms cannot nest): a group whose button and Enter key search without submitting the outer form. */
  embedded?: boolean;
  /** What to do instead when the search is off (the page may have no map). */
  unavailableText?: string;
}) {
  const meta = useMeta();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [results, setResults] = useState<AddressResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const searchId = useRef(0);

  if (!meta.addressSearch || unavailable) {
    return (
      <p className="fr-text--sm psq-address-off" role={unavailable ? 'status' : undefined}>
        {unavailableText}
      </p>
    );
  }

  async function search(): Promise<void> {
    if (text.trim().length < 3) {
      setError('Saisissez au moins 3 caractères de votre adresse.');
      setResults(null);
      return;
    }
    const id = ++searchId.current;
    setBusy(true);
    setError(null);
    setStatus('Recherche en cours…');
    try {
      const found = (await call(addressContracts.search, { query: { q: text.trim() } })).results;
      if (id !== searchId.current) return;
      setResults(found);
      setStatus(
        found.length === 0
          ? 'Aucune adresse trouvée : précisez la commune ou cliquez sur la carte.'
          : `${found.length} adresse(s) trouvée(s) : choisissez la vôtre.`,
      );
    } catch (cause) {
      if (id !== searchId.current) return;
      setResults(null);
      setStatus('');
      if (cause instanceof ApiError && cause.status === 503) setUnavailable(true);
      else setError(errorMessage(cause));
    } finally {
      if (id === searchId.current) setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void search();
  }

  function searchOnEnter(event: KeyboardEvent<HTMLInputElement>): void {
    // Enter in the address field searches; it must not send the form around it.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void search();
  }

  function pick(result: AddressResult): void {
    setText(result.label);
    setResults(null);
    setStatus(`Adresse choisie : ${result.label}.`);
    // The chosen button disappears with the list: the focus goes back to the field, not to the page's top.
    inputRef.current?.focus();
    onPick(result);
  }

  const content = (
    <>
      <Input
        label={label}
        hintText={hint}
        {...fieldState(error ?? undefined)}
        nativeInputProps={{
          ref: inputRef,
          name: 'adresse',
          autoComplete: 'street-address',
          value: text,
          onChange: (e) => setText(e.target.value),
          onKeyDown: embedded ? searchOnEnter : undefined,
          maxLength: 200,
        }}
      />
      {error && (
        <p className="fr-sr-only" role="alert">
          {error}
        </p>
      )}
      <Button
        type={embedded ? 'button' : 'submit'}
        onClick={embedded ? () => void search() : undefined}
        iconId="fr-icon-search-line"
        disabled={busy}
        priority="secondary"
      >
        Rechercher l’adresse
      </Button>
      <p className="fr-text--sm fr-mt-1w fr-mb-1w" role="status" aria-live="polite">
        {status}
      </p>
      {results && results.length > 0 && (
        <ul className="fr-btns-group fr-btns-group--sm psq-address-results" aria-label="Adresses trouvées">
          {results.map((result) => (
            <li key={`${result.label}-${result.lon}-${result.lat}`}>
              <Button type="button" priority="tertiary" size="small" onClick={() => pick(result)}>
                {result.label}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
  if (embedded) {
    return (
      <div className="psq-address-search" role="search" aria-label="Recherche d’adresse">
        {content}
      </div>
    );
  }
  return (
    <form className="psq-address-search" onSubmit={submit} noValidate role="search" aria-label="Recherche d’adresse">
      {content}
    </form>
  );
}
