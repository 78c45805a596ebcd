import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** The runner page's own JavaScript may weigh at most this much, gzipped (issue 6). */
export const RUNNER_JS_BUDGET_GZIP = 120 * 1024

/** One emitted file as the budget sees it. */
export interface EmittedFile {
  code: string
  /** Files this one imports statically (they load with the page). */
  imports: readonly string[]
  /** Files it may load later (language catalogues, the QR code library). */
  dynamicImports: readonly string[]
  css: readonly string[]
}

export interface RunnerFootprint {
  /** JavaScript loaded with the page: the entry and everything it imports statically. */
  jsFiles: string[]
  jsGzip: number
  cssGzip: number
  /** JavaScript loaded on demand, not counted against the budget. */
  lazyGzip: number
  budget: number
}

const gzip = (text: string) => gzipSync(text, { level: 9 }).length

/** The gzipped weight of the page entry `entry` and its static imports (and of what loads later). */
export function runnerFootprint(
  files: ReadonlyMap<string, EmittedFile>,
  entry: string,
  cssText: (file: string) => string,
): RunnerFootprint {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const next of files.get(file)?.imports ?? []) visit(next)
  }
  visit(entry)
  const lazy = new Set<string>()
  for (const file of seen)
    for (const next of files.get(file)?.dynamicImports ?? []) if (!seen.has(next)) lazy.add(next)
  const css = new Set([...seen].flatMap((file) => [...(files.get(file)?.css ?? [])]))
  const sum = (names: Iterable<string>) =>
    [...names].reduce((n, f) => n + gzip(files.get(f)?.code ?? ''), 0)
  return {
    jsFiles: [...seen],
    jsGzip: sum(seen),
    cssGzip: [...css].reduce((n, f) => n + gzip(cssText(f)), 0),
    lazyGzip: sum(lazy),
    budget: RUNNER_JS_BUDGET_GZIP,
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** One line for people and CI: "runner page: 61.2 KB JS gzip (budget 120 KB) …". */
export function describeFootprint(f: RunnerFootprint): string {
  return `runner page: ${kb(f.jsGzip)} JS gzip (budget ${kb(f.budget)}), ${kb(f.cssGzip)} CSS gzip, ${kb(f.lazyGzip)} JS on demand (${f.jsFiles.length} files at load)`
}

/**
 * Prints the runner page's weight after every build, writes it to dist/.vite/runner-budget.json
 * (read by `pnpm bench`), and fails the build when its JavaScript outgrows the budget.
 */
export function runnerBudget(options: { entryHtml: string; outDir: string }): Plugin {
  return {
    name: 'veriflow-runner-budget',
    apply: 'build',
    generateBundle(_output, bundle) {
      const files = new Map<string, EmittedFile>()
      const styles = new Map<string, string>()
      let entry: string | undefined
      for (const [name, item] of Object.entries(bundle)) {
        if (item.type === 'asset') {
          if (name.endsWith('.css')) styles.set(name, String(item.source))
          continue
        }
        const meta = (item as { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata
        files.set(name, {
          code: item.code,
          imports: item.imports,
          dynamicImports: item.dynamicImports,
          css: [...(meta?.importedCss ?? [])],
        })
        if (item.isEntry && item.facadeModuleId?.endsWith(options.entryHtml)) entry = name
      }
      if (!entry) return this.warn(`runner budget: no entry chunk for ${options.entryHtml}`)
      const footprint = runnerFootprint(files, entry, (file) => styles.get(file) ?? '')
      const line = describeFootprint(footprint)
      console.log(`\n${line}`)
      mkdirSync(join(options.outDir, '.vite'), { recursive: true })
      writeFileSync(
        join(options.outDir, '.vite', 'runner-budget.json'),
        JSON.stringify(footprint, null, 2),
      )
      if (footprint.jsGzip > footprint.budget)
        this.error(`${line}: over budget by ${kb(footprint.jsGzip - footprint.budget)}`)
    },
  }
}
