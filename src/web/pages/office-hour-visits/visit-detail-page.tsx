import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import {
  FOLLOW_UP_LABELS,
  VISIT_CATEGORY_LABELS,
  type FollowUp,
  type Visit,
  type VisitConversion,
} from '../../../shared/office-hour-visits/visits.schemas.ts';
import { call } from '../../client/call.ts';
import { visitContracts } from '../../../shared/office-hour-visits/visits.contracts.ts';
import { useSession } from '../../client/session.ts';
import { setFlash, useAsync, useDocumentTitle, useFlash } from '../../app/hooks.ts';
import { navigate } from '../../app/router.tsx';
import { DeleteButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { holdsPermission } from '../../app/permission-guards.tsx';
import { formatDate, formatDateTime } from '../../../shared/format/french-dates.ts';
import { formatPhone } from '../../../shared/format/phone.ts';
import { StatusBadge, labelOptions } from '../requests/request-display.tsx';
import { FollowUpBadge, VISITS_PATH } from './visit-display.tsx';

const ANONYMITY: { value: VisitConversion['anonymity']; label: string }[] = [
  { value: 'named', label: 'La personne peut être nommée' },
  { value: 'police_only', label: 'Identité connue de la police seulement' },
  { value: 'anonymous', label: 'Anonyme (le nom n’est pas transmis)' },
];

/** Where the request made from the visit stands: reference, status and dates, not its content. */
function LinkedRequest({ request }: { request: NonNullable<Visit['request']> }) {
  return (
    <div className="fr-callout">
      <h2 className="fr-callout__title">Demande {request.reference}</h2>
      <p>
        <StatusBadge status={request.status} />
      </p>
      <ul>
        <li>Créée le {formatDateTime(request.createdAt)}</li>
        {request.acknowledgedAt && <li>Prise en compte le {formatDateTime(request.acknowledgedAt)}</li>}
        {request.answeredAt && <li>Répondue le {formatDateTime(request.answeredAt)}</li>}
        {request.closedAt && <li>Close le {formatDateTime(request.closedAt)}</li>}
      </ul>
    </div>
  );
}

/** « Transformer en demande » : the visit becomes a request for the sector, the resident gets its reference and tracking link. */
function ConversionForm({ visit, onDone }: { visit: Visit; onDone: () => void }) {
  const [anonymity, setAnonymity] = useState<VisitConversion['anonymity']>('police_only');
  const [confidential, setConfidential] = useState(false);
  const action = useForm();
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void action
      .send(
        () => call(visitContracts.convert, { params: { id: visit.id }, body: { anonymity, confidential } }),
        'La demande est créée pour le secteur.',
      )
      .then((ok) => ok && onDone());
  }
  return (
    <form onSubmit={submit} aria-labelledby="titre-transformer">
      <h2 id="titre-transformer">Transformer en demande</h2>
      <p className="fr-text--sm">
        La demande part au secteur avec ce qui a été dit ; si la personne a laissé un e-mail ou un téléphone, elle
        reçoit la référence et le lien de suivi.
      </p>
      <ErrorMessage message={action.general} />
      <RadioButtons
        legend="Identité de la personne"
        name="anonymity"
        options={ANONYMITY.map((o) => ({
          label: o.label,
          nativeInputProps: { value: o.value, checked: anonymity === o.value, onChange: () => setAnonymity(o.value) },
        }))}
      />
      <Checkbox
        options={[
          {
            label: 'Demande confidentielle (un trafiquant nommé…)',
            nativeInputProps: {
              name: 'confidential',
              checked: confidential,
              onChange: (e) => setConfidential(e.target.checked),
            },
          },
        ]}
      />
      <Button type="submit" iconId="fr-icon-send-plane-line" disabled={action.busy}>
        Transformer en demande
      </Button>
    </form>
  );
}

/** `/gestion-permanences/visites/:id`: one visit (read audited), its follow-up, and the request made from it. */
export function VisitDetailPage({ visitId }: { visitId: string }) {
  const detail = useAsync(() => call(visitContracts.get, { params: { id: visitId } }), [visitId]);
  const session = useSession();
  const flash = useFlash();
  const followUpAction = useForm();
  const [followUp, setFollowUp] = useState<FollowUp | ''>('');
  const visit = detail.data;
  useDocumentTitle(visit ? `Visite du ${formatDate(visit.date)}` : 'Visite');
  const canRecord = holdsPermission(session, 'visits.record');

  async function remove(): Promise<void> {
    await call(visitContracts.remove, { params: { id: visitId } });
    setFlash('La visite est supprimée.');
    navigate(VISITS_PATH);
  }

  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Visites de permanence', linkProps: { href: VISITS_PATH } }]}
        currentPageLabel={visit ? `Visite du ${formatDate(visit.date)}` : 'Visite'}
      />
      <ErrorMessage message={detail.error} />
      {!visit && detail.loading && <Loading />}
      {visit && (
        <>
          <h1>Visite du {formatDate(visit.date)}</h1>
          <SuccessMessage message={flash ?? followUpAction.success} />
          <p className="fr-text--lead">
            {VISIT_CATEGORY_LABELS[visit.category]} <FollowUpBadge followUp={visit.followUp} />
          </p>
          <dl>
            <dt>Permanence</dt>
            <dd>{[visit.schedule?.title, visit.venue?.name].filter(Boolean).join(', ') || '—'}</dd>
            <dt>Noté par</dt>
            <dd>{visit.author.displayName}</dd>
            <dt>Lieu concerné</dt>
            <dd>{visit.placeLabel ?? 'Non précisé'}</dd>
            <dt>Souhaite une réponse</dt>
            <dd>{visit.wantsAnswer ? 'Oui' : 'Non'}</dd>
            <dt>Contact</dt>
            <dd>
              {[visit.contact.name, visit.contact.email, visit.contact.phone && formatPhone(visit.contact.phone)]
                .filter(Boolean)
                .join(' · ') || 'Aucun'}
            </dd>
          </dl>
          <h2>Ce qui a été dit</h2>
          <p style={{ whiteSpace: 'pre-wrap' }}>{visit.said}</p>
          {visit.request && <LinkedRequest request={visit.request} />}
          {canRecord && (
            <>
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (followUp)
                    void followUpAction
                      .send(
                        () => call(visitContracts.update, { params: { id: visit.id }, body: { followUp } }),
                        'La suite est enregistrée.',
                      )
                      .then((ok) => ok && detail.reload());
                }}
              >
                <ErrorMessage message={followUpAction.general} />
                <Select
                  label="Suite donnée"
                  nativeSelectProps={{
                    name: 'followUp',
                    value: followUp || visit.followUp,
                    onChange: (e) => setFollowUp(e.target.value as FollowUp),
                  }}
                >
                  {labelOptions(FOLLOW_UP_LABELS)}
                </Select>
                <Button type="submit" priority="secondary" disabled={followUpAction.busy}>
                  Enregistrer la suite
                </Button>
              </form>
              {!visit.request && <ConversionForm visit={visit} onDone={detail.reload} />}
              <p className="fr-mt-4w">
                <DeleteButton label={`Supprimer la visite du ${formatDate(visit.date)}`} onConfirm={remove} />
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}
