import * as L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Sector } from '../../shared/territory/territory.schemas.ts';
import { createBaseMap, fitTo, geometryLayer, textContent, type MapTiles } from './leaflet-base.ts';

export interface SectorStyle {
  color: string;
  dashed?: boolean;
}

export interface SectorMapProps {
  sectors: Sector[];
  tiles: MapTiles;
  /** Accessible name of the map. */
  label: string;
  /** Id of an element describing the map (its textual alternative). */
  describedBy?: string;
  styleOf: (sector: Sector) => SectorStyle;
  /** Lines of the tooltip/popup: the first one (the sector name) in bold. */
  describe?: (sector: Sector) => string[];
  /** Clicks anywhere on the map (sectors are then not interactive so that clicks reach the map). */
  onMapClick?: (lat: number, lon: number) => void;
  marker?: { lat: number; lon: number } | null;
  /** The map moves and zooms there each time a new object is given (an address picked from a search). */
  focusOn?: { lat: number; lon: number } | null;
  className?: string;
}

/** Street level: close enough to check the marker's place against the sectors' edges. */
const FOCUS_ZOOM = 16;

/** Sectors drawn with Leaflet (plain L API), fitted to their extent. */
export function SectorMap({
  sectors,
  tiles,
  label,
  describedBy,
  styleOf,
  describe,
  onMapClick,
  marker,
  focusOn,
  className,
}: SectorMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const sectorsLayerRef = useRef<L.LayerGroup | null>(null);
  const markerLayerRef = useRef<L.LayerGroup | null>(null);
  const onMapClickRef = useRef(onMapClick);
  onMapClickRef.current = onMapClick;
  const styleOfRef = useRef(styleOf);
  styleOfRef.current = styleOf;
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const clickable = onMapClick !== undefined;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = createBaseMap(container, tiles);
    sectorsLayerRef.current = L.layerGroup().addTo(map);
    markerLayerRef.current = L.layerGroup().addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => onMapClickRef.current?.(event.latlng.lat, event.latlng.lng));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      sectorsLayerRef.current = null;
      markerLayerRef.current = null;
    };
  }, [tiles]);

  useEffect(() => {
    const map = mapRef.current;
    const group = sectorsLayerRef.current;
    if (!map || !group) return;
    group.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const sector of sectors) {
      const style = styleOfRef.current(sector);
      const layer = geometryLayer(sector.geometry, {
        color: style.color,
        weight: 2,
        opacity: 0.9,
        fillColor: style.color,
        fillOpacity: 0.12,
        dashArray: style.dashed ? '6 4' : undefined,
        interactive: !clickable,
      });
      if (!clickable) {
        const lines = describeRef.current?.(sector) ?? [sector.name];
        layer.bindTooltip(textContent(...lines), { sticky: true });
        layer.bindPopup(textContent(...lines));
      }
      layer.addTo(group);
      bounds.extend(layer.getBounds());
    }
    fitTo(map, sectors.length > 0 ? bounds : null);
  }, [sectors, clickable, tiles]);

  useEffect(() => {
    const group = markerLayerRef.current;
    if (!group) return;
    group.clearLayers();
    if (marker) {
      L.circleMarker([marker.lat, marker.lon], {
        radius: 8,
        color: '#161616',
        weight: 3,
        fillColor: '#ffffff',
        fillOpacity: 1,
        interactive: false,
      }).addTo(group);
    }
  }, [marker, tiles]);

  useEffect(() => {
    if (focusOn) mapRef.current?.setView([focusOn.lat, focusOn.lon], Math.max(mapRef.current.getZoom(), FOCUS_ZOOM));
  }, [focusOn]);

  return (
    <div
      ref={containerRef}
      className={`psq-map${clickable ? ' psq-map--clickable' : ''}${className ? ` ${className}` : ''}`}
      role="region"
      aria-label={label}
      aria-describedby={describedBy}
    />
  );
}
