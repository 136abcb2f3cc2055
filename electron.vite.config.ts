// Builds the three Electron bundles from the customer's top-level folders (not electron-vite's default src/).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The sandbox runs in its own process (Electron's utilityProcess): a second entry, out/main/sandbox-child.js.
      rollupOptions: { input: { index: resolve(__dirname, 'main/index.ts'), 'sandbox-child': resolve(__dirname, 'main/sandbox/process/child.ts') }, external: ['keytar'] },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only electron: bundle its dependencies (zod, for the IPC table) into it.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
