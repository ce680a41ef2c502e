// Next 16 proxy (formerly middleware). Three jobs, none of them the real permission check (that runs
// on the server, at the data, through lib/auth/session.ts):
// 1. a Content-Security-Policy with a fresh nonce on every response (lib/security/headers.ts);
// 2. redirects anonymous page requests to /login and answers anonymous API requests with 401 — a
//    session past its absolute lifetime, or revoked, counts as anonymous;
// 3. renews the session cookie on activity, so its expiry works as the idle timeout.
import { NextResponse, type NextRequest } from 'next/server';
import { encode, getToken, type JWT } from 'next-auth/jwt';
import { isHttpsDeployment, isPastAbsoluteLifetime, sessionCookieName, sessionCookieOptions, sessionIdleSeconds } from './lib/auth/session-cookie';
import { contentSecurityPolicy, createNonce } from './lib/security/headers';
import { authSecret } from './lib/env';

// Sign-in, next-auth's own endpoints and the alert e-mails' unsubscribe link (its signed token is
// the authority) need no session (they still get the CSP).
// The feed and unsubscribe links carry a signed token instead of a cookie (lib/security/signed-token.ts);
// their route handlers check it themselves.
const PUBLIC_PATH = /^\/(?:login(?:\/|$)|api\/auth\/|feeds\/|alerts\/unsubscribe$)/;
// Renew at most once a minute: each renewal is a new encrypted cookie.
const RENEW_AFTER_SECONDS = 60;

function hasBearerToken(req: NextRequest): boolean {
  return /^Bearer\s+\S+/i.test(req.headers.get('authorization') ?? '');
}

async function readSession(req: NextRequest, secret: string | undefined): Promise<JWT | null> {
  if (!secret) return null;
  const token = await getToken({ req, secret, cookieName: sessionCookieName(), secureCookie: isHttpsDeployment() });
  return token && !token.revoked && !isPastAbsoluteLifetime(token) ? token : null;
}

export async function proxy(req: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https: isHttpsDeployment() });
  const { pathname, search } = req.nextUrl;
  const secret = authSecret();
  // NOTE: an API call with a bearer token is authenticated by the route wrapper (hashed token lookup;
  // the header wins over a cookie there), so the session is not read for it. Without a cookie,
  // next-auth's getToken would try to decrypt the API token itself as a session JWT: a key derivation
  // on every API call for nothing (1.6% of the app's CPU under load, npm run bench concurrency).
  const token = pathname.startsWith('/api/') && hasBearerToken(req) ? null : await readSession(req, secret);

  if (!token && !PUBLIC_PATH.test(pathname)) {
    let res: NextResponse;
    if (pathname.startsWith('/api/')) {
      // API tokens are verified by the route wrapper (hashed lookup), not here.
      if (!hasBearerToken(req)) res = NextResponse.json({ error: { code: 'UNAUTHORIZED', message: 'Sign in or send an API token.' } }, { status: 401 });
      else res = NextResponse.next();
    } else {
      const url = new URL('/login', req.nextUrl.origin);
      url.searchParams.set('callbackUrl', `${pathname}${search}`);
      res = NextResponse.redirect(url);
    }
    res.headers.set('Content-Security-Policy', csp);
    return res;
  }

  // NOTE: Next reads the nonce from the request's CSP header and puts it on its own <script> tags.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);

  // Sliding idle expiry. Only on reads: a server action may set the cookie itself (password change),
  // and two Set-Cookie headers for one name would race.
  const issuedAt = typeof token?.iat === 'number' ? token.iat : 0;
  if (token && secret && (req.method === 'GET' || req.method === 'HEAD') && !PUBLIC_PATH.test(pathname) && Date.now() / 1000 - issuedAt > RENEW_AFTER_SECONDS) {
    res.cookies.set(sessionCookieName(), await encode({ token, secret, maxAge: sessionIdleSeconds() }), sessionCookieOptions());
  }
  return res;
}

export const config = {
  // Everything but static assets (which carry no data and get the static headers of next.config.js:
  // public/favicon.ico and robots.txt, app/icon.svg — asked for by every page and by crawlers before
  // any sign-in) and the import upload: the proxy buffers request bodies in memory (cut at 10 MB);
  // that route checks the session itself.
  matcher: ['/((?!api/admin/imports/uploads$|_next/static/|_next/image|favicon\.ico$|icon\.svg$|robots\.txt$).*)'],
};
