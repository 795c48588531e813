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
      'La demande (canal « téléphone ») est routée par son point sur la carte comme le formulaire public, ou, sans point, va au secteur que l’agent désigne ; l’agent doit couvrir ce territoire (404 sinon). Le demandeur reçoit son lien de suivi par e-mail, ou par SMS s’il n’a laissé qu’un téléphone.',
    access: { permission: 'requests.handle' },
    body: s.StaffRequestCreate,
    responses: { 201: s.StaffRequestReceipt },
  }),
};
