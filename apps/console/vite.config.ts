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
        // The framework and the component library change rarely: their own chunks, cached across releases.
        manualChunks: (id) => (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-') ? 'antd' : id.includes('node_modules/react') ? 'react' : undefined),
      },
    },
  },
  server: {
    proxy: { '^/(?!console)': 'http://localhost:3000' },
    // The forms check quantities by the domain's own patterns (src/shared/quantities.ts imports them from libs/domain).
    fs: { allow: [import.meta.dirname, resolve(import.meta.dirname, '../../libs/domain/src')] },
  },
});
