// Where to go after sign-in: only a path on this site, never another origin (open redirects).
export function safeCallbackUrl(raw: string | undefined | null): string {
  if (!raw) return '/';
  try {
    // next-auth passes absolute URLs of this site; keep only path, query and hash.
    const url = new URL(raw, 'http://local.invalid');
    if (url.origin !== 'http://local.invalid' && !/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(raw)) return '/';
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/login') ? path : '/';
  } catch {
    return '/';
  }
}
