import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BookingReceipt, OccurrenceSlots } from '../../../shared/office-hours/bookings.schemas.ts';
import { bookingContracts } from '../../../shared/office-hours/bookings.contracts.ts';
import { call } from '../../client/call.ts';
import { ApiError } from '../../client/http.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { BookingSummaryText, slotRange } from './booking-summary.tsx';
import { formatDate } from '../../../shared/format/french-dates.ts';
import { hours } from './office-hours-display.tsx';
import { fieldState } from '../../forms/fields.ts';
import { useForm } from '../../forms/use-form.ts';

/** The value of the « no slot » choice: attendance only. */
const ATTENDANCE = 'venue';

const WALK_INS =
  'Sans rendez-vous, vous restez le bienvenu : les permanences reçoivent aussi ' +
  'les habitants qui se présentent librement.';

/** `/permanences/reservation/:scheduleId/:date`: a resident picks a free slot (or just says they will come) and leaves a contact. */
export function BookingPage({ scheduleId, date }: { scheduleId: string; date: string }) {
  useDocumentTitle('Prendre rendez-vous à une permanence');
  const slots = useAsync(
    () => call(bookingContracts.slots, { params: { id: scheduleId }, query: { date } }),
    [scheduleId, date],
  );
  const [receipt, setReceipt] = useState<BookingReceipt | null>(null);

  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Permanences', linkProps: { href: '/permanences' } }]}
        currentPageLabel="Prendre rendez-vous"
      />
      {receipt ? (
        <Confirmation receipt={receipt} />
      ) : (
        <>
          <h1>Prendre rendez-vous à une permanence</h1>
          <CallOut className="fr-mb-3w">{WALK_INS}</CallOut>
          <ErrorMessage message={slots.error} title="Réservation impossible" />
          {slots.loading && !slots.data && <Loading />}
          {slots.data && <BookingForm occurrence={slots.data} reloadSlots={slots.reload} onBooked={setReceipt} />}
          {slots.error && (
            <p>
              <AppLink href="/permanences">Voir toutes les permanences</AppLink>
            </p>
          )}
        </>
      )}
    </>
  );
}

function BookingForm({
  occurrence,
  reloadSlots,
  onBooked,
}: {
  occurrence: OccurrenceSlots;
  reloadSlots: () => void;
  onBooked: (receipt: BookingReceipt) => void;
}) {
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  // A refused form takes the reader to its first wrong field.
  const form = useForm({ formId: 'formulaire-reservation' });
  // A slot taken meanwhile disappears from the list: the choice is dropped rather than sent again.
  useEffect(() => {
    if (choice && choice !== ATTENDANCE && !occurrence.free.includes(choice)) setChoice('');
  }, [occurrence, choice]);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const refused: Record<string, string> = {};
    if (!choice) refused.slot = 'Choisissez un créneau, ou « Sans créneau ».';
    if (!name.trim()) refused.name = 'Indiquez votre nom.';
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      refused.email = 'Adresse e-mail invalide, par exemple prenom.nom@exemple.fr.';
    if (!email.trim() && !phone.trim())
      refused.email = 'Indiquez une adresse e-mail ou un numéro de téléphone pour recevoir la confirmation.';
    if (!form.check(refused)) return;
    const body = {
      scheduleId: occurrence.scheduleId,
      date: occurrence.date,
      slot: choice === ATTENDANCE ? null : choice,
      name: name.trim(),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    };
    void form.send(async () => {
      try {
        onBooked(await call(bookingContracts.book, { body }));
      } catch (cause) {
        // Someone else took the slot (or the list is stale): show the slots still free.
        if (cause instanceof ApiError && cause.status === 409) reloadSlots();
        throw cause;
      }
    });
  }

  const options = [
    ...occurrence.free.map((slot) => ({
      label: slotRange(slot, occurrence.slotMinutes),
      nativeInputProps: { value: slot, checked: choice === slot, onChange: () => setChoice(slot) },
    })),
    {
      label: 'Sans créneau : je signale seulement ma venue',
      hintText: 'Vous serez reçu entre deux rendez-vous.',
      nativeInputProps: { value: ATTENDANCE, checked: choice === ATTENDANCE, onChange: () => setChoice(ATTENDANCE) },
    },
  ];
  return (
    <>
      <section aria-labelledby="permanence-choisie" className="fr-mb-3w">
        <h2 id="permanence-choisie" className="fr-h4">
          {occurrence.title}
        </h2>
        <p>
          <strong>{occurrence.venueName}</strong>, {occurrence.venueAddress}
          <br />
          Le {formatDate(occurrence.date)}, de {hours(occurrence.startTime, occurrence.endTime)} (heure de Paris).
        </p>
      </section>
      <ErrorMessage message={form.general} />
      <form id="formulaire-reservation" onSubmit={submit} noValidate>
        {occurrence.free.length === 0 && (
          <p role="status">
            Tous les créneaux de cette permanence sont pris : vous pouvez encore signaler votre venue.
          </p>
        )}
        <RadioButtons
          legend={`Créneau de ${occurrence.slotMinutes} minutes`}
          name="slot"
          className="psq-oh-slots"
          {...fieldState(form.errors.slot)}
          options={options}
        />
        <Input
          label="Nom"
          hintText="Tel que vous vous présenterez."
          {...fieldState(form.errors.name)}
          nativeInputProps={{
            name: 'name',
            autoComplete: 'name',
            maxLength: 120,
            value: name,
            onChange: (e) => setName(e.target.value),
          }}
        />
        <Input
          label="Adresse e-mail"
          hintText="Pour la confirmation et le lien d’annulation. Un e-mail ou un téléphone suffit."
          {...fieldState(form.errors.email)}
          nativeInputProps={{
            name: 'email',
            type: 'email',
            autoComplete: 'email',
            maxLength: 254,
            value: email,
            onChange: (e) => setEmail(e.target.value),
          }}
        />
        <Input
          label="Téléphone mobile"
          hintText="Pour une confirmation par SMS, par exemple 06 12 34 56 78."
          {...fieldState(form.errors.phone)}
          nativeInputProps={{
            name: 'phone',
            type: 'tel',
            autoComplete: 'tel',
            maxLength: 30,
            value: phone,
            onChange: (e) => setPhone(e.target.value),
          }}
        />
        <Button type="submit" iconId="fr-icon-calendar-event-line" disabled={form.busy}>
          {choice === ATTENDANCE ? 'Signaler ma venue' : 'Réserver ce créneau'}
        </Button>
      </form>
    </>
  );
}

function Confirmation({ receipt }: { receipt: BookingReceipt }) {
  useDocumentTitle('Rendez-vous confirmé');
  const heading = useRef<HTMLHeadingElement>(null);
  // The form is replaced in place: the focus moves to the confirmation so that it is read out.
  useEffect(() => heading.current?.focus(), []);
  const cancelPath = new URL(receipt.cancelUrl, window.location.origin).pathname;
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {receipt.booking.slot ? 'Rendez-vous confirmé' : 'Venue enregistrée'}
      </h1>
      <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
        <p data-testid="resume-reservation">
          <BookingSummaryText booking={receipt.booking} />
        </p>
      </div>
      <p>
        Une confirmation vous est envoyée. Pour annuler, utilisez ce lien personnel (il figure aussi dans la
        confirmation) :
      </p>
      <p>
        <AppLink href={cancelPath}>Annuler ce rendez-vous</AppLink>
      </p>
      <p className="fr-text--sm">{WALK_INS}</p>
    </>
  );
}
