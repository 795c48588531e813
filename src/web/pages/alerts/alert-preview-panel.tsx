import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { AlertPreview } from '../../../shared/alerts/alerts.schemas.ts';
import { formatPhone } from '../../../shared/format/phone.ts';
import { plural } from '../../components/territory-display.tsx';

const euros = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** « 2 SMS de 153 caractères (GSM-7) × 3 destinataires : 0,30 € environ », from the server's estimate. */
export function SmsEstimate({ sms }: { sms: AlertPreview['sms'] }) {
  return (
    <div data-testid="estimation-sms">
      <p className="fr-mb-1w">
        <strong>{plural(sms.segments, 'SMS', 'SMS')}</strong> par destinataire ({sms.characters} caractères avec le
        lien, encodage {sms.encoding}, {sms.perSegment} caractères par SMS) × {plural(sms.recipients, 'destinataire')} :{' '}
        <strong>{euros.format(sms.costEur)}</strong> environ ({euros.format(sms.costPerSegmentEur)} par SMS).
      </p>
      {sms.nonGsmCharacters.length > 0 && (
        <p className="fr-text--sm fr-mb-1w">
          Les caractères {sms.nonGsmCharacters.map((c) => `« ${c} »`).join(', ')} imposent l’encodage UCS-2 (
          {sms.perSegment} caractères par SMS au lieu de 160) : les remplacer réduit le nombre de SMS.
        </p>
      )}
      <details>
        <summary className="fr-text--sm">Voir le SMS tel qu’il sera reçu</summary>
        <p className="psq-sms-body fr-text--sm">{sms.body}</p>
      </details>
    </div>
  );
}

/** Who will be alerted now, commune by commune, and a clear warning for each commune nobody would hear about. */
export function RecipientsPreview({ preview }: { preview: AlertPreview }) {
  return (
    <div data-testid="apercu-destinataires">
      {preview.communes.map(({ municipality, recipients, warning }) => (
        <div key={municipality.id} className="fr-mb-2w">
          <h3 className="fr-h6 fr-mb-1w">{municipality.name}</h3>
          {warning ? (
            <Alert small severity="warning" description={warning} />
          ) : (
            <ul className="psq-compact-list">
              {recipients.map((recipient) => (
                <li key={recipient.contactId}>
                  {recipient.name}, {recipient.role} — {formatPhone(recipient.phone)}
                  {recipient.inApp ? ' — SMS et application' : ' — SMS'}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
