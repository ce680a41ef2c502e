import 'server-only';
// The four actions of an admin record type, built once: create, update (version-guarded), soft
// delete and restore — each checks data:write on the server, parses with the shared zod schema
// and returns the record's new id and version.
import type { z } from 'zod';
import { authedAction } from './safe-action';
import { userActor } from '../db/audit';
import { createRecord, deleteRecord, restoreRecord, updateRecord, type RecordStore, type VersionedRow } from '../db/admin/crud';
import { idVersionSchema, type IdVersion } from '../validation/fields';

export type Saved = { id: string; version: number };

export function crudActions<Row extends VersionedRow, C, U, SC extends z.ZodType<C>, SU extends z.ZodType<U & IdVersion>>(store: RecordStore<Row, C, U>, schemas: { create: SC; update: SU }) {
  const saved = (row: Row): Saved => ({ id: row.id, version: row.version });
  return {
    create: authedAction('data:write', schemas.create, async (input, { principal }) => saved(await createRecord(store, userActor(principal), input as C))),
    update: authedAction('data:write', schemas.update, async (input, { principal }) => {
      const { id, version } = input as IdVersion;
      return saved(await updateRecord(store, userActor(principal), id, version, input as U));
    }),
    remove: authedAction('data:write', idVersionSchema, async ({ id, version }, { principal }) => saved(await deleteRecord(store, userActor(principal), id, version))),
    restore: authedAction('data:write', idVersionSchema, async ({ id, version }, { principal }) => saved(await restoreRecord(store, userActor(principal), id, version))),
  };
}
