import { isCountryCode } from '../countries.ts'
import { asRecord, stepPath, type Rule, type RuleContext } from './context.ts'

function checkList(ctx: RuleContext, list: unknown, path: string): void {
  if (!Array.isArray(list)) return
  for (let k = 0; k < list.length; k++) {
    const code = list[k]
    // Codes that are not three capitals are already schema errors.
    if (typeof code === 'string' && /^[A-Z]{3}$/.test(code) && !isCountryCode(code))
      ctx.report(
        `${path}/${k}`,
        'COUNTRY_CODE_UNKNOWN',
        `"${code}" is not an ISO 3166-1 alpha-3 country code`,
      )
  }
}

/** `document_countries` hold real ISO 3166-1 alpha-3 codes. */
export const countryCodes: Rule = (ctx) => {
  for (let i = 0; i < ctx.steps.length; i++) {
    const list = asRecord(ctx.step(i)?.flags).document_countries
    if (list !== undefined) checkList(ctx, list, stepPath(i) + '/flags/document_countries')
  }
  const legacy = asRecord(asRecord(asRecord(ctx.doc.targets).identomat).legacyFlags)
  checkList(ctx, legacy.document_countries, '/targets/identomat/legacyFlags/document_countries')
}
