// DSFR styles, fonts and icons come from the @codegouvfr/react-dsfr package (bundled by Vite, no CDN).
import '@codegouvfr/react-dsfr/dsfr/dsfr.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons-system/icons-system.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons-design/icons-design.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons-map/icons-map.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons-user/icons-user.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons-document/icons-document.main.min.css';
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons-arrows/icons-arrows.main.min.css';
import 'leaflet/dist/leaflet.css';
import './styles/app.css';
import faviconUrl from '@codegouvfr/react-dsfr/favicon/favicon.svg';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppLink } from './app/router.tsx';
import { App } from './app/app.tsx';

startReactDsfr({ defaultColorScheme: 'system', Link: AppLink });

const icon = document.createElement('link');
icon.rel = 'icon';
icon.type = 'image/svg+xml';
icon.href = faviconUrl;
document.head.appendChild(icon);

const container = document.getElementById('racine');
if (!container) throw new Error('Élément #racine introuvable dans index.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
