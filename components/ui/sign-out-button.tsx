'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button type="button" className="btn btn-quiet small" style={{ marginTop: '.5rem' }} onClick={() => signOut({ callbackUrl: '/login' })}>
      Sign out
    </button>
  );
}
