import 'server-only';
import { prisma } from './client';

export function listAuthorities() {
  return prisma.authority.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' }, select: { id: true, name: true, shortName: true, country: true, url: true } });
}
