import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = process.env.PSQ_API_URL ?? 'http://localhost:3000';
const proxied = Object.fromEntries(
  ['/api', '/health', '/ready', '/metrics'].map((prefix) => [prefix, { target: apiTarget, changeOrigin: false }]),
);

/** The web client: a React SPA built into dist/web, served by the Fastify server at `/`. */
export default defineConfig({
  root: path.join(repoRoot, 'src/web'),
  // Copied as is to dist/web: the push service worker (public/sw.js) must live at the site root.
  publicDir: path.join(repoRoot, 'public'),
  plugins: [react()],
  build: {
    outDir: path.join(repoRoot, 'dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    // Icons and fonts are served as files from 'self': nothing inlined as data: URIs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: proxied,
    fs: { allow: [repoRoot] },
  },
  preview: { proxy: proxied },
});
