import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import type { BookingSummary } from '../../../shared/office-hours/bookings.schemas.ts';
import { bookingContracts } from '../../../shared/office-hours/bookings.contracts.ts';
import { call } from '../../client/call.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { BookingSummaryText } from './booking-summary.tsx';

/** `/permanences/annulation/:code`: the link of the confirmation. Opening it shows the booking; only the button cancels. */
export function CancelBookingPage({ code }: { code: string }) {
  useDocumentTitle('Annuler un rendez-vous');
  const booking = useAsync(() => call(bookingContracts.show, { params: { code } }), [code]);
  const [cancelled, setCancelled] = useState<BookingSummary | null>(null);
  const cancelling = useForm();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (cancelled) heading.current?.focus();
  }, [cancelled]);

  async function cancel(): Promise<void> {
    await cancelling.send(async () => setCancelled(await call(bookingContracts.cancel, { params: { code } })));
  }

  const summary = cancelled ?? booking.data;
  const done = cancelled !== null || summary?.status === 'cancelled';
  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Permanences', linkProps: { href: '/permanences' } }]}
        currentPageLabel="Annuler un rendez-vous"
      />
      <h1 ref={heading} tabIndex={-1}>
        {done ? 'Rendez-vous annulé' : 'Annuler un rendez-vous'}
      </h1>
      {booking.loading && !booking.data && <Loading />}
      {/* A wrong or truncated code: the server's « Réservation introuvable : vérifiez le lien reçu. » */}
      <ErrorMessage title="Lien d’annulation non valable" message={booking.error} />
      {summary && (
        <>
          <div className={`fr-alert ${done ? 'fr-alert--success' : 'fr-alert--info'} fr-mb-3w`} role="status">
            <p data-testid="resume-reservation">
              <BookingSummaryText booking={summary} />
              {done && ' Ce rendez-vous est annulé : le créneau est de nouveau libre.'}
            </p>
          </div>
          <ErrorMessage message={cancelling.general} />
          {!done && (
            <Button
              type="button"
              iconId="fr-icon-close-circle-line"
              disabled={cancelling.busy}
              onClick={() => void cancel()}
            >
              Confirmer l’annulation
            </Button>
          )}
        </>
      )}
      <p className="fr-mt-3w">
        <AppLink href="/permanences">Voir les permanences</AppLink> — vous pouvez aussi vous y présenter sans
        rendez-vous.
      </p>
    </>
  );
}
