// The codes authorize() throws (next-auth passes them to the form as `error`) and what the form says.
// One message for every wrong-credentials case, so the answer never tells which emails exist.
export const LOGIN_ERROR = { invalid: 'CredentialsSignin', locked: 'AccountLocked', throttled: 'TooManyAttempts' } as const;

export function loginErrorMessage(code: string | null | undefined, lockoutMinutes: number): string {
  if (code === LOGIN_ERROR.locked) return `Too many failed sign-ins: this account is locked for up to ${lockoutMinutes} minutes. Try again later, or ask an administrator to unlock it.`;
  if (code === LOGIN_ERROR.throttled) return 'Too many failed sign-ins from your network: sign-in is paused for a few minutes. Try again later.';
  return 'Email or password is wrong, or the account is disabled.';
}
