import { describe, expect, test } from 'vitest';
import { ApiError } from '../client/http.ts';
import {
  checkedGeneral,
  fieldOfPointer,
  FORM_HAS_ERRORS,
  pointerPath,
  problemFields,
  type FieldMap,
} from './problem-fields.ts';

const refused = (...errors: { pointer?: string; message: string }[]) =>
  new ApiError(400, 'Les données envoyées sont invalides.', {
    type: 'about:blank',
    title: 'Requête invalide',
    status: 400,
    errors,
  });

describe('pointer → field', () => {
  test('a pointer names its first segment, with or without the schema’s « body » part', () => {
    expect(pointerPath('/rdates/2')).toEqual(['rdates', '2']);
    expect(pointerPath('body/endTime')).toEqual(['endTime']);
    expect(pointerPath('/body')).toEqual(['body']);
    expect(pointerPath('querystring/departmentId')).toEqual(['querystring', 'departmentId']);
    expect(pointerPath(undefined)).toEqual([]);
    expect(fieldOfPointer('/rdates/2')).toEqual({ field: 'rdates', moved: false });
    expect(fieldOfPointer('body/contact/phone')).toEqual({ field: 'contact', moved: false });
    // The template text is the body's field `body`.
    expect(fieldOfPointer('/body')).toEqual({ field: 'body', moved: false });
    expect(fieldOfPointer('body')).toBeUndefined();
    expect(fieldOfPointer(undefined)).toBeUndefined();
  });

  test('the map moves a path onto the field the form shows, the longest path first', () => {
    const map: FieldMap = { contact: 'email', 'contact/phone': 'phone', point: 'lat' };
    expect(fieldOfPointer('/contact/phone', map)).toEqual({ field: 'phone', moved: true });
    expect(fieldOfPointer('body/contact/name', map)).toEqual({ field: 'email', moved: true });
    expect(fieldOfPointer('/contact', map)).toEqual({ field: 'email', moved: true });
    expect(fieldOfPointer('/point/lon', map)).toEqual({ field: 'lat', moved: true });
    expect(fieldOfPointer('/pointLabel', map)).toEqual({ field: 'pointLabel', moved: false });
    expect(fieldOfPointer('/description', map)).toEqual({ field: 'description', moved: false });
  });
});

describe('problem → errors per field', () => {
  test('each field keeps its first message; errors without a field stay in the general message', () => {
    const cause = refused(
      { pointer: '/endTime', message: 'L’heure de fin doit être après l’heure de début.' },
      { pointer: 'body/endTime', message: 'Second message.' },
      { pointer: '/rdates/1', message: 'La date 2027-02-30 n’existe pas.' },
      { pointer: 'body', message: 'Propriété obligatoire manquante « title » dans le corps de la requête.' },
      { message: 'Sans pointeur.' },
    );
    expect(problemFields(cause)).toEqual({
      endTime: 'L’heure de fin doit être après l’heure de début.',
      rdates: 'La date 2027-02-30 n’existe pas.',
    });
  });

  test('a field’s own error comes before one moved onto it', () => {
    const map: FieldMap = { lon: 'lat' };
    expect(problemFields(refused({ pointer: '/lon', message: 'Hors de tout secteur.' }), map)).toEqual({
      lat: 'Hors de tout secteur.',
    });
    expect(
      problemFields(
        refused({ pointer: '/lon', message: 'Longitude.' }, { pointer: '/lat', message: 'Latitude.' }),
        map,
      ),
    ).toEqual({ lat: 'Latitude.' });
    expect(
      problemFields(refused({ pointer: '/reason', message: 'Motif.' }, { pointer: '/text', message: 'Texte.' }), {
        reason: 'text',
      }),
    ).toEqual({ text: 'Texte.' });
  });

  test('the residents’ form shows contact errors on their own fields and point errors under the latitude', () => {
    const map: FieldMap = { 'contact/name': 'name', 'contact/email': 'email', 'contact/phone': 'phone', point: 'lat' };
    const cause = refused(
      { pointer: 'body/contact/phone', message: 'Numéro de téléphone invalide.' },
      { pointer: '/contact/email', message: 'Adresse e-mail invalide.' },
      { pointer: 'body/point/lat', message: '« point.lat » doit être inférieur ou égal à 90.' },
      { pointer: '/attachmentIds', message: 'Photo expirée ou inconnue.' },
    );
    expect(problemFields(cause, map)).toEqual({
      phone: 'Numéro de téléphone invalide.',
      email: 'Adresse e-mail invalide.',
      lat: '« point.lat » doit être inférieur ou égal à 90.',
      attachmentIds: 'Photo expirée ou inconnue.',
    });
  });

  test('anything but a problem with errors gives no field', () => {
    expect(problemFields(new ApiError(0, 'Le serveur est injoignable.', null))).toEqual({});
    expect(problemFields(new Error('boom'))).toEqual({});
    expect(problemFields(undefined)).toEqual({});
  });
});

describe('the form’s own checks', () => {
  test('a refused field brings the general sentence; nothing refused, no general error', () => {
    expect(checkedGeneral({})).toBeNull();
    expect(checkedGeneral({ name: 'Indiquez le nom du lieu.' })).toBe(FORM_HAS_ERRORS);
    expect(FORM_HAS_ERRORS).toBe('Le formulaire comporte des erreurs : corrigez les champs signalés.');
  });
});
