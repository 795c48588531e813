import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Password hashing (argon2id) and the password policy for staff accounts.
 *
 * The policy follows NIST SP 800-63B rather than composition rules: length, a deny-list of
 * common passwords and context-specific words. Composition rules ("one upper case, one
 * digit…") push people towards 'Password1234!' and add no real strength.
 */

// `Algorithm` is an ambient `const enum`: under `isolatedModules` neither tsc nor esbuild
// inlines it, and the native binding's runtime object is empty, so `Algorithm.Argon2id`
// would be `undefined` at run time. 2 is its documented value.
const ARGON2ID = 2 as Algorithm.Argon2id;

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (tens of ms per hash on a server). */
export const HASH_OPTIONS: Readonly<Options> = Object.freeze({
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * A hash of a random, discarded password, made with HASH_OPTIONS. Verifying against it costs
 * the same as verifying a real account's hash, so the sign-in time does not reveal whether
 * an e-mail address has an account. A test checks its parameters still match HASH_OPTIONS.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$LO8XalPtWvkuF3JK39mLxw$QIAVMHaZqoTb7A8ZZNXeQ3JeFamit6IA5ElwGRiz5xU';

// The same password typed on macOS and on Windows may arrive composed ('é') or decomposed
// ('e' + U+0301): normalising before hashing and counting keeps both sign-ins working.
function normalise(password: string): string {
  return password.normalize('NFC');
}

export async function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), HASH_OPTIONS);
}

/** False for a wrong password and for anything that is not a valid PHC string. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  if (typeof hashed !== 'string' || typeof password !== 'string' || !hashed.startsWith('$argon2')) return false;
  try {
    return await verify(hashed, normalise(password));
  } catch {
    // A corrupted column must read as "wrong password", never as a 500 that an attacker could tell apart.
    return false;
  }
}

/** Spends the time of a real verification; always false. For unknown e-mails and accounts without a password. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, typeof password === 'string' ? password : '');
  return false;
}

/** True when the hash was made with other parameters than today's: rehash it after a successful sign-in. */
export function needsRehash(hashed: string): boolean {
  try {
    const o = parseOptions(hashed);
    return (
      o.algorithm !== HASH_OPTIONS.algorithm ||
      o.memoryCost !== HASH_OPTIONS.memoryCost ||
      o.timeCost !== HASH_OPTIONS.timeCost ||
      o.parallelism !== HASH_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

export type PasswordPolicyResult = { ok: true } | { ok: false; message: string };

export const POLICY_MESSAGES = {
  tooShort: `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`,
  tooLong: `Le mot de passe ne doit pas dépasser ${MAX_PASSWORD_LENGTH} caractères.`,
  common: 'Ce mot de passe figure parmi les mots de passe les plus courants : choisissez-en un autre.',
  email: 'Le mot de passe ne doit pas contenir votre adresse électronique ni votre identifiant.',
  name: 'Le mot de passe ne doit pas contenir votre nom.',
  pattern:
    'Le mot de passe ne doit pas être une simple répétition ou suite de caractères (« aaaa », « 1234 », « abcd »).',
} as const;

/** French passwords the (mostly English) zxcvbn list misses, plus words of the trade. */
const FRENCH_COMMON = [
  'azertyuiop',
  'azertyuiop123',
  'azerty123456',
  'azerty',
  'azertyui',
  'motdepasse',
  'motdepasse123',
  'motdepasse1234',
  'soleil',
  'doudou',
  'marseille',
  'bonjour',
  'jetaime',
  'chouchou',
  'loulou',
  'nicolas',
  'football',
  'bienvenue',
  'coucou',
  'princesse',
  'camille',
  'julien',
  'thomas',
  'chocolat',
  'olympiquedemarseille',
  'allezlom',
  'parisiens',
  'psgpsgpsg',
  'france',
  'vivelafrance',
  'liberte',
  'policenationale',
  'policemunicipale',
  'gendarmerie',
  'gendarmerienationale',
  'prefecture',
  'ministere',
  'interieur',
  'securite',
  'republique',
  'commissariat',
  'psqpsqpsq',
  'changeme',
  'changezmoi',
  'administrateur',
];

let commonPasswords: Set<string> | undefined;

// Built on first use: 49 000 entries are not worth their start-up cost in processes that never check a password.
function commonSet(): Set<string> {
  commonPasswords ??= new Set([...dictionary['passwords-common'], ...FRENCH_COMMON].map((p) => p.toLowerCase()));
  return commonPasswords;
}

/**
 * The deny-list is mostly made of passwords shorter than 12 characters, which the length
 * rule already refuses. What people actually do to pass a length rule is pad a common word:
 * 'Password1234!', 'Marseille2024!!'. So the password is also looked up with its trailing
 * (and leading) digits, punctuation and spaces stripped, and with inner spaces removed.
 * Stripped bases shorter than 4 characters are not looked up: the list holds 'dog' or 'one',
 * and refusing every password that starts with them would refuse good ones.
 */
function isCommon(password: string): boolean {
  const set = commonSet();
  const lower = password.toLowerCase();
  const candidates = new Set<string>([lower, lower.replace(/\s+/g, '')]);
  const trailing = lower.replace(/[\d\p{P}\p{S}\s]+$/u, '');
  const both = trailing.replace(/^[\d\p{P}\p{S}\s]+/u, '');
  for (const base of [trailing, both, both.replace(/\s+/g, '')]) {
    if ([...base].length >= 4) candidates.add(base);
  }
  for (const c of candidates) if (set.has(c)) return true;
  return false;
}

// Digits wrap ('…7890123'), letters do not need to: a sequence is a step of +1 or -1 throughout.
function position(char: string): { kind: 'digit' | 'letter' | 'other'; index: number } {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 48 && code <= 57) return { kind: 'digit', index: code - 48 };
  if (code >= 97 && code <= 122) return { kind: 'letter', index: code - 97 };
  return { kind: 'other', index: code };
}

function isSequence(chars: string[]): boolean {
  const positions = chars.map(position);
  for (const direction of [1, -1]) {
    const ok = positions.every((p, i) => {
      if (i === 0) return true;
      const prev = positions[i - 1];
      if (p.kind !== prev.kind) return false;
      const modulo = p.kind === 'digit' ? 10 : p.kind === 'letter' ? 26 : Number.MAX_SAFE_INTEGER;
      return (((p.index - prev.index - direction) % modulo) + modulo) % modulo === 0;
    });
    if (ok) return true;
  }
  return false;
}

/** One character repeated, a short block repeated ('abababababab', 'abc1abc1abc1'), or a sequence. */
function isTrivialPattern(password: string): boolean {
  const chars = [...password.toLowerCase()];
  for (let period = 1; period <= 4 && period < chars.length; period++) {
    if (chars.every((c, i) => c === chars[i % period])) return true;
  }
  return isSequence(chars);
}

function squash(value: string): string {
  return value.toLowerCase().replace(/[\s._+'-]+/g, '');
}

export function checkPasswordPolicy(
  password: string,
  context: { email?: string; displayName?: string } = {},
): PasswordPolicyResult {
  const normalised = normalise(typeof password === 'string' ? password : '');
  // Code points, not UTF-16 units: '🔒' is one character to the person typing it.
  const length = [...normalised].length;
  if (length < MIN_PASSWORD_LENGTH) return { ok: false, message: POLICY_MESSAGES.tooShort };
  if (length > MAX_PASSWORD_LENGTH) return { ok: false, message: POLICY_MESSAGES.tooLong };

  const lower = normalised.toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const localPart = email.slice(0, Math.max(0, email.lastIndexOf('@'))) || email;
    if (lower === email || lower.includes(email)) return { ok: false, message: POLICY_MESSAGES.email };
    // 'jean.dupont' must also catch 'JeanDupont2024': compare with separators removed too.
    for (const part of new Set([localPart, squash(localPart)])) {
      if ([...part].length >= 4 && (lower.includes(part) || squash(lower).includes(part))) {
        return { ok: false, message: POLICY_MESSAGES.email };
      }
    }
  }
  const name = context.displayName ? squash(context.displayName.normalize('NFC')) : '';
  if ([...name].length >= 4 && squash(lower).includes(name)) return { ok: false, message: POLICY_MESSAGES.name };

  if (isTrivialPattern(normalised)) return { ok: false, message: POLICY_MESSAGES.pattern };
  if (isCommon(normalised)) return { ok: false, message: POLICY_MESSAGES.common };
  return { ok: true };
}
