import { describe, expect, it } from 'vitest';
import { prisma } from '../client';
import { createSavedView, deleteSavedView, getSavedViewForUser, listVisibleSavedViews, renameSavedView, setSavedViewShared } from './saved-views';
import { getActivePrincipal, upsertUserWithPassword } from './users';
import { runAction } from '../../actions/safe-action';
import { saveViewSchema } from '../../validation/saved-views';

async function makeUser(email: string, role: 'ADMIN' | 'ANALYST' = 'ANALYST') {
  const { user } = await upsertUserWithPassword({ email, role, password: 'a long enough password' }, 'test');
  return (await getActivePrincipal(user.id))!;
}

describe('saved views', () => {
  it('are private until shared; shared views open for others, who still cannot change them', async () => {
    const owner = await makeUser('views-owner@example.org');
    const other = await makeUser('views-other@example.org', 'ADMIN');
    const view = await createSavedView(owner, saveViewSchema.parse({ name: 'EU, monthly', path: '/', query: 'granularity=month&authority=EU' }));
    expect(await getSavedViewForUser(other, view.id)).toBeNull();
    expect((await listVisibleSavedViews(other)).map((v) => v.id)).not.toContain(view.id);
    await expect(renameSavedView(other, view.id, 'hijacked')).rejects.toMatchObject({ status: 404 });

    await setSavedViewShared(owner, view.id, true);
    expect(await getSavedViewForUser(other, view.id)).toMatchObject({ path: '/', query: 'granularity=month&authority=EU', isOwner: false });
    expect((await listVisibleSavedViews(other)).find((v) => v.id === view.id)).toMatchObject({ isShared: true, isOwner: false });
    // Even an administrator is not the owner: 403, and nothing changes.
    await expect(renameSavedView(other, view.id, 'hijacked')).rejects.toMatchObject({ status: 403 });
    await expect(deleteSavedView(other, view.id)).rejects.toMatchObject({ status: 403 });
    await expect(setSavedViewShared(other, view.id, false)).rejects.toMatchObject({ status: 403 });
    expect(await prisma.savedView.findUniqueOrThrow({ where: { id: view.id } })).toMatchObject({ name: 'EU, monthly', isShared: true });

    await renameSavedView(owner, view.id, 'EU by month');
    await deleteSavedView(owner, view.id);
    expect(await prisma.savedView.findUnique({ where: { id: view.id } })).toBeNull();
    const actions = (await prisma.auditEvent.findMany({ where: { targetType: 'SavedView', targetId: view.id }, orderBy: { id: 'asc' } })).map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ['saved_view.create', owner.id],
      ['saved_view.share', owner.id],
      ['saved_view.rename', owner.id],
      ['saved_view.delete', owner.id],
    ]);
  });

  it('refuse a duplicate name or a foreign path with field messages, database unchanged', async () => {
    const owner = await makeUser('views-dupe@example.org');
    const save = (input: unknown) => runAction(owner, 'self:manage', saveViewSchema, (v, { principal }) => createSavedView(principal, v), input);
    expect((await save({ name: 'Mine', path: '/', query: '' })).ok).toBe(true);
    const dupe = await save({ name: 'Mine', path: '/', query: 'granularity=year' });
    expect(dupe).toMatchObject({ ok: false, status: 409, fieldErrors: { name: [expect.stringMatching(/already have a view named “Mine”/)] } });
    const foreign = await save({ name: 'Elsewhere', path: '//evil.example', query: '' });
    expect(foreign).toMatchObject({ ok: false, status: 422, fieldErrors: { path: [expect.any(String)] } });
    expect(await prisma.savedView.count({ where: { ownerId: owner.id } })).toBe(1);
  });
});
