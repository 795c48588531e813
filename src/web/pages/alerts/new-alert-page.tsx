import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import type { AlertCommune, AlertCreate, AlertKind, AlertSeverity } from '../../../shared/alerts/alerts.schemas.ts';
import { alertContracts } from '../../../shared/alerts/alerts.contracts.ts';
import { call } from '../../client/call.ts';
import { setFlash, useDocumentTitle } from '../../app/hooks.ts';
import { navigate } from '../../app/router.tsx';
import { ErrorMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { AlertCommunePicker, type ClickedPoint } from './alert-commune-picker.tsx';
import { kindLabels, severityLabels } from './alert-display.tsx';
import { RecipientsPreview, SmsEstimate } from './alert-preview-panel.tsx';
import { useAlertPreview, type Draft } from './use-alert-preview.ts';

const TEXT_MAX = 320;

/** The target of the alert: the clicked point when it is the only commune chosen (stored with the alert), else the communes. */
function target(
  communes: AlertCommune[],
  point: ClickedPoint | null,
): Pick<AlertCreate, 'municipalityIds' | 'point'> | null {
  if (communes.length === 0) return null;
  if (point && communes.length === 1 && communes[0].id === point.communeId)
    return { point: { lat: point.lat, lon: point.lon } };
  return { municipalityIds: communes.map((commune) => commune.id) };
}

export function NewAlertPage() {
  useDocumentTitle('Nouvelle alerte');
  const [communes, setCommunes] = useState<AlertCommune[]>([]);
  const [point, setPoint] = useState<ClickedPoint | null>(null);
  const [kind, setKind] = useState<AlertKind>('intervention');
  const [severity, setSeverity] = useState<AlertSeverity>('important');
  const [text, setText] = useState('');
  const [delay, setDelay] = useState('');
  const [confirmNoContact, setConfirmNoContact] = useState(false);
  const form = useForm();

  const where = target(communes, point);
  const draft: Draft | null = where && text.trim() ? { ...where, kind, severity, text: text.trim() } : null;
  const preview = useAlertPreview(draft);
  const warnings = preview.data?.warnings ?? [];

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!where) return form.setGeneral('Choisissez au moins une commune, dans la liste ou sur la carte.');
    if (!text.trim()) return form.setGeneral('Écrivez le message de l’alerte.');
    const minutes = delay.trim() === '' ? undefined : Number(delay);
    if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)) {
      return form.setGeneral('Le délai avant escalade doit être un nombre entier de minutes entre 1 et 1440.');
    }
    if (warnings.length > 0 && !confirmNoContact)
      return form.setGeneral(
        'Certaines communes n’ont aucun contact joignable : confirmez l’envoi malgré tout, ou retirez-les.',
      );
    await form.send(async () => {
      const body: AlertCreate = {
        ...where,
        kind,
        severity,
        text: text.trim(),
        ...(minutes !== undefined ? { escalationDelayMinutes: minutes } : {}),
        ...(confirmNoContact ? { confirmNoContact } : {}),
      };
      const alert = await call(alertContracts.create, { body });
      setFlash('L’alerte a été envoyée.');
      navigate(`/alertes/${alert.id}`);
    });
  }

  return (
    <>
      <h1>Nouvelle alerte</h1>
      <p>
        L’alerte part aussitôt par SMS et dans l’application au maire et aux adjoints que chaque commune a désignés.
        Sans accusé de réception, elle passe au contact suivant de la liste.
      </p>
      <form
        id="formulaire-alerte"
        className="psq-form--wide"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="formulaire-alerte-titre"
      >
        <h2 id="formulaire-alerte-titre" className="fr-sr-only">
          Rédiger l’alerte
        </h2>
        <ErrorMessage message={form.general} />
        <AlertCommunePicker selected={communes} onChange={setCommunes} point={point} onPoint={setPoint} />
        <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Nature de l’alerte"
              nativeSelectProps={{
                name: 'nature',
                value: kind,
                onChange: (event) => setKind(event.target.value as AlertKind),
              }}
            >
              {Object.entries(kindLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
            <RadioButtons
              legend="Gravité"
              name="gravite"
              orientation="horizontal"
              options={Object.entries(severityLabels).map(([value, label]) => ({
                label,
                nativeInputProps: {
                  value,
                  checked: severity === value,
                  onChange: () => setSeverity(value as AlertSeverity),
                },
              }))}
            />
            <Input
              label="Message"
              hintText={
                `Court et factuel : il est envoyé par SMS, avec un lien pour accuser ` +
                `réception (${TEXT_MAX} caractères au plus).`
              }
              textArea
              nativeTextAreaProps={{
                name: 'message',
                rows: 4,
                maxLength: TEXT_MAX,
                required: true,
                value: text,
                onChange: (event) => setText(event.target.value),
                'aria-describedby': 'compteur-message',
              }}
            />
            <p id="compteur-message" className="fr-text--sm">
              {text.length} / {TEXT_MAX} caractères
            </p>
            <Input
              label="Délai avant escalade (minutes, facultatif)"
              hintText="Sans accusé de réception dans ce délai, le contact suivant de la commune est alerté. Vide : le délai par défaut."
              nativeInputProps={{
                name: 'delai',
                inputMode: 'numeric',
                value: delay,
                onChange: (event) => setDelay(event.target.value),
              }}
            />
          </div>
          <section className="fr-col-12 fr-col-md-6" aria-labelledby="apercu-titre">
            <h2 id="apercu-titre" className="fr-h5">
              Aperçu avant envoi
            </h2>
            <div aria-live="polite">
              {!draft && (
                <p className="fr-text--sm">
                  Choisissez une commune et écrivez le message : le coût du SMS et la liste des personnes alertées
                  s’affichent ici.
                </p>
              )}
              {draft && preview.loading && !preview.data && (
                <p className="fr-text--sm psq-loading">Calcul de l’aperçu…</p>
              )}
              <ErrorMessage message={preview.error} />
              {draft && preview.data && <SmsEstimate sms={preview.data.sms} />}
            </div>
            {draft && preview.data && (
              <>
                <h3 className="fr-h6 fr-mt-2w">Personnes alertées maintenant</h3>
                <RecipientsPreview preview={preview.data} />
                {warnings.length > 0 && (
                  <Checkbox
                    options={[
                      {
                        label: 'Envoyer quand même',
                        hintText: 'Les communes sans contact joignable ne recevront rien.',
                        nativeInputProps: {
                          name: 'confirmer',
                          checked: confirmNoContact,
                          onChange: (event) => setConfirmNoContact(event.target.checked),
                        },
                      },
                    ]}
                  />
                )}
              </>
            )}
          </section>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-2w">
          <li>
            <Button type="submit" iconId="fr-icon-alarm-warning-line" disabled={form.busy}>
              Envoyer l’alerte
            </Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ href: '/alertes' }}>
              Annuler
            </Button>
          </li>
        </ul>
      </form>
    </>
  );
}
