import 'server-only';
import { prisma } from './client';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

export function listAuthorities(viewer: Principal) {
  authorize(viewer, 'data:read');
  return prisma.authority.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' }, select: { id: true, name: true, shortName: true, country: true, url: true } });
}
