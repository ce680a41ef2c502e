// Next 16 proxy (formerly middleware): only redirects. Anonymous page requests go to /login,
// anonymous API requests get 401 JSON. The real permission checks run on the server, at the data.
import { withAuth, type NextRequestWithAuth } from 'next-auth/middleware';
import { NextResponse } from 'next/server';

function hasBearerToken(req: NextRequestWithAuth): boolean {
  return /^Bearer\s+\S+/i.test(req.headers.get('authorization') ?? '');
}

export default withAuth(
  function proxy(req: NextRequestWithAuth) {
    const isApi = req.nextUrl.pathname.startsWith('/api/');
    // API tokens are verified by the route wrapper (hashed lookup), not here.
    if (isApi && !req.nextauth.token && !hasBearerToken(req)) {
      return NextResponse.json({ error: { code: 'UNAUTHORIZED', message: 'Sign in or send an API token.' } }, { status: 401 });
    }
    return NextResponse.next();
  },
  {
    pages: { signIn: '/login' },
    callbacks: {
      // Pages need a session (else redirect to /login); APIs are answered by the function above.
      authorized: ({ req, token }) => !!token || req.nextUrl.pathname.startsWith('/api/'),
    },
  },
);

export const config = {
  // Everything but sign-in, next-auth's own endpoints and static assets.
  matcher: ['/((?!login(?:/|$)|api/auth/|_next/static/|_next/image|favicon\\.ico$|robots\\.txt$).*)'],
};
