import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Sanctions Tracker', template: '%s · Sanctions Tracker' },
  description: 'Designations against weapons programs, charted against diplomatic milestones.',
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // NOTE: every page renders per request, so that Next can put this request's CSP nonce (proxy.ts)
  // on its scripts; a prerendered page would carry none and its scripts would be blocked.
  await connection();
  return (
    <html lang="en">
      <body>
        {children}
      </body>
    </html>
  );
}
