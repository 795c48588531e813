import { Type } from 'typebox';
import { defineContract } from '../contract.ts';
import * as s from './identity.schemas.ts';

const tags = ['Identité'];
const GONE = { 410: Type.Ref('Problem') };
const SESSION =
  'La session est un cookie HttpOnly `__Host-psq_session` (Secure en HTTPS et ' +
  'sur localhost ; sans préfixe `__Host-` sur une autre adresse en HTTP), ' +
  'SameSite=Lax, jamais lisible par le navigateur. Elle prend fin après ' +
  '`SESSION_IDLE_MINUTES` (30) sans requête ou `SESSION_MAX_HOURS` (12) après ' +
  'la connexion, quoi qu’il arrive ; la déconnexion, « déconnecter mes autres ' +
  'sessions » et la suspension du compte valent dès la requête suivante.';
const ME =
  'Réponse : l’utilisateur (jamais la ligne brute : ni empreinte du mot de ' +
  'passe ni secret TOTP), l’étape de double authentification (`required` : ' +
  'code TOTP à saisir, `enrol` : TOTP à activer d’abord, `done`), le jeton ' +
  'anti-CSRF à renvoyer dans l’en-tête `x-csrf-token` de toute écriture, et ' +
  '`demo` (compte de démonstration, hors production).';
const MFA_LIMIT =
  'Les échecs de code sont comptés par utilisateur (activation et vérification ' +
  'ensemble) : au-delà de 10 en 15 minutes, 429 « Trop de tentatives de ' +
  'connexion. Réessayez dans … minute(s). » avec Retry-After ; une réussite ' +
  'remet le compte à zéro.';

/** Password sign-in, the second factor, the session, invitations and the sign-in page's lists. */
export const authContracts = {
  signIn: defineContract({
    method: 'POST',
    path: '/api/auth/sign-in',
    tags,
    summary: 'Connexion par adresse et mot de passe',
    description:
      `L’adresse est comparée sans tenir compte de la casse. Une adresse inconnue ` +
      `coûte le même temps qu’une adresse connue et reçoit la même réponse : 401 « ` +
      `Adresse électronique ou mot de passe incorrect. » ; un compte suspendu : ` +
      `403 « Ce compte est suspendu. Contactez votre administrateur. ». En cas de ` +
      `succès, la session est ouverte (cookie, voir ci-dessous) et un cookie ` +
      `d’appareil \`psq_device\` (HttpOnly, SameSite=Lax, 180 jours) retient que ` +
      `ce navigateur s’est déjà connecté à ce compte. Les comptes de démonstration ` +
      `passent la double authentification hors production ; tous les autres ` +
      `doivent saisir (ou activer) un code TOTP. Les échecs sont comptés par ` +
      `adresse source (50 en 15 minutes) et par compte (10 en 15 minutes) ; un ` +
      `navigateur qui présente le cookie d’appareil du compte est compté à part ` +
      `(10 en 15 minutes), si bien qu’une attaque sur un compte n’en bloque pas ` +
      `l’utilisateur légitime. Au-delà : 429 « Trop de tentatives de connexion. ` +
      `Réessayez dans … minute(s). » avec Retry-After. Une connexion réussie remet ` +
      `à zéro le compte du compte (ou de l’appareil), pas celui de l’adresse. ` +
      `Chaque issue est inscrite au journal d’audit : auth.sign-in.succeeded, ` +
      `auth.sign-in.failed, auth.sign-in.refused (compte suspendu), ` +
      `auth.sign-in.throttled. ${SESSION} ${ME}`,
    access: 'public',
    body: s.SignIn,
    responses: { 200: s.Me },
  }),
  me: defineContract({
    method: 'GET',
    path: '/api/auth/me',
    tags,
    summary: 'Utilisateur connecté et état de la session',
    description: `Répond aussi avant la double authentification. Sans session vivante : 401. ${ME}`,
    access: 'mfa-pending',
    responses: { 200: s.Me },
  }),
  enrolMfa: defineContract({
    method: 'POST',
    path: '/api/auth/mfa/enrol',
    tags,
    summary: 'Commencer l’activation TOTP',
    description:
      'Tire un nouveau secret TOTP, gardé en attente (chiffré) jusqu’à ce qu’un ' +
      'code le confirme, et le rend en URL `otpauth://`, en QR code (document SVG) ' +
      'et en base32 pour une saisie à la main. Recommencer remplace le secret en ' +
      'attente. Remplacer un facteur déjà actif exige d’avoir passé la double ' +
      'authentification dans cette session (409 sinon) : un mot de passe volé ne ' +
      'suffit pas.',
    access: 'mfa-pending',
    responses: { 200: s.MfaEnrolment },
  }),
  confirmMfa: defineContract({
    method: 'POST',
    path: '/api/auth/mfa/enrol/confirm',
    tags,
    summary: 'Confirmer l’activation TOTP',
    description:
      `Un code à 6 chiffres du secret en attente l’active (sans activation en ` +
      `cours : 409 ; code faux : 400 « Code incorrect : vérifiez l’heure de votre ` +
      `téléphone… ») ; la session passe la double authentification et reçoit 10 ` +
      `codes de secours, montrés cette seule fois (ceux d’avant ne valent plus). ` +
      `Audit auth.mfa.enrolled. ${MFA_LIMIT}`,
    access: 'mfa-pending',
    body: s.MfaConfirm,
    responses: { 200: s.RecoveryCodes },
  }),
  verifyMfa: defineContract({
    method: 'POST',
    path: '/api/auth/mfa/verify',
    tags,
    summary: 'Deuxième étape de connexion (TOTP ou code de secours)',
    description:
      `Soit \`code\` (TOTP à 6 chiffres), soit \`recoveryCode\` (400 avec les deux ` +
      `ou aucun) ; TOTP pas encore activé : 409. Un code TOTP n’est accepté qu’une ` +
      `fois (le même code rejoué, même par deux requêtes simultanées : 400 « … ` +
      `déjà utilisé ») et un code de secours ne sert qu’une fois. Audit ` +
      `auth.mfa.verified ou auth.mfa.failed (avec le moyen employé). ${MFA_LIMIT} ` +
      `${ME}`,
    access: 'mfa-pending',
    body: s.MfaVerify,
    responses: { 200: s.Me },
  }),
  signOut: defineContract({
    method: 'POST',
    path: '/api/auth/sign-out',
    tags,
    summary: 'Déconnexion',
    description:
      'Met fin à la session (dès la requête suivante, le cookie ne vaut plus rien) ' +
      'et efface le cookie ; possible avant la double authentification. Audit ' +
      'auth.signed-out, écrit avec la fin de la session.',
    access: 'mfa-pending',
    responses: { 204: Type.Null() },
  }),
  signOutOthers: defineContract({
    method: 'POST',
    path: '/api/auth/sign-out-others',
    tags,
    summary: 'Déconnecter mes autres sessions',
    description:
      'Met fin à toutes les autres sessions de l’utilisateur (autres navigateurs, ' +
      'autres appareils) ; la session de l’appelant reste ouverte. Audit ' +
      'auth.signed-out-others avec le nombre de sessions closes.',
    access: 'session',
    responses: { 204: Type.Null() },
  }),
  invitation: defineContract({
    method: 'GET',
    path: '/api/auth/invitations/:token',
    tags,
    summary: 'Invitation (lien à usage unique)',
    description:
      'L’adresse et le nom de la personne invitée. Lien inconnu : 404 ; déjà ' +
      'utilisé ou remplacé par un plus récent : 410 ; expiré (7 jours après ' +
      'l’envoi) : 410 « … a expiré : demandez-en un nouveau à votre ' +
      'administrateur. ».',
    access: 'public',
    params: s.TokenParams,
    responses: { 200: s.InvitationInfo, ...GONE },
  }),
  acceptInvitation: defineContract({
    method: 'POST',
    path: '/api/auth/invitations/:token/accept',
    tags,
    summary: 'Accepter une invitation et choisir son mot de passe',
    description:
      'La personne invitée choisit son mot de passe : de 12 à 256 caractères, ni ' +
      'un mot de passe courant (même allongé), ni une simple répétition ou suite ' +
      '(« aaaa », « 1234 »), sans son adresse, son identifiant ni son nom ; pas de ' +
      'règle de composition (400 avec un message en français sinon). Le compte ' +
      'devient actif ; la double authentification s’active à la première ' +
      'connexion. Le lien ne sert qu’une fois, même envoyé deux fois en même temps ' +
      '(410 ensuite) ; inconnu : 404 ; expiré : 410. Audit ' +
      'user.invitation.accepted.',
    access: 'public',
    params: s.TokenParams,
    body: s.InvitationAccept,
    responses: { 204: Type.Null(), ...GONE },
  }),
  demoAccounts: defineContract({
    method: 'GET',
    path: '/api/auth/demo-accounts',
    tags,
    summary: 'Comptes de démonstration (mode démo seulement)',
    description:
      'Hors production et quand la base contient les comptes de démonstration : un ' +
      'compte par rôle sur le territoire de démonstration (Moselle), avec son mot ' +
      'de passe, public par construction ; ces comptes passent la double ' +
      'authentification. En production, ou sans compte de démonstration : liste ' +
      'vide.',
    access: 'public',
    responses: { 200: s.DemoAccountList },
  }),
  providers: defineContract({
    method: 'GET',
    path: '/api/auth/providers',
    tags,
    summary: 'Fournisseurs d’identité disponibles',
    description:
      '`proconnect` : la connexion par ProConnect est configurée ' +
      '(`PROCONNECT_ISSUER`, `PROCONNECT_CLIENT_ID`, `PROCONNECT_CLIENT_SECRET`).',
    access: 'public',
    responses: { 200: s.Providers },
  }),
};

const FAIL = 'En cas d’échec, redirection vers `/connexion?erreur=<code>`, que la page de connexion explique.';

/** Sign-in through ProConnect: these routes exist only when it is configured. */
export const proconnectContracts = {
  start: defineContract({
    method: 'GET',
    path: '/api/auth/proconnect/start',
    tags,
    summary: 'Se connecter avec ProConnect (redirection)',
    description:
      `N’existe que si ProConnect est configuré. Redirige (302) vers ProConnect ; ` +
      `l’état, le nonce et le vérificateur PKCE du parcours voyagent dans un ` +
      `cookie scellé et bref \`psq_oidc\` (10 minutes, chemin ` +
      `\`/api/auth/proconnect\`). ProConnect injoignable : redirection vers ` +
      `\`/connexion?erreur=proconnect-indisponible\`.`,
    access: 'public',
    responses: { 302: Type.Null() },
  }),
  callback: defineContract({
    method: 'GET',
    path: '/api/auth/proconnect/callback',
    tags,
    summary: 'Retour de ProConnect (redirection)',
    description:
      `Adresse de retour déclarée chez ProConnect : ` +
      `\`$PUBLIC_URL/api/auth/proconnect/callback\`. Le compte ouvert est celui ` +
      `dont l’adresse électronique, vérifiée par ProConnect, est celle du compte ` +
      `PSQ ; la double authentification reste demandée par PSQ : redirection vers ` +
      `\`/connexion/verification\`, ou \`/connexion/activation-mfa\` si le TOTP ` +
      `n’est pas encore activé. ${FAIL} Codes : \`compte-inconnu\`, ` +
      `\`compte-suspendu\`, \`proconnect-session\` (cookie du parcours absent, ` +
      `altéré ou expiré), \`proconnect-<raison>\` (refus ou erreur de ProConnect). ` +
      `Audit auth.sign-in.succeeded ou auth.sign-in.failed (méthode proconnect).`,
    access: 'public',
    responses: { 302: Type.Null() },
  }),
};
