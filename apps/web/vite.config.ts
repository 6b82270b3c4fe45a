/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';

/**
 * The web app, built into dist/web (the API serves it at /). The shared rules are imported as
 * `@app/rules` (libs/rules: pure TypeScript, no Node import), as the API imports them.
 */
export default defineConfig({
  root,
  publicDir: 'public',
  // the libraries the browser shares with the API, by the API's path aliases (tsconfig.json)
  resolve: {
    alias: [
      { find: /^@app\/rules/, replacement: fileURLToPath(new URL('../../libs/rules/src', import.meta.url)) },
      {
        find: /^@app\/pdf\/labels$/,
        replacement: fileURLToPath(new URL('../../libs/pdf/src/labels', import.meta.url)),
      },
    ],
  },
  // React's automatic JSX runtime through Vite's own transform (no Babel plugin needed)
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // the DSFR's own files are copied as they are; hashed names for ours
    assetsDir: 'assets',
    sourcemap: false,
    // the entry chunk (~580 KB raw, ~130 KB gzip: React, the router, urql, the DSFR components and every
    // generated document) and one chunk per page (router.tsx, lazy-page.tsx): npm run bench:web measures it
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // react-dsfr's "use client" markers mean nothing in a single-page app
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    // same origin in development too: the session cookie and CSRF prevention work as in production
    proxy: {
      '/graphql': { target: api, changeOrigin: false },
      '/exports': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
  },
});
