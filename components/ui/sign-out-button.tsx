'use client';

import { useSyncExternalStore } from 'react';
import { signOut } from 'next-auth/react';

const noSubscription = () => () => {};

export function SignOutButton() {
  // Disabled until hydrated: a click before React attaches onClick would otherwise do nothing and
  // leave the person signed in while they believe they signed out (seen in CI on a slow machine).
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <button type="button" className="btn btn-quiet small" style={{ marginTop: '.5rem' }} disabled={!hydrated} onClick={() => signOut({ callbackUrl: '/login' })}>
      Sign out
    </button>
  );
}
