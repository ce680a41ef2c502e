// One recorded change as every reader gets it (page, read API, feed): plain JSON values only — the
// bigint id as a string, dates as ISO strings.
import type { ChangeKind } from './filter';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type FieldChange = { from: JsonValue; to: JsonValue };

export type ChangeItem = {
  /** The change's id (a bigint, as digits): `since=` and the feed's entry ids take it. */
  id: string;
  kind: ChangeKind;
  /** Entity | Designation | Relationship */
  targetType: string;
  targetId: string;
  /** YYYY-MM-DD: the list edition that showed the change. */
  editionDate: string;
  /** ISO time the change was recorded (its import applied). */
  recordedAt: string;
  /** The live entity now: the source record's cluster, or the recorded one followed through merges. */
  entityId: string;
  /** The entity (cluster) the change was recorded under. */
  recordedEntityId: string;
  /** False when the entity has since been deleted (its page then says so). */
  entityExists: boolean;
  /** The name as the list wrote it in that edition. */
  entityName: string;
  recordId: string | null;
  /** The list's key of the record (OFAC ent_num …). */
  sourceKey: string;
  authorityId: string | null;
  authorityName: string | null;
  programs: string[];
  countries: string[];
  fields: Record<string, FieldChange>;
  run: { id: string; fileName: string; format: string } | null;
};
