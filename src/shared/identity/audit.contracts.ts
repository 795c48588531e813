import { defineContract } from '../contract.ts';
import * as s from './identity.schemas.ts';

const tags = ['Audit'];
const READ = { permission: 'audit.read' } as const;
const SCOPE =
  'Un administrateur lit la trace de ses territoires : les événements des ' +
  'utilisateurs qui y tiennent un rôle, et ceux qui portent sur ces ' +
  'utilisateurs ou sur un élément du territoire (département, circonscription, ' +
  'commune, secteur). Filtres : `userId` (les événements de cet utilisateur et ' +
  'ceux qui le concernent), `recordType`, `recordId`, `from` et `to` (jours ' +
  'UTC, bornes comprises). Les plus récents d’abord. Le journal ne se modifie ' +
  'ni ne s’efface par l’application (seule la purge de conservation retire les ' +
  'événements de plus de `AUDIT_RETENTION_DAYS` jours, 1 095 par défaut).';

/** The audit trail: search and CSV export, both audited themselves. */
export const auditContracts = {
  search: defineContract({
    method: 'GET',
    path: '/api/audit',
    tags,
    summary: "Rechercher dans le journal d'audit",
    description:
      `${SCOPE} 100 événements par page (\`page\`, à partir de 1 ; \`hasMore\` dit ` +
      `s’il y en a d’autres). La recherche est elle-même inscrite au journal ` +
      `(audit.searched, avec les filtres).`,
    access: READ,
    query: s.AuditQuery,
    responses: { 200: s.AuditPage },
  }),
  exportCsv: defineContract({
    method: 'GET',
    path: '/api/audit/export.csv',
    tags,
    summary: "Exporter le journal d'audit en CSV",
    description:
      `${SCOPE} Jusqu’à 100 000 lignes, en pièce jointe ` +
      `\`journal-audit-AAAA-MM-JJ.csv\` : UTF-8 avec BOM, séparateur « ; », lignes ` +
      `CRLF, chaque champ entre guillemets, colonnes id, date, acteur (adresse, ` +
      `sinon identifiant), type acteur, action, type de donnée, identifiant, ` +
      `motif, détails (JSON) ; une cellule qui commencerait par = + - @, une ` +
      `tabulation ou un retour chariot est précédée d’une apostrophe (pas de ` +
      `formule dans un tableur). \`page\` est ignoré. L’export est inscrit au ` +
      `journal (audit.exported, avec les filtres et le nombre de lignes).`,
    access: READ,
    query: s.AuditQuery,
    responses: { 200: s.AuditCsv },
    produces: 'text/csv',
  }),
};
