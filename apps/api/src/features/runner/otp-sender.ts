import type { Logger } from 'pino'

/** One code to deliver. */
export interface OtpMessage {
  sessionId: string
  stepId: string
  channel: 'sms' | 'email'
  destination: string
  code: string
  expiresAt: Date
}

/**
 * Delivers one-time codes. The runner ships the sandbox sender; an SMS or email gateway plugs in
 * here without the runner changing.
 */
export interface OtpSender {
  /** Whether the code may be written to the session's timeline (sandbox sessions only). */
  readonly revealsCode: boolean
  send(message: OtpMessage): Promise<void>
}

/**
 * The sandbox sender: nothing leaves the server. The code is logged at info level and (since
 * `revealsCode`) recorded on the session's timeline, so the console can show it to the tester.
 */
export class SandboxOtpSender implements OtpSender {
  readonly revealsCode = true

  constructor(private readonly logger: Logger) {}

  async send(message: OtpMessage): Promise<void> {
    this.logger.info(
      {
        sessionId: message.sessionId,
        stepId: message.stepId,
        channel: message.channel,
        destination: message.destination,
        code: message.code,
      },
      'sandbox one-time code (not sent anywhere)',
    )
  }
}
