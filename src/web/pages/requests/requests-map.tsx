import * as L from 'leaflet';
import { useEffect, useRef } from 'react';
import {
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestSummary,
} from '../../../shared/requests/requests.schemas.ts';
import { navigate } from '../../app/router.tsx';
import { createBaseMap, fitTo, type MapTiles } from '../../maps/leaflet-base.ts';

const OVERDUE = '#c9191e';
const OPEN = '#000091';
const CLOSED = '#666666';

/** A popup of plain text nodes (requests are residents' words, never HTML) with a link to the request. */
function popupOf(item: RequestSummary): HTMLElement {
  const element = document.createElement('div');
  const link = document.createElement('a');
  link.href = `/demandes/${item.id}`;
  link.textContent = item.reference;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(`/demandes/${item.id}`);
  });
  const strong = document.createElement('strong');
  strong.appendChild(link);
  element.appendChild(strong);
  for (const line of [
    `${REQUEST_CATEGORY_LABELS[item.category]} — ` +
      `${REQUEST_STATUS_LABELS[item.status]}${item.overdue ? ' — en retard' : ''}`,
    item.placeLabel ?? '',
    item.excerpt,
  ]) {
    if (!line) continue;
    element.appendChild(document.createElement('br'));
    element.appendChild(document.createTextNode(line));
  }
  return element;
}

/**
 * The inbox on a map: one circle per request that has a point (red when overdue, grey when
 * closed), fitted to them; without tiles the markers stand on a plain background. The list view
 * is the textual alternative, and the caption says how many requests have no point.
 */
export function RequestsMap({
  items,
  tiles,
  truncated,
}: {
  items: RequestSummary[];
  tiles: MapTiles;
  truncated: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const placed = items.filter((item) => item.point);

  useEffect(() => {
    if (!containerRef.current) return;
    const map = createBaseMap(containerRef.current, tiles);
    layerRef.current = L.layerGroup().addTo(map);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, [tiles]);

  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer) return;
    layer.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const item of items) {
      if (!item.point) continue;
      const color = item.overdue ? OVERDUE : item.status === 'closed' ? CLOSED : OPEN;
      const marker = L.circleMarker([item.point.lat, item.point.lon], {
        radius: 8,
        color,
        weight: 2,
        fillColor: color,
        fillOpacity: 0.6,
      });
      marker.bindTooltip(
        `${item.reference} — ${REQUEST_CATEGORY_LABELS[item.category]}${item.overdue ? ' (en retard)' : ''}`,
      );
      marker.bindPopup(popupOf(item));
      marker.addTo(layer);
      bounds.extend([item.point.lat, item.point.lon]);
    }
    fitTo(map, bounds.isValid() ? bounds : null);
  }, [items]);

  const missing = items.length - placed.length;
  return (
    <figure className="fr-my-2w" role="group" aria-labelledby="carte-demandes-legende">
      <div
        ref={containerRef}
        className="psq-map psq-requests-map"
        role="region"
        aria-label="Carte des demandes"
        data-testid="carte-demandes"
      />
      <figcaption id="carte-demandes-legende" className="fr-text--sm fr-mt-1w">
        {placed.length} demande{placed.length > 1 ? 's' : ''} sur la carte (rouge : en retard, bleu : ouverte, gris :
        close)
        {truncated ? `, les ${items.length} plus récentes : précisez les filtres pour voir les autres` : ''}
        {missing > 0 ? ` ; ${missing} sans point, visible${missing > 1 ? 's' : ''} dans la liste` : ''}.
      </figcaption>
    </figure>
  );
}
