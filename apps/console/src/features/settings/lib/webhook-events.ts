/**
 * The events a webhook can subscribe to (the API's WEBHOOK_EVENT_TYPES; it refuses any other),
 * with what each means for the receiver.
 */
export const WEBHOOK_EVENTS = [
  {
    type: 'session.completed',
    description: 'A verification session finished at the provider or in the sandbox runner.',
  },
  {
    type: 'session.decided',
    description: 'A reviewer approved, rejected or asked for a resubmission (after four-eyes).',
  },
] as const

/** What a webhook's row asks its panel to do (the panel confirms the risky ones). */
export type WebhookAction = 'test' | 'activate' | 'deactivate' | 'rotate' | 'delete'
