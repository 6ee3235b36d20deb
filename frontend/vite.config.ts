import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs separately; in production the backend serves
// frontend/dist itself on the same port, with an SPA fallback to index.html.
const apiOrigin = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const proxiedToApi = ['/api', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist' },
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(proxiedToApi.map((path) => [path, apiOrigin])),
  },
});
