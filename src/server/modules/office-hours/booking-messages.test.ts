import { describe, expect, it } from 'vitest';
import { reminderMessage } from './booking-reminders.ts';
import { confirmationMessage, describeBooking } from './bookings.service.ts';

const booking = {
  title: 'Permanence du délégué',
  venueName: 'Mairie de quartier',
  venueAddress: '1 rue de la Mairie',
  date: '2026-12-09',
  slot: '14:20',
};

describe('booking messages', () => {
  it('confirms « le mercredi 9 décembre 2026 à 14 h 20 », with the cancel link', () => {
    const message = confirmationMessage(booking, 'https://psq.example/permanences/annulation/abc');
    expect(message.subject).toBe('Rendez-vous confirmé : Permanence du délégué le mercredi 9 décembre 2026');
    expect(message.body).toBe(
      'Bonjour,\n\nVotre rendez-vous est confirmé : Permanence du délégué le ' +
        'mercredi 9 décembre 2026 à 14 h 20, Mairie de quartier (1 rue de la ' +
        "Mairie).\n\nPour l'annuler : https://psq.example/permanences/annulation/abc",
    );
  });

  it('names the day alone for attendance without a slot, « 1er » on the first', () => {
    expect(describeBooking({ ...booking, date: '2026-12-01', slot: null })).toBe(
      'Permanence du délégué le mardi 1er décembre 2026, Mairie de quartier (1 rue de la Mairie)',
    );
  });

  it('reminds « demain, mercredi 9 décembre 2026 à 14 h 20 »', () => {
    const message = reminderMessage({ ...booking, slot: '09:00' });
    expect(message.subject).toBe('Rappel : Permanence du délégué demain, mercredi 9 décembre 2026 à 9 h 00');
    expect(message.body).toBe(
      'Bonjour,\n\nRappel de votre rendez-vous : Permanence du délégué demain, ' +
        'mercredi 9 décembre 2026 à 9 h 00, Mairie de quartier (1 rue de la ' +
        'Mairie).\n\nSi vous ne pouvez pas venir, annulez-le avec le lien reçu à la ' +
        'réservation.',
    );
    expect(reminderMessage({ ...booking, slot: null }).subject).toBe(
      'Rappel : Permanence du délégué demain, mercredi 9 décembre 2026',
    );
  });
});
