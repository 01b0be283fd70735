import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console imports no workspace lib (it talks to accounts over HTTP only),
// so it needs no tsconfig-path plugin. `npm run console:dev` proxies /api to a
// running accounts for hot reloading.
export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/console',
  server: {
    port: 4200,
    host: '127.0.0.1',
    proxy: { '/api': process.env['ACCOUNTS_URL'] ?? 'http://127.0.0.1:3000' },
  },
  preview: { port: 4300, host: '127.0.0.1' },
  plugins: [react()],
  build: {
    outDir: '../../dist/apps/console',
    emptyOutDir: true,
    reportCompressedSize: false,
    // ECharts (with zrender) is about half the bundle; its own chunk stays cached across console releases.
    rolldownOptions: { output: { manualChunks: (id: string) => (/node_modules\/(echarts|zrender)\//.test(id) ? 'charts' : undefined) } },
    chunkSizeWarningLimit: 600,
  },
}));
