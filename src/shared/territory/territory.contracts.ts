import { Type } from 'typebox';
import { IdParams } from '../common.schemas.ts';
import { defineContract } from '../contract.ts';
import * as s from './territory.schemas.ts';

const tags = ['Territoire'];
const MANAGE = { permission: 'territory.manage' } as const;

const PUBLIC_READ = 'Lecture publique, sans compte : le territoire ne contient aucune donnée personnelle.';
const WRITE =
  'Réservé aux détenteurs de la permission territory.manage sur le territoire ' +
  'de l’élément (ailleurs : 404, comme un élément inconnu). L’écriture, son ' +
  'événement d’audit et le changement de version du territoire sont faits dans ' +
  'une seule transaction ; le résolveur point → secteur de chaque processus se ' +
  'recharge ensuite. Un code ou un nom déjà pris : 409 « Un élément avec ce ' +
  'code ou ce nom existe déjà. » ; un élément encore référencé ou un parent ' +
  'disparu : 409 « L’élément est encore utilisé ou son parent n’existe plus. »';
const GEOMETRY =
  'La géométrie est un Polygon ou MultiPolygon GeoJSON en WGS84 ([longitude, ' +
  'latitude], altitude ignorée), vérifiée avant toute écriture (422 « ' +
  'Géométrie invalide : … » en français) : anneaux fermés d’au moins 4 ' +
  'positions et 3 sommets distincts, longitudes de -180 à 180 et latitudes de ' +
  '-90 à 90, aucune aire nulle, aucun recoupement, trous à l’intérieur de leur ' +
  'polygone, parties d’un MultiPolygon disjointes, 50 000 sommets au plus. ' +
  'Elle est enregistrée normalisée (positions 2D, doublons consécutifs ' +
  'retirés, anneau extérieur dans le sens trigonométrique et trous dans ' +
  'l’autre, RFC 7946). Un secteur ne peut chevaucher un autre secteur de la ' +
  'même commune (422 « Le secteur chevauche le secteur « nom » (code) de la ' +
  'même commune. ») ; une frontière commune est admise, comme le chevauchement ' +
  'de secteurs de communes différentes.';
const deleted = (audit: string, children?: string) =>
  `${WRITE} ` +
  `${children ? `Refusée (409 « Suppression impossible : ${children}. ») tant qu’il reste ` + `des éléments dessous. ` : ''}Audit ` +
  `${audit}. Réponse 204 sans corps.`;

/** The territory: départements, police or gendarmerie districts, communes and their sectors. */
export const territoryContracts = {
  resolve: defineContract({
    method: 'GET',
    path: '/api/territory/resolve',
    tags,
    summary: "Secteur, commune, circonscription et département d'un point",
    description:
      `${PUBLIC_READ} Le secteur qui contient le point (WGS84), avec sa commune, ` +
      `sa circonscription (police ou gendarmerie) et son département, trouvé par ` +
      `l’index des secteurs tenu en mémoire par chaque processus et rechargé dès ` +
      `que le territoire change. Un point qui n’est dans aucun secteur : 404 « ` +
      `Aucun secteur ne couvre le point (lat, lon). ». Latitude de -90 à 90 et ` +
      `longitude de -180 à 180, sinon 400.`,
    access: 'public',
    query: s.ResolveQuery,
    responses: { 200: s.Resolution },
  }),
  map: defineContract({
    method: 'GET',
    path: '/api/territory/map',
    tags,
    summary: "Vue d'ensemble publique d'un département",
    description:
      `${PUBLIC_READ} Les circonscriptions, communes et secteurs (avec leurs ` +
      `géométries) d’un département, et la liste de tous les départements, pour la ` +
      `carte de la page d’accueil. Sans \`department\` : la Moselle (57) si elle ` +
      `existe, sinon le premier département par code ; sans aucun département : ` +
      `\`department\` null et des listes vides. Un code inconnu : 404 « ` +
      `Département introuvable. ».`,
    access: 'public',
    query: s.TerritoryMapQuery,
    responses: { 200: s.TerritoryMap },
  }),
  departments: defineContract({
    method: 'GET',
    path: '/api/territory/departments',
    tags,
    summary: 'Départements',
    description: `${PUBLIC_READ} Tous les départements, par code.`,
    access: 'public',
    responses: { 200: s.DepartmentList },
  }),
  districts: defineContract({
    method: 'GET',
    path: '/api/territory/districts',
    tags,
    summary: 'Circonscriptions',
    description:
      `${PUBLIC_READ} Les circonscriptions (police ou gendarmerie), par nom ; ` +
      `\`departmentId\` garde celles d’un département.`,
    access: 'public',
    query: s.DistrictListQuery,
    responses: { 200: s.DistrictList },
  }),
  municipalities: defineContract({
    method: 'GET',
    path: '/api/territory/municipalities',
    tags,
    summary: 'Communes',
    description:
      `${PUBLIC_READ} Les communes, par nom ; \`districtId\` garde celles d’une ` +
      `circonscription, \`departmentId\` celles d’un département.`,
    access: 'public',
    query: s.MunicipalityListQuery,
    responses: { 200: s.MunicipalityList },
  }),
  sectors: defineContract({
    method: 'GET',
    path: '/api/territory/sectors',
    tags,
    summary: 'Secteurs',
    description:
      `${PUBLIC_READ} Les secteurs avec leur géométrie, par code ; ` +
      `\`municipalityId\` garde ceux d’une commune, \`departmentId\` ceux d’un ` +
      `département.`,
    access: 'public',
    query: s.SectorListQuery,
    responses: { 200: s.SectorList },
  }),
  sector: defineContract({
    method: 'GET',
    path: '/api/territory/sectors/:id',
    tags,
    summary: 'Un secteur',
    description: `${PUBLIC_READ} Inconnu : 404 « Secteur introuvable. ».`,
    access: 'public',
    params: IdParams,
    responses: { 200: s.Sector },
  }),

  createDepartment: defineContract({
    method: 'POST',
    path: '/api/territory/departments',
    tags,
    summary: 'Créer un département',
    description:
      `Tout détenteur de la permission territory.manage (sur n’importe quel ` +
      `territoire) peut ajouter un département ; un utilisateur qui le crée en ` +
      `devient administrateur dans la même transaction (sans cela personne ne ` +
      `pourrait le gérer). Code INSEE du département (01 à 95, 2A, 2B, 971 à 976). ` +
      `${WRITE} Audit territory.department.created.`,
    access: MANAGE,
    body: s.DepartmentCreate,
    responses: { 201: s.Department },
  }),
  updateDepartment: defineContract({
    method: 'PATCH',
    path: '/api/territory/departments/:id',
    tags,
    summary: 'Modifier un département',
    description:
      `Seul son nom change (le code est fixe). ${WRITE} Audit ` + `territory.department.updated (avec les champs).`,
    access: MANAGE,
    params: IdParams,
    body: s.DepartmentUpdate,
    responses: { 200: s.Department },
  }),
  deleteDepartment: defineContract({
    method: 'DELETE',
    path: '/api/territory/departments/:id',
    tags,
    summary: 'Supprimer (department)',
    description: deleted('territory.department.deleted', 'il contient encore des circonscriptions'),
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),

  createDistrict: defineContract({
    method: 'POST',
    path: '/api/territory/districts',
    tags,
    summary: 'Créer une circonscription',
    description:
      `Dans un département que l’appelant gère (inconnu ou hors de son territoire ` +
      `: 404). \`force\` : police ou gendarmerie. ${WRITE} Audit ` +
      `territory.district.created.`,
    access: MANAGE,
    body: s.DistrictCreate,
    responses: { 201: s.District },
  }),
  updateDistrict: defineContract({
    method: 'PATCH',
    path: '/api/territory/districts/:id',
    tags,
    summary: 'Modifier une circonscription',
    description:
      `Son nom et sa force (police ou gendarmerie) ; elle reste dans son ` +
      `département. ${WRITE} Audit territory.district.updated (avec les champs).`,
    access: MANAGE,
    params: IdParams,
    body: s.DistrictUpdate,
    responses: { 200: s.District },
  }),
  deleteDistrict: defineContract({
    method: 'DELETE',
    path: '/api/territory/districts/:id',
    tags,
    summary: 'Supprimer (district)',
    description: deleted('territory.district.deleted', 'elle contient encore des communes'),
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),

  createMunicipality: defineContract({
    method: 'POST',
    path: '/api/territory/municipalities',
    tags,
    summary: 'Créer une commune',
    description:
      `Dans une circonscription que l’appelant gère (inconnue ou hors de son ` +
      `territoire : 404), avec son code INSEE (5 caractères, 2A/2B pour la Corse ; ` +
      `sinon 400). ${WRITE} Audit territory.municipality.created.`,
    access: MANAGE,
    body: s.MunicipalityCreate,
    responses: { 201: s.Municipality },
  }),
  updateMunicipality: defineContract({
    method: 'PATCH',
    path: '/api/territory/municipalities/:id',
    tags,
    summary: 'Modifier une commune',
    description:
      `Son nom et sa circonscription (le code INSEE est fixe). La déplacer demande ` +
      `de gérer à la fois sa circonscription actuelle et la nouvelle (sinon 404). ` +
      `${WRITE} Audit territory.municipality.updated (avec les champs).`,
    access: MANAGE,
    params: IdParams,
    body: s.MunicipalityUpdate,
    responses: { 200: s.Municipality },
  }),
  deleteMunicipality: defineContract({
    method: 'DELETE',
    path: '/api/territory/municipalities/:id',
    tags,
    summary: 'Supprimer (municipality)',
    description: deleted('territory.municipality.deleted', 'elle contient encore des secteurs'),
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),

  createSector: defineContract({
    method: 'POST',
    path: '/api/territory/sectors',
    tags,
    summary: 'Créer un secteur',
    description:
      `Dans une commune que l’appelant gère (inconnue ou hors de son territoire : ` +
      `404), avec un code unique (lettres, chiffres, « - », « _ », « . », 64 ` +
      `caractères au plus). ${GEOMETRY} Les écritures de secteurs sont faites ` +
      `l’une après l’autre, pour que la vérification des chevauchements voie les ` +
      `secteurs en place. ${WRITE} Audit territory.sector.created.`,
    access: MANAGE,
    body: s.SectorCreate,
    responses: { 201: s.Sector },
  }),
  updateSector: defineContract({
    method: 'PATCH',
    path: '/api/territory/sectors/:id',
    tags,
    summary: 'Modifier un secteur',
    description:
      `Son nom et sa géométrie (le code et la commune sont fixes). ${GEOMETRY} ` +
      `${WRITE} Audit territory.sector.updated (nom et nombre de sommets).`,
    access: MANAGE,
    params: IdParams,
    body: s.SectorUpdate,
    responses: { 200: s.Sector },
  }),
  deleteSector: defineContract({
    method: 'DELETE',
    path: '/api/territory/sectors/:id',
    tags,
    summary: 'Supprimer (sector)',
    description: deleted('territory.sector.deleted'),
    access: MANAGE,
    params: IdParams,
    responses: { 204: Type.Null() },
  }),
  importSectors: defineContract({
    method: 'POST',
    path: '/api/territory/sectors/import',
    tags,
    summary: 'Importer des secteurs (GeoJSON FeatureCollection)',
    description:
      `Le corps est le document GeoJSON lui-même (\`application/json\`, 20 Mo au ` +
      `plus, BODY_LIMIT_BYTES : au-delà 413) : une FeatureCollection (10 000 ` +
      `entités au plus ; bbox, name, crs et autres membres admis et ignorés) ` +
      `d’entités Polygon ou MultiPolygon en WGS84, chacune avec ` +
      `\`properties.code\` (code unique du secteur), \`properties.name\` (nom, 200 ` +
      `caractères au plus) et \`properties.municipality\` (code INSEE d’une ` +
      `commune existante). Tout est vérifié avant la moindre écriture : forme de ` +
      `chaque entité, géométrie (règles de la création d’un secteur), commune ` +
      `inconnue ou hors du territoire de l’appelant (signalée comme inconnue), ` +
      `code en double dans le fichier, chevauchement avec un autre secteur de la ` +
      `même commune, du fichier ou déjà en place. Une seule erreur et rien n’est ` +
      `importé : 422 « Le fichier contient N erreur(s) : aucun secteur n'a été ` +
      `importé. » avec \`errors[]\`, chacune nommant l’indice de l’entité ` +
      `(\`index\`, à partir de 0) et sa raison en français, par indice croissant ; ` +
      `un fichier sans entité : 422. Un secteur dont le code existe est remplacé ` +
      `(nom, commune, géométrie), les autres sont créés. \`dryRun=true\` vérifie ` +
      `tout et dit ce qui serait créé ou mis à jour sans rien écrire. Les imports ` +
      `concurrents sont faits l’un après l’autre. Réservé aux détenteurs de ` +
      `territory.manage ; audit territory.sectors.imported (nombres créés et mis à ` +
      `jour, codes), dans la transaction de l’import ; le résolveur point → ` +
      `secteur se recharge ensuite. La même vérification sert \`npm run ` +
      `import:sectors -- fichier.geojson [--dry-run]\`.`,
    access: MANAGE,
    query: s.SectorImportQuery,
    body: s.SectorImport,
    responses: { 200: s.SectorImportResult },
  }),
};
