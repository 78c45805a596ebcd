import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import { runnerBudget } from './build/runner-budget.ts'

const apiTarget = process.env.VERIFLOW_API_URL ?? 'http://localhost:3000'
const outDir = fileURLToPath(new URL('./dist', import.meta.url))

/** In development, runner links open the runner page, as the API does in production. */
const runnerDevRoutes: Plugin = {
  name: 'veriflow-runner-dev-routes',
  apply: 'serve',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.method === 'GET' && /^\/r\/(?!return\/)[^?]+/.test(req.url ?? ''))
        req.url = '/runner.html'
      next()
    })
  },
}

export default defineConfig({
  plugins: [vue(), runnerDevRoutes, runnerBudget({ entryHtml: 'runner.html', outDir })],
  server: {
    port: 5173,
    proxy: { '/api': apiTarget, '/r/return': apiTarget },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      // Two pages: the console, and the end-user runner served at /r/<token>.
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        runner: fileURLToPath(new URL('./runner.html', import.meta.url)),
      },
    },
  },
  test: {
    name: 'console',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'build/**/*.test.ts'],
  },
})
