import { Type } from '@sinclair/typebox'
import { validateFlow } from '@veriflow/schema'
import type { AppContext } from '../../common/context.ts'
import type { RouteDef } from '../../common/http/route.ts'

const ValidateBody = Type.Object(
  { flow: Type.Unknown({ description: 'Any JSON value; the answer says what is wrong with it' }) },
  { additionalProperties: false },
)

const ValidationReport = Type.Object({
  data: Type.Object({
    valid: Type.Boolean({ description: 'No issue is an error' }),
    issues: Type.Array(
      Type.Object({
        path: Type.String(),
        code: Type.String(),
        message: Type.String(),
        severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
      }),
    ),
  }),
})

/** `POST /validate`: the same validator as the console and the CLI, for any JSON value. */
export function validationRoutes(_ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/validate',
      access: 'flows:read',
      tag: 'flows',
      summary: 'Validate a flow document (schema and rules); 200 whatever the document holds',
      body: ValidateBody,
      responses: { 200: { description: 'The issues', schema: ValidationReport } },
      handler: (req, res) => {
        res.json({ data: validateFlow((req.body as { flow: unknown }).flow) })
      },
    },
  ]
}
