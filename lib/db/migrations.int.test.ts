import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from './migrations';

describe('migrations', () => {
  it('match prisma/schema.prisma: a new migration would be empty', async () => {
    // Replays prisma/migrations on a throw-away shadow database and diffs it against the schema.
    // Fails when someone edits the schema without `npm run db:migrate:create`.
    expect(await diffMigrationsToSchema(process.env.DATABASE_URL!)).toBe('');
  });
});
