import * as L from 'leaflet';
import type { Feature } from 'geojson';
import type { Meta } from '../../shared/platform/platform.schemas.ts';
import type { SectorGeometry } from '../../shared/territory/territory.schemas.ts';

export type MapTiles = Meta['mapTiles'];

/** Metropolitan France, shown when there is nothing to fit the view on. */
export const FRANCE_CENTER: L.LatLngTuple = [46.6, 2.4];
export const FRANCE_ZOOM = 6;

/**
 * A Leaflet map with French controls, the SVG renderer (works without WebGL nor canvas quirks)
 * and tiles only when the server configures them: with `mapTiles: null` sectors are drawn on
 * a plain background and nothing is loaded from the internet.
 */
export function createBaseMap(container: HTMLElement, tiles: MapTiles): L.Map {
  const map = L.map(container, {
    center: FRANCE_CENTER,
    zoom: FRANCE_ZOOM,
    preferCanvas: false,
    renderer: L.svg({ padding: 0.5 }),
    zoomControl: false,
    attributionControl: true,
    zoomSnap: 0.25,
  });
  L.control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer', position: 'topleft' }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" hreflang="en">Leaflet</a>');
  if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
  container.classList.toggle('psq-map--no-tiles', !tiles);
  // French names for the zoom buttons' accessible names (Leaflet sets English aria-labels).
  for (const [selector, label] of [
    ['.leaflet-control-zoom-in', 'Zoomer'],
    ['.leaflet-control-zoom-out', 'Dézoomer'],
  ] as const) {
    container.querySelector(selector)?.setAttribute('aria-label', label);
  }
  return map;
}

/** A text-only element for tooltips and popups: sector names are data, never HTML. */
export function textContent(...lines: string[]): HTMLElement {
  const element = document.createElement('div');
  lines.forEach((line, index) => {
    if (index > 0) element.appendChild(document.createElement('br'));
    const span = document.createElement(index === 0 ? 'strong' : 'span');
    span.textContent = line;
    element.appendChild(span);
  });
  return element;
}

export function geometryLayer(geometry: SectorGeometry, style: L.PathOptions): L.GeoJSON {
  return L.geoJSON({ type: 'Feature', properties: {}, geometry } as Feature, { style: () => style });
}

/**
 * Fits the view on `bounds` if valid, else on France. Not animated: a map removed during a zoom
 * animation (the visitor leaves the page at once) would make Leaflet throw on its next frame.
 */
export function fitTo(map: L.Map, bounds: L.LatLngBounds | null): void {
  if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16, animate: false });
  else map.setView(FRANCE_CENTER, FRANCE_ZOOM, { animate: false });
}

/** Colours for districts: DSFR illustrative colours with enough contrast on a light background. */
const PALETTE = [
  '#000091',
  '#c9191e',
  '#18753c',
  '#b34000',
  '#6e445a',
  '#006a6f',
  '#7f3e3b',
  '#3558a2',
  '#66673d',
  '#a94645',
  '#465f9d',
  '#716043',
];

export function paletteColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}
