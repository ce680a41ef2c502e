import { notFound, redirect } from 'next/navigation';
import { requirePagePrincipal } from '@/lib/auth/session';
import { getSavedViewForUser } from '@/lib/db/accounts/saved-views';
import { savedViewHref } from '@/lib/validation/saved-views';

// A saved view's link: opens the view's page with its exact query string. Signed-in users only (the
// layout and proxy require a session); someone else's unshared view is a 404.
export default async function OpenSavedViewPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePagePrincipal('data:read');
  const { id } = await params;
  const view = await getSavedViewForUser(principal, id);
  if (!view) notFound();
  redirect(savedViewHref(view));
}
