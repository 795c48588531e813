import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';

import {
  checkPasswordPolicy,
  DUMMY_HASH,
  hashPassword,
  HASH_OPTIONS,
  needsRehash,
  POLICY_MESSAGES,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.ts';

describe('hashPassword / verifyPassword', () => {
  it('hashes with argon2id and the OWASP parameters, and verifies the right password only', async () => {
    const hashed = await hashPassword('cheval correct agrafe pile');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hashed, 'cheval correct agrafe pile')).toBe(true);
    expect(await verifyPassword(hashed, 'cheval correct agrafe pilE')).toBe(false);
    expect(await verifyPassword(hashed, '')).toBe(false);
  });

  it('salts: the same password twice gives two hashes', async () => {
    expect(await hashPassword('même mot de passe')).not.toBe(await hashPassword('même mot de passe'));
  });

  it('accepts the same password typed composed or decomposed', async () => {
    const hashed = await hashPassword('caf\u00e9 cr\u00e8me br\u00fbl\u00e9e');
    expect(await verifyPassword(hashed, 'cafe\u0301 cre\u0300me bru\u0302le\u0301e')).toBe(true);
  });

  it('returns false, never throws, on malformed hashes', async () => {
    for (const bad of [
      '',
      'not a hash',
      '$argon2id$garbage',
      '$2b$10$abcdefghijklmnopqrstuv',
      DUMMY_HASH.slice(0, 40),
    ]) {
      await expect(verifyPassword(bad, 'whatever password')).resolves.toBe(false);
    }
    // Wrong types from untyped callers (JSON bodies).
    await expect(verifyPassword(null as unknown as string, 'x')).resolves.toBe(false);
  });

  it('keeps the dummy hash in step with the hashing parameters', async () => {
    const o = parseOptions(DUMMY_HASH);
    expect([o.algorithm, o.memoryCost, o.timeCost, o.parallelism]).toEqual([
      HASH_OPTIONS.algorithm,
      HASH_OPTIONS.memoryCost,
      HASH_OPTIONS.timeCost,
      HASH_OPTIONS.parallelism,
    ]);
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    await expect(verifyAgainstDummy('any password')).resolves.toBe(false);
  });

  it('flags hashes made with other parameters for rehashing', () => {
    expect(
      needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI'),
    ).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('checkPasswordPolicy', () => {
  const refused = (password: string, context?: { email?: string; displayName?: string }) => {
    const result = checkPasswordPolicy(password, context);
    return result.ok ? null : result.message;
  };

  it('accepts a passphrase', () => {
    expect(checkPasswordPolicy('cheval correct agrafe pile')).toEqual({ ok: true });
    expect(
      checkPasswordPolicy('cheval correct agrafe pile', {
        email: 'jean.dupont@interieur.gouv.fr',
        displayName: 'Jean Dupont',
      }),
    ).toEqual({ ok: true });
    expect(checkPasswordPolicy('9vQ#t2Lm!xRw')).toEqual({ ok: true });
  });

  it('has no composition rules', () => {
    expect(checkPasswordPolicy('les pommes du verger normand')).toEqual({ ok: true });
  });

  it('requires 12 characters, counted as code points', () => {
    expect(refused('court')).toBe(POLICY_MESSAGES.tooShort);
    expect(refused('elevenchars')).toBe(POLICY_MESSAGES.tooShort);
    expect(POLICY_MESSAGES.tooShort).toBe('Le mot de passe doit compter au moins 12 caractères.');
    // 6 emoji are 12 UTF-16 units but 6 characters.
    const sixEmoji = '🔒🚓🌙🔑🚨🛡';
    expect(sixEmoji.length).toBe(12);
    expect(refused(sixEmoji)).toBe(POLICY_MESSAGES.tooShort);
    // 12 code points, 2 of them emoji (14 UTF-16 units): long enough.
    const twelve = 'gyrophare🚨🔵x';
    expect([...twelve].length).toBe(12);
    expect(checkPasswordPolicy(twelve)).toEqual({ ok: true });
    // 'é' decomposed is two code points but one character once normalised.
    expect(refused('e\u0301'.repeat(5) + 'abxyz9')).toBe(POLICY_MESSAGES.tooShort);
  });

  it('caps the length at 256', () => {
    expect(checkPasswordPolicy('une phrase '.repeat(23).slice(0, 256))).toEqual({ ok: true });
    expect(refused('une phrase '.repeat(24).slice(0, 257))).toBe(POLICY_MESSAGES.tooLong);
  });

  it('refuses common passwords, case-insensitively', () => {
    expect(refused('1234567890qwerty')).toBe(POLICY_MESSAGES.common);
    expect(refused('PoliceNationale')).toBe(POLICY_MESSAGES.common);
    expect(refused('GENDARMERIE2024')).toBe(POLICY_MESSAGES.common);
    expect(refused('azerty123456')).toBe(POLICY_MESSAGES.common);
    expect(refused('motdepasse123')).toBe(POLICY_MESSAGES.common);
    expect(POLICY_MESSAGES.common).toBe(
      'Ce mot de passe figure parmi les mots de passe les plus courants : choisissez-en un autre.',
    );
  });

  it('refuses common words padded with digits and punctuation', () => {
    for (const p of [
      'Password1234!',
      'password1234',
      'Marseille2024!!',
      'Soleil!!!!!!2',
      'jetaime12345',
      'Azertyuiop2024',
      'Mot de passe 123',
      '!!2024football!!',
    ]) {
      expect(refused(p), p).toBe(POLICY_MESSAGES.common);
    }
  });

  it('does not refuse a password because it starts with a very short listed word', () => {
    expect(checkPasswordPolicy('dog-7Kq2!x9Lm4')).toEqual({ ok: true });
  });

  it('refuses the e-mail and its local part', () => {
    const email = 'Jean.Dupont@interieur.gouv.fr';
    expect(refused('jean.dupont@interieur.gouv.fr', { email })).toBe(POLICY_MESSAGES.email);
    expect(refused('jean.dupont-secret!', { email })).toBe(POLICY_MESSAGES.email);
    expect(refused('JeanDupont#2024xx', { email })).toBe(POLICY_MESSAGES.email);
    // A local part under 4 characters is too common a substring to refuse.
    expect(checkPasswordPolicy('une abeille butine', { email: 'abe@x.fr' })).toEqual({ ok: true });
  });

  it('refuses the display name', () => {
    expect(refused('Jean Dupont sécurité', { displayName: 'Jean Dupont' })).toBe(POLICY_MESSAGES.name);
  });

  it('refuses repetitions and sequences', () => {
    for (const p of [
      'aaaaaaaaaaaa',
      '############',
      '123456789012',
      'abcdefghijkl',
      'LKJIHGFEDCBA',
      '987654321098',
      'abababababab',
      'abc1abc1abc1',
    ]) {
      expect(refused(p), p).toBe(POLICY_MESSAGES.pattern);
    }
  });
});
