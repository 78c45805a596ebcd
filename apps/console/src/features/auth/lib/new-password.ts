/** The API's rule for new passwords (apps/api passwords.ts); the API checks it again. */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

export const PASSWORD_HELP = `At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember.`

/** Problems with a new password and its confirmation, as messages for the two fields. */
export function newPasswordProblems(
  password: string,
  confirmation: string,
): { password?: string; confirmation?: string } {
  if (password.length < PASSWORD_MIN_LENGTH)
    return { password: `Use at least ${PASSWORD_MIN_LENGTH} characters.` }
  if (password.length > PASSWORD_MAX_LENGTH)
    return { password: `Use at most ${PASSWORD_MAX_LENGTH} characters.` }
  if (password !== confirmation) return { confirmation: 'The two passwords differ.' }
  return {}
}
