'use server';
// Splitting an entity (issue 24): admins only (data:write), checked here where the action runs;
// the split is one transaction with one `entity.split` audit event (lib/db/resolution/judgements.ts).
import { authedAction } from './safe-action';
import { prisma } from '../db/client';
import { userActor } from '../db/audit';
import { splitEntity } from '../db/resolution/judgements';
import { splitEntitySchema } from '../validation/matches';

export const splitEntityRecords = authedAction('data:write', splitEntitySchema, (input, { principal }) =>
  prisma.$transaction((tx) => splitEntity(tx, userActor(principal), input), { timeout: 60_000 }),
);
