import { DesignerApi } from '../fixtures/designer-api.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { DesignerPage } from '../pages/DesignerPage.ts'

test.describe('designer: questionnaires and validation', () => {
  test('a condition survives a key rename; deleting its question asks first; undo/redo', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({ name: `Questionnaire ${uid()}` })
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await designer.paletteItem('user-questionnaire').click()
    await expect(designer.inspector.getByTestId('inspector-type')).toHaveText('User questionnaire')

    // employment: single choice with two options.
    await designer.inspector.getByTestId('question-add-options').click()
    let editor = await designer.openQuestion('question_1')
    await editor.getByTestId('question-key-input').fill('employment')
    await editor.getByTestId('question-title-en').fill('Employment')
    await editor.getByTestId('question-mandatory').check()
    await editor.getByTestId('option-key-input').fill('employed')
    await editor.getByTestId('option-title-en').fill('Employed')
    await editor.getByTestId('option-add').click()
    await editor.getByTestId('option-key-input').nth(1).fill('other')
    await editor.getByTestId('preset-answer-option-other').check()

    // employer: text, shown when employment = employed.
    await designer.inspector.getByTestId('question-add-string').click()
    editor = await designer.openQuestion('question_2')
    await editor.getByTestId('question-key-input').fill('employer')
    await editor.getByTestId('condition-add').click()
    const clause = editor.getByTestId('condition-clause')
    await expect(clause.getByTestId('clause-question').locator('option')).toHaveText([
      'employment — Employment',
    ])
    await clause.getByTestId('clause-value').selectOption({ label: 'Employed' })
    await expect(editor.getByTestId('condition-sentence')).toHaveText(
      'Shown when Employment = Employed.',
    )
    await expect(designer.issueItems).toHaveCount(0)
    await saveScreenshot(page, 'designer-questionnaire', { fullPage: false })

    // Rename the referenced key: the condition still points at it.
    editor = await designer.openQuestion('employment')
    await editor.getByTestId('question-key-input').fill('work_status')
    editor = await designer.openQuestion('employer')
    await expect(editor.getByTestId('clause-question').locator('option:checked')).toHaveText(
      'work_status — Employment',
    )
    await expect(editor.getByTestId('condition-sentence')).toHaveText(
      'Shown when Employment = Employed.',
    )
    await designer.tab('export')
    const payload = page.getByTestId('export-payload')
    await expect(payload).toContainText('"questionKey": "work_status"')
    await expect(payload).toContainText('"answer": "employed"')
    await designer.tab('design')

    // Delete the referenced question: the prompt lists the dependent question.
    await designer.question('work_status').getByTestId('question-delete').click()
    const prompt = page.getByTestId('delete-dependents')
    await expect(prompt).toBeVisible()
    await expect(prompt.getByTestId('delete-dependents-list')).toContainText('employer')
    await expect(prompt.getByTestId('delete-dependents-list')).toContainText(
      'Employment = Employed',
    )
    await prompt.getByTestId('delete-dependents-cancel').click()
    await expect(designer.questions).toHaveCount(2)
    await designer.question('work_status').getByTestId('question-delete').click()
    await prompt.getByTestId('delete-dependents-accept').click()
    await expect(designer.questions).toHaveCount(1)
    editor = await designer.openQuestion('employer')
    await expect(editor.getByTestId('condition-sentence')).toHaveCount(0)

    // Undo the delete (question and condition come back), then the rename; redo both.
    await designer.undo()
    await expect(designer.questions).toHaveCount(2)
    editor = await designer.openQuestion('employer')
    await expect(editor.getByTestId('condition-sentence')).toHaveText(
      'Shown when Employment = Employed.',
    )
    await designer.undo()
    await expect(designer.question('employment')).toBeVisible()
    await page.getByTestId('redo').click()
    await expect(designer.question('work_status')).toBeVisible()
    await designer.redo()
    await expect(designer.questions).toHaveCount(1)
    await designer.expectSaveStatus('saved')
    const saved = await api.getFlow(flow.id)
    await api.dispose()
    const step = (
      saved.draft.steps as Array<{ questions: Array<{ key: string; showWhen?: unknown }> }>
    )[0]!
    expect(step.questions.map((q) => q.key)).toEqual(['employer'])
    expect(step.questions[0]!.showWhen).toBeUndefined()
  })

  test('make an error, find it in the issues panel, click it, fix it', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({ template: 'marketplace-seller', name: `Errors ${uid()}` })
    await api.dispose()
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await expect(page.getByTestId('issues-empty')).toBeVisible()

    await designer.selectStep('liveness')
    await designer.inspector.getByTestId('step-key-input').fill('identity-document')
    const issue = designer.issue('STEP_KEY_DUPLICATE')
    await expect(issue).toBeVisible()
    await expect(page.getByTestId('issues-error-count')).toHaveText('1 error')
    await expect(
      designer.card('identity-document').nth(1).getByTestId('step-card-errors'),
    ).toBeVisible()
    await expect(designer.inspector.getByTestId('field-issues')).toBeVisible()

    // Somewhere else first, then the issue brings us back to the field.
    await designer.selectStep('require_email')
    await designer.tab('settings')
    await issue.click()
    await expect(page.getByTestId('tab-design')).toHaveAttribute('aria-selected', 'true')
    const key = designer.inspector.getByTestId('step-key-input')
    await expect(key).toBeFocused()
    await expect(key).toHaveValue('identity-document')
    await key.fill('selfie')
    await expect(page.getByTestId('issues-empty')).toBeVisible()
    await expect(designer.card('selfie').getByTestId('step-card-errors')).toHaveCount(0)

    // An error inside a question: the click opens that question and focuses the field.
    await designer.selectStep('source_of_funds')
    const editor = await designer.openQuestion('company_name')
    await editor.getByTestId('question-key-input').fill('business_type')
    await designer.selectStep('selfie')
    await designer.issue('QUESTION_KEY_DUPLICATE').first().click()
    const focused = page.locator('[data-testid="question-key-input"]:focus')
    await expect(focused).toHaveValue('business_type')
    await focused.fill('company_name')
    await expect(page.getByTestId('issues-empty')).toBeVisible()
  })
})
