import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Built into the repository's dist/console, which the API serves under /console (console-notes.md).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // React changes rarely: its own chunk, cached across releases. Ant Design is left to the bundler so each page
        // loads the components it uses: one antd chunk made the sign-in page fetch every page's components
        // (first visit 450 kB gzip with it, 337 kB without; `npm run bench -- console` prints it).
        manualChunks: (id) => (/node_modules\/(react|react-dom|scheduler)\//.test(id) ? 'react' : undefined),
      },
    },
  },
  server: {
    proxy: { '^/(?!console)': 'http://localhost:3000' },
    // The forms check quantities by the domain's own patterns (src/shared/quantities.ts imports them from libs/domain).
    fs: { allow: [import.meta.dirname, resolve(import.meta.dirname, '../../libs/domain/src')] },
  },
});
