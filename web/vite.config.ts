import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The five pages are plain HTML entries; Preact + htm need no JSX transform or plugin. */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        form: resolve(import.meta.dirname, 'index.html'),
        track: resolve(import.meta.dirname, 'track.html'),
        staff: resolve(import.meta.dirname, 'staff.html'),
        dashboard: resolve(import.meta.dirname, 'dashboard.html'),
        privacy: resolve(import.meta.dirname, 'privacy.html'),
      },
    },
  },
});
