import { Button } from '@codegouvfr/react-dsfr/Button';
import * as L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import type { Sector, SectorGeometry } from '../../shared/territory/territory.schemas.ts';
import { createBaseMap, fitTo, geometryLayer, type MapTiles } from './leaflet-base.ts';

export type ParsedGeometry = { ok: true; geometry: SectorGeometry | null } | { ok: false; message: string };

const isPosition = (value: unknown): boolean =>
  Array.isArray(value) &&
  (value.length === 2 || value.length === 3) &&
  value.every((n) => typeof n === 'number' && Number.isFinite(n));
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
    if (!isPolygon(coordinates))
      return {
        ok: false,
        message:
          'Les coordonnées du polygone sont invalides : chaque contour doit compter au ' +
          'moins 4 positions [longitude, latitude].',
      };
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

export interface PolygonEditorProps {
  /** The sector's current geometry (drawn in blue). */
  value: SectorGeometry | null;
  onChange: (geometry: SectorGeometry | null) => void;
  /** Other sectors shown in grey for reference (not clickable). */
  context: Sector[];
  tiles: MapTiles;
  label: string;
  describedBy?: string;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Draws a polygon by clicking its vertices on a Leaflet map, then « Terminer le tracé ». */
export function PolygonEditor({ value, onChange, context, tiles, label, describedBy }: PolygonEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layersRef = useRef<{ context: L.LayerGroup; value: L.LayerGroup; draft: L.LayerGroup } | null>(null);
  const [vertices, setVertices] = useState<L.LatLngTuple[]>([]);
  const fittedRef = useRef(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = createBaseMap(container, tiles);
    map.doubleClickZoom.disable();
    layersRef.current = {
      context: L.layerGroup().addTo(map),
      value: L.layerGroup().addTo(map),
      draft: L.layerGroup().addTo(map),
    };
    map.on('click', (event: L.LeafletMouseEvent) => {
      setVertices((previous) => [...previous, [round(event.latlng.lat), round(event.latlng.lng)]]);
    });
    mapRef.current = map;
    fittedRef.current = false;
    return () => {
      map.remove();
      mapRef.current = null;
      layersRef.current = null;
    };
  }, [tiles]);

  // Reference sectors, and the initial view: the sector itself (with some margin), else the reference sectors, else France.
  useEffect(() => {
    const map = mapRef.current;
    const layers = layersRef.current;
    if (!map || !layers) return;
    layers.context.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const sector of context) {
      const layer = geometryLayer(sector.geometry, {
        color: '#666666',
        weight: 1.5,
        fillColor: '#929292',
        fillOpacity: 0.15,
        interactive: false,
      });
      layer.addTo(layers.context);
      bounds.extend(layer.getBounds());
    }
    if (!fittedRef.current && (context.length > 0 || value)) {
      fittedRef.current = true;
      fitTo(map, value ? geometryLayer(value, {}).getBounds().pad(0.5) : bounds);
    }
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- only the first geometry matters for the initial view
  }, [context, tiles]);

  useEffect(() => {
    const layers = layersRef.current;
    if (!layers) return;
    layers.value.clearLayers();
    if (value)
      geometryLayer(value, {
        color: '#000091',
        weight: 3,
        fillColor: '#6a6af4',
        fillOpacity: 0.25,
        interactive: false,
      }).addTo(layers.value);
  }, [value, tiles]);

  useEffect(() => {
    const layers = layersRef.current;
    if (!layers) return;
    layers.draft.clearLayers();
    if (vertices.length > 1)
      L.polyline(vertices, { color: '#b34000', weight: 2, dashArray: '4 4', interactive: false }).addTo(layers.draft);
    for (const vertex of vertices) {
      L.circleMarker(vertex, {
        radius: 5,
        color: '#b34000',
        fillColor: '#ffffff',
        fillOpacity: 1,
        weight: 2,
        interactive: false,
      }).addTo(layers.draft);
    }
  }, [vertices, tiles]);

  function finish(): void {
    if (vertices.length < 3) return;
    const ring = vertices.map(([lat, lon]) => [lon, lat]);
    onChange({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
    setVertices([]);
  }

  function clear(): void {
    setVertices([]);
    onChange(null);
  }

  const status =
    vertices.length === 0
      ? value
        ? 'Tracé enregistré dans le formulaire. Cliquez sur la carte pour recommencer un tracé.'
        : 'Cliquez sur la carte pour placer les sommets du secteur.'
      : `${vertices.length} sommet${vertices.length > 1 ? 's' : ''} ` +
        `placé${vertices.length > 1 ? 's' : ''}${vertices.length < 3 ? ' (3 au minimum)' : ''}.`;

  return (
    <div className="psq-editor">
      <div
        ref={containerRef}
        className="psq-map psq-map--clickable"
        role="region"
        aria-label={label}
        aria-describedby={describedBy}
      />
      <p className="fr-text--sm fr-mt-1w fr-mb-1w" aria-live="polite">
        {status}
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
        <li>
          <Button
            type="button"
            size="small"
            iconId="fr-icon-check-line"
            disabled={vertices.length < 3}
            onClick={finish}
          >
            Terminer le tracé
          </Button>
        </li>
        <li>
          <Button
            type="button"
            size="small"
            priority="secondary"
            iconId="fr-icon-arrow-go-back-line"
            disabled={vertices.length === 0}
            onClick={() => setVertices((v) => v.slice(0, -1))}
          >
            Retirer le dernier sommet
          </Button>
        </li>
        <li>
          <Button
            type="button"
            size="small"
            priority="secondary"
            iconId="fr-icon-eraser-line"
            disabled={vertices.length === 0 && !value}
            onClick={clear}
          >
            Effacer
          </Button>
        </li>
      </ul>
    </div>
  );
}
