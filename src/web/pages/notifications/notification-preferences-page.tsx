import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useState, type FormEvent } from 'react';
import type {
  KindPreference,
  NotificationChannel,
  NotificationPreferences,
} from '../../../shared/notifications/notification-preferences.schemas.ts';
import { useDocumentTitle } from '../../app/hooks.ts';
import { errorMessage } from '../../client/http.ts';
import { preferenceContracts } from '../../../shared/notifications/preferences.contracts.ts';
import { formatPhone } from '../../../shared/format/phone.ts';
import { call } from '../../client/call.ts';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { PushOptIn } from './push-opt-in.tsx';
import { TestMessageButton } from './test-message-button.tsx';

const CHANNEL_LABELS: Record<NotificationChannel, string> = {
  email: 'Courriel',
  sms: 'SMS',
  in_app: 'Dans l’application',
  push: 'Notification sur mes appareils',
};

interface FormValues {
  phone: string;
  quiet: boolean;
  start: string;
  end: string;
  kinds: Record<string, NotificationChannel[]>;
}

function toForm(prefs: NotificationPreferences): FormValues {
  return {
    phone: prefs.phone ? formatPhone(prefs.phone) : '',
    quiet: prefs.quietHours !== null,
    start: prefs.quietHours?.start ?? '22:00',
    end: prefs.quietHours?.end ?? '07:00',
    kinds: Object.fromEntries(prefs.kinds.map((kind) => [kind.kind, kind.channels])),
  };
}

function KindFieldset({
  kind,
  channels,
  onChange,
}: {
  kind: KindPreference;
  channels: NotificationChannel[];
  onChange: (next: NotificationChannel[]) => void;
}) {
  const hint =
    kind.choosable.length === 0
      ? 'Canaux fixés par la plateforme.'
      : kind.urgent
        ? 'Urgent : envoyé même pendant vos heures calmes.'
        : undefined;
  return (
    <Checkbox
      small
      legend={kind.label}
      hintText={hint}
      orientation="horizontal"
      options={kind.allowed.map((channel) => {
        const imposed = !kind.choosable.includes(channel);
        return {
          label: CHANNEL_LABELS[channel],
          hintText: imposed ? 'Toujours activé' : undefined,
          nativeInputProps: {
            name: `canaux-${kind.kind}`,
            value: channel,
            checked: imposed || channels.includes(channel),
            disabled: imposed,
            onChange: (event) =>
              onChange(event.target.checked ? [...channels, channel] : channels.filter((c) => c !== channel)),
          },
        };
      })}
    />
  );
}

/** Phone for SMS, quiet hours and channels per kind of message, plus web push on this device. */
export function NotificationPreferencesPage() {
  useDocumentTitle('Préférences de notification');
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [values, setValues] = useState<FormValues | null>(null);
  const form = useForm();
  const { setGeneral } = form;

  useEffect(() => {
    call(preferenceContracts.get).then(
      (loaded) => {
        setPrefs(loaded);
        setValues(toForm(loaded));
      },
      (caught: unknown) => setGeneral(errorMessage(caught)),
    );
  }, [setGeneral]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values || !prefs) return;
    await form.send(async () => {
      await call(preferenceContracts.update, {
        body: {
          phone: values.phone.trim() === '' ? null : values.phone,
          quietHours: values.quiet ? { start: values.start, end: values.end } : null,
          kinds: prefs.kinds
            .filter((kind) => kind.choosable.length > 0)
            .map((kind) => ({ kind: kind.kind, channels: values.kinds[kind.kind] ?? [] })),
        },
      });
      const reloaded = await call(preferenceContracts.get);
      setPrefs(reloaded);
      setValues(toForm(reloaded));
    }, 'Vos préférences de notification sont enregistrées.');
  }

  const set = (patch: Partial<FormValues>) => setValues((current) => (current ? { ...current, ...patch } : current));

  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Mon compte', linkProps: { href: '/compte' } }]}
        currentPageLabel="Préférences de notification"
      />
      <h1>Préférences de notification</h1>
      <ErrorMessage message={form.general} />
      <SuccessMessage message={form.success} />
      {!values || !prefs ? (
        !form.general && <Loading />
      ) : (
        <form id="preferences-notification" onSubmit={(event) => void submit(event)} noValidate>
          <h2 className="fr-h4">Téléphone et heures calmes</h2>
          <Input
            label="Numéro de mobile pour les SMS"
            hintText="Format national ou international, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."
            nativeInputProps={{
              type: 'tel',
              autoComplete: 'tel',
              name: 'telephone',
              value: values.phone,
              onChange: (event) => set({ phone: event.target.value }),
            }}
          />
          <Checkbox
            options={[
              {
                label: 'Activer les heures calmes',
                hintText: 'Pendant ces heures, les messages non urgents attendent (heure de Paris).',
                nativeInputProps: {
                  name: 'heures-calmes',
                  checked: values.quiet,
                  onChange: (event) => set({ quiet: event.target.checked }),
                },
              },
            ]}
          />
          {values.quiet && (
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-3">
                <Input
                  label="Début"
                  nativeInputProps={{
                    type: 'time',
                    name: 'debut',
                    value: values.start,
                    onChange: (event) => set({ start: event.target.value }),
                  }}
                />
              </div>
              <div className="fr-col-12 fr-col-md-3">
                <Input
                  label="Fin"
                  nativeInputProps={{
                    type: 'time',
                    name: 'fin',
                    value: values.end,
                    onChange: (event) => set({ end: event.target.value }),
                  }}
                />
              </div>
            </div>
          )}
          <h2 className="fr-h4 fr-mt-4w">Canaux par type de message</h2>
          {prefs.kinds.map((kind) => (
            <KindFieldset
              key={kind.kind}
              kind={kind}
              channels={values.kinds[kind.kind] ?? []}
              onChange={(channels) => set({ kinds: { ...values.kinds, [kind.kind]: channels } })}
            />
          ))}
          <Button type="submit" iconId="fr-icon-check-line" disabled={form.busy}>
            Enregistrer mes préférences
          </Button>
        </form>
      )}
      <h2 className="fr-h4 fr-mt-6w">Notifications sur cet appareil</h2>
      <PushOptIn subscriptions={prefs?.pushSubscriptions ?? 0} />
      <h2 className="fr-h4 fr-mt-6w">Vérifier mes canaux</h2>
      <p>Recevez un message de test sur chacun des canaux que vos préférences permettent (au plus 3 par minute).</p>
      <TestMessageButton />
    </>
  );
}
