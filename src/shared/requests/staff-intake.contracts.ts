import { defineContract } from '../contract.ts';
import * as s from './staff-intake.schemas.ts';

/** A request taken by an agent on the phone. */
export const staffIntakeContracts = {
  recordCall: defineContract({
    method: 'POST',
    path: '/api/requests/staff',
    tags: ['Demandes (agents)'],
    summary: 'Enregistrer une demande reçue par téléphone',
    description:
      'Un appel reçu par un agent : `category`, `description`, `point` et/ou ' +
      '`sectorId` (l’un des deux est obligatoire : 400 ; secteur inconnu : 422), ' +
      '`placeLabel`, `contact`, `noAnswerWanted`, `anonymity`, `confidential`. La ' +
      'demande (canal `phone`, première ligne de l’historique « Demande ' +
      'enregistrée lors d’un appel téléphonique. ») est routée par son point sur ' +
      'la carte comme le formulaire public, ou, sans point, va au secteur que ' +
      'l’agent désigne ; l’agent doit couvrir ce territoire (404 sinon). 201 `{ ' +
      'id, reference, status, routing, sector, confirmationSent }`, sans lien de ' +
      'suivi : celui-ci ne va qu’au demandeur, par e-mail, ou par SMS s’il n’a ' +
      'laissé qu’un téléphone (type `request.receipt`, par la boîte d’envoi, dans ' +
      'la même transaction). Audit `request.created`. Page « Enregistrer un appel ' +
      '» (`/demandes/nouvelle`, bouton de la boîte de réception).',
    access: { permission: 'requests.handle' },
    body: s.StaffRequestCreate,
    responses: { 201: s.StaffRequestReceipt },
  }),
};
