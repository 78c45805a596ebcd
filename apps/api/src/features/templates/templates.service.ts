import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** A ready-made flow document from `examples/flows/`. */
export interface FlowTemplate {
  /** The file name without `.json`. */
  id: string
  name: string
  description: string
  stepCount: number
  document: Record<string, unknown>
}

export type FlowTemplateSummary = Omit<FlowTemplate, 'document'>

/** `examples/flows/` of the repository, found from this file rather than the working directory. */
export const TEMPLATES_DIR = fileURLToPath(
  new URL('../../../../../examples/flows/', import.meta.url),
)

function readTemplate(dir: string, file: string): FlowTemplate {
  const parsed = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Record<string, unknown>
  // `$schema` is a path relative to the example file; it means nothing inside a stored draft.
  const { $schema: _schema, ...document } = parsed
  return {
    id: file.slice(0, -'.json'.length),
    name: typeof document.name === 'string' ? document.name : file,
    description: typeof document.description === 'string' ? document.description : '',
    stepCount: Array.isArray(document.steps) ? document.steps.length : 0,
    document,
  }
}

/** The example flows offered as starting points; read once, they ship with the code. */
export class TemplatesService {
  private templates: Map<string, FlowTemplate> | undefined

  constructor(private readonly dir: string = TEMPLATES_DIR) {}

  private all(): Map<string, FlowTemplate> {
    this.templates ??= new Map(
      readdirSync(this.dir)
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => readTemplate(this.dir, file))
        .map((template) => [template.id, template]),
    )
    return this.templates
  }

  list(): FlowTemplateSummary[] {
    return [...this.all().values()].map(({ document: _document, ...summary }) => summary)
  }

  /** The template, with a copy of its document the caller may change; undefined when unknown. */
  find(id: string): FlowTemplate | undefined {
    const template = this.all().get(id)
    return template && { ...template, document: structuredClone(template.document) }
  }
}
