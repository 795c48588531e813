/**
 * Typed errors: each carries its HTTP status and a French sentence for the user; the error
 * handler turns them into RFC 9457 problem+json.
 */
export interface ProblemItem {
  index?: number;
  pointer?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: ProblemItem[],
  ) {
    super(detail);
  }
}

export class BadRequestError extends AppError {
  constructor(detail: string, errors?: ProblemItem[]) {
    super(400, 'requete-invalide', 'Requête invalide', detail, errors);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'Authentification requise.') {
    super(401, 'non-authentifie', 'Non authentifié', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = "Vous n'avez pas le droit de faire cette action.") {
    super(403, 'interdit', 'Accès refusé', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = "La ressource demandée n'existe pas.") {
    super(404, 'introuvable', 'Introuvable', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string) {
    super(409, 'conflit', 'Conflit', detail);
  }
}

export class UnprocessableError extends AppError {
  constructor(detail: string, errors?: ProblemItem[]) {
    super(422, 'donnees-invalides', 'Données invalides', detail, errors);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'trop-de-tentatives', 'Trop de tentatives', detail);
  }
}

export class UnavailableError extends AppError {
  constructor(detail: string) {
    super(503, 'indisponible', 'Service indisponible', detail);
  }
}
