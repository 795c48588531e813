import { defineContract } from '../contract.ts';
import * as s from './requests.schemas.ts';

const CATEGORIES =
  '`incivilities`, `motorbike_rodeo`, `drug_dealing`, `burglary`, `noise`, ' +
  '`neighbour_dispute`, `road_safety`, `other` (libellés français : ' +
  '`REQUEST_CATEGORY_LABELS`)';

/** What residents send without an account: the public form. */
export const intakeContracts = {
  submit: defineContract({
    method: 'POST',
    path: '/api/requests',
    tags: ['Demandes (public)'],
    summary: 'Déposer une demande de sécurité',
    description: [
      `Sans compte. Corps : \`category\` (${CATEGORIES}), \`description\` (10 à 5 ` +
        `000 caractères, dix au moins une fois les espaces retirés), \`timeOfDay\`, ` +
        `\`recurring\`, \`point\` (\`lon\`/\`lat\`), \`placeLabel\`, \`contact\` ` +
        `(\`name\`, \`email\`, \`phone\`, tous facultatifs ; adresse e-mail et ` +
        `numéro vérifiés, le numéro ramené au format E.164 : 400 sinon), ` +
        `\`noAnswerWanted\`, \`anonymity\` (\`named\`, \`police_only\`, ` +
        `\`anonymous\` — une demande anonyme ne porte pas de nom : 400), ` +
        `\`confidential\`, \`attachmentIds\` (photos envoyées d’abord à \`POST ` +
        `/api/requests/uploads\`, 5 au plus ; un identifiant inconnu, expiré ou déjà ` +
        `utilisé refuse la demande : 422).`,
      'Routage : le secteur du point ; hors de tout secteur, le département du ' +
        'premier secteur trouvé sur des cercles autour du point (0,5 km à ' +
        '`REQUEST_ROUTING_RADIUS_KM`), demande signalée hors secteur ; rien à ' +
        'proximité : « non routée ». Rien n’est refusé pour son lieu.',
      '201 avec `reference` (`R-2026-000123`), `trackingUrl` ' +
        '(`PUBLIC_URL/suivi/<jeton>`), `trackingToken` (montré une seule fois : la ' +
        'base n’en garde que l’empreinte SHA-256), `status`, `routing` (`sector`, ' +
        '`department`, `unrouted`), `sector` et `confirmationSent`. Avec une adresse ' +
        'e-mail, l’accusé de réception et son lien sont écrits par la même ' +
        'instruction SQL que la demande, dans la boîte d’envoi (type ' +
        '`request.receipt`, envoyé par le relais sous ' +
        '`NOTIFICATION_OUTBOX_POLL_MS`). Réponse `Cache-Control: no-store`. Audit ' +
        '`request.created`.',
      'En-tête `Idempotency-Key` (8 à 200 caractères parmi `A-Z a-z 0-9 _ . : -`, ' +
        'sinon 400) : une nouvelle tentative rend la première demande (200, ' +
        '`Idempotent-Replayed: true`, même référence et même lien) ; l’index unique ' +
        '(client, clé) tranche, si bien que des tentatives simultanées ne font ' +
        'qu’une demande ; la même clé avec un autre contenu : 422.',
      'Anti-spam : le champ caché `website` rempli, la demande est refusée par un ' +
        'simple 400 (« Votre demande n’a pas pu être enregistrée. ») et rien n’est ' +
        'enregistré. Chaque tentative compte dans la limite par adresse source ' +
        '(`REQUESTS_PER_IP` par `REQUESTS_WINDOW_MINUTES`), valide ou non : une ' +
        'demande qui atteint la base est comptée par sa propre instruction (au-delà ' +
        'de la limite, elle n’écrit que le compte), une demande refusée avant (corps ' +
        'invalide, champ caché, en-tête invalide, description trop courte, ' +
        'coordonnée invalide, photos refusées) est comptée juste avant son erreur ; ' +
        'au-delà, 429 avec `Retry-After`. Une description de 1 Mo est un 400 (plus ' +
        'de 5 000 caractères) ; au-delà de `BODY_LIMIT_BYTES`, 413.',
    ].join('\n\n'),
    access: 'public',
    headers: s.RequestSubmitHeaders,
    body: s.RequestCreate,
    responses: { 200: s.RequestReceipt, 201: s.RequestReceipt },
  }),
};
