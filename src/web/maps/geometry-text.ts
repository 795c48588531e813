import type { SectorGeometry } from '../../shared/territory.schemas.ts';

export type ParsedGeometry = { ok: true; geometry: SectorGeometry | null } | { ok: false; message: string };

const isPosition = (value: unknown): boolean =>
  Array.isArray(value) && (value.length === 2 || value.length === 3) && value.every((n) => typeof n === 'number' && Number.isFinite(n));
const isRing = (value: unknown): boolean => Array.isArray(value) && value.length >= 4 && value.every(isPosition);
const isPolygon = (value: unknown): boolean => Array.isArray(value) && value.length >= 1 && value.every(isRing);

/**
 * Light client-side check of a pasted geometry (a Geometry, or a Feature wrapping one);
 * the server does the deep checks (closure, self-intersection, overlaps) and explains them in French.
 */
export function parseGeometryText(text: string): ParsedGeometry {
  if (text.trim() === '') return { ok: true, geometry: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Le texte n’est pas du JSON valide.' };
  }
  if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Feature') {
    value = (value as { geometry?: unknown }).geometry;
  }
  if (typeof value !== 'object' || value === null) return { ok: false, message: 'Une géométrie GeoJSON est attendue.' };
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    if (!isPolygon(coordinates)) return { ok: false, message: 'Les coordonnées du polygone sont invalides : chaque contour doit compter au moins 4 positions [longitude, latitude].' };
    return { ok: true, geometry: { type, coordinates: coordinates as number[][][] } };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0 || !coordinates.every(isPolygon)) {
      return { ok: false, message: 'Les coordonnées du multipolygone sont invalides.' };
    }
    return { ok: true, geometry: { type, coordinates: coordinates as number[][][][] } };
  }
  return { ok: false, message: 'Seules les géométries de type Polygon ou MultiPolygon sont acceptées.' };
}

export function geometryToText(geometry: SectorGeometry | null): string {
  return geometry ? JSON.stringify(geometry) : '';
}
