import 'server-only';
// The admin record types: what each list shows, where its form's choices come from and which
// server actions it calls. The generic pages under app/(admin)/admin/[resource] read this. It wires
// data functions and actions, so it lives in lib/, not components/ (which only presents).
import type { AdminListQuery, AdminRow, Page } from '@/lib/db/admin/list';
import type { FieldDef, FormValues } from '@/lib/validation/form';
import type { Principal } from '@/lib/auth/permissions';
import { authorize } from '@/lib/auth/verified';
import { withOptions } from '@/lib/validation/form';
import * as actions from '@/lib/actions/records';
import { getMilestoneForm, listMilestonesForAdmin } from '@/lib/db/admin/milestones';
import { getEntityForm, listEntitiesForAdmin } from '@/lib/db/admin/entities';
import { getDesignationForm, listDesignationsForAdmin } from '@/lib/db/admin/designations';
import { getAuthorityForm, getProgramForm, listAuthoritiesForAdmin, listAuthorityOptions, listProgramsForAdmin } from '@/lib/db/admin/authorities';
import { getParticipantForm, getSupplyLinkForm, getWeaponsProgramForm, listParticipantsForAdmin, listSupplyLinksForAdmin, listWeaponsProgramOptions, listWeaponsProgramsForAdmin } from '@/lib/db/admin/weapons';
import { MILESTONE_FIELDS } from '@/lib/validation/milestones';
import { ENTITY_FIELDS } from '@/lib/validation/entity-records';
import { DESIGNATION_FIELDS } from '@/lib/validation/designations';
import { AUTHORITY_FIELDS, PROGRAM_FIELDS } from '@/lib/validation/authorities';
import { getRelationshipForm, listRelationshipsForAdmin } from '@/lib/db/admin/relationships';
import { RELATIONSHIP_FIELDS } from '@/lib/validation/relationships';
import { getCaseForm, listCasesForAdmin } from '@/lib/db/cases/admin';
import { CASE_FIELDS } from '@/lib/validation/cases';
import { PARTICIPANT_FIELDS, SUPPLY_LINK_FIELDS, WEAPONS_PROGRAM_FIELDS } from '@/lib/validation/weapons';

type Saved = { id: string; version: number };
type Result<T> = { ok: true; data: T } | { ok: false; status: number; error: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> };
type Act = (input: unknown) => Promise<Result<Saved>>;

export type FormRecord = { id: string; version: number; deleted: boolean; values: FormValues; history?: Array<{ status: string; date: string; sourceUrl: string | null }> };

export type Resource = {
  slug: string;
  title: string;
  singular: string;
  targetType: string;
  intro: string;
  columns: string[];
  /** The column that names a row (its link, and the label of its buttons); default the first. */
  labelColumn?: number;
  /** Data functions take the caller: each checks the permission itself (lib/auth/verified.ts). */
  list: (viewer: Principal, q: AdminListQuery) => Promise<Page<AdminRow>>;
  getForm: (viewer: Principal, id: string) => Promise<FormRecord | null>;
  fields: (viewer: Principal) => Promise<FieldDef[]>;
  /** Values of a new record; `params` are the page's query (e.g. ?entityId= from an entity page). */
  defaults?: (params: Record<string, string | undefined>) => FormValues;
  actions: { create: Act; update: Act; remove: Act; restore: Act };
};

// Static field lists hold no records, but every registry function takes the caller and checks it,
// so that no entry of the admin registry is readable without the admin permission.
const staticFields = (defs: readonly FieldDef[]) => async (viewer: Principal) => {
  authorize(viewer, 'data:write');
  return [...defs];
};
const authorityOptions = async (viewer: Principal) => ({ authorityId: await listAuthorityOptions(viewer) });
const weaponsOptions = async (viewer: Principal) => ({ weaponsProgramId: await listWeaponsProgramOptions(viewer) });

export const RESOURCES: readonly Resource[] = [
  {
    slug: 'entities',
    title: 'Entities',
    singular: 'entity',
    targetType: 'Entity',
    intro: 'People, companies, vessels and aircraft. New entities are checked against likely duplicates before saving.',
    columns: ['Name', 'Type', 'Countries', 'Designations', 'Id'],
    list: listEntitiesForAdmin,
    getForm: getEntityForm,
    fields: staticFields(ENTITY_FIELDS),
    defaults: () => ({ schema: 'Company' }),
    actions: { create: actions.createEntity, update: actions.updateEntity, remove: actions.deleteEntity, restore: actions.restoreEntity },
  },
  {
    slug: 'designations',
    title: 'Designations',
    singular: 'designation',
    targetType: 'Designation',
    intro: 'An entity put on an authority’s list under one or more programs, with its status history and source.',
    columns: ['Entity', 'Authority', 'Programs', 'Listed', 'Status'],
    list: listDesignationsForAdmin,
    getForm: getDesignationForm,
    fields: async (viewer) => withOptions(DESIGNATION_FIELDS, await authorityOptions(viewer)),
    defaults: (p) => ({ entityId: p.entityId ?? '', status: 'LISTED', listingDateQualifier: 'EXACT' }),
    actions: { create: actions.createDesignation, update: actions.updateDesignation, remove: actions.deleteDesignation, restore: actions.restoreDesignation },
  },
  {
    slug: 'milestones',
    title: 'Milestones',
    singular: 'milestone',
    targetType: 'Milestone',
    intro: 'Diplomatic and other events drawn on the timelines, each with its source and its stable code.',
    columns: ['Code', 'Date', 'Title', 'Category'],
    labelColumn: 2,
    list: listMilestonesForAdmin,
    getForm: getMilestoneForm,
    fields: staticFields(MILESTONE_FIELDS),
    actions: { create: actions.createMilestone, update: actions.updateMilestone, remove: actions.deleteMilestone, restore: actions.restoreMilestone },
  },
  {
    slug: 'cases',
    title: 'Cases',
    singular: 'case',
    targetType: 'SanctionsCase',
    intro: 'Curated, sourced sets of sanctions actions (the Iran-drone case…): a filter and a split on every analysis page, counting exactly the listings of their actions.',
    columns: ['Title', 'Slug', 'Actions'],
    list: listCasesForAdmin,
    getForm: getCaseForm,
    fields: staticFields(CASE_FIELDS),
    actions: { create: actions.createCase, update: actions.updateCase, remove: actions.deleteCase, restore: actions.restoreCase },
  },
  {
    slug: 'authorities',
    title: 'Authorities',
    singular: 'authority',
    targetType: 'Authority',
    intro: 'Governments and bodies that keep sanctions lists.',
    columns: ['Code', 'Name', 'Country'],
    list: listAuthoritiesForAdmin,
    getForm: getAuthorityForm,
    fields: staticFields(AUTHORITY_FIELDS),
    actions: { create: actions.createAuthority, update: actions.updateAuthority, remove: actions.deleteAuthority, restore: actions.restoreAuthority },
  },
  {
    slug: 'programs',
    title: 'Sanctions programs',
    singular: 'sanctions program',
    targetType: 'SanctionsProgram',
    intro: 'The programs (regimes) under which an authority lists entries.',
    columns: ['Authority', 'Code', 'Title'],
    list: listProgramsForAdmin,
    getForm: getProgramForm,
    fields: async (viewer) => withOptions(PROGRAM_FIELDS, await authorityOptions(viewer)),
    actions: { create: actions.createProgram, update: actions.updateProgram, remove: actions.deleteProgram, restore: actions.restoreProgram },
  },
  {
    slug: 'weapons-programs',
    title: 'Weapons programs',
    singular: 'weapons program',
    targetType: 'WeaponsProgram',
    intro: 'Drone and missile programs (Shahed-136/Geran-2, Mohajer-6…).',
    columns: ['Name', 'Type', 'Aliases'],
    list: listWeaponsProgramsForAdmin,
    getForm: getWeaponsProgramForm,
    fields: staticFields(WEAPONS_PROGRAM_FIELDS),
    actions: { create: actions.createWeaponsProgram, update: actions.updateWeaponsProgram, remove: actions.deleteWeaponsProgram, restore: actions.restoreWeaponsProgram },
  },
  {
    slug: 'participants',
    title: 'Program participants',
    singular: 'program participant',
    targetType: 'ProgramParticipant',
    intro: 'Who develops, makes, finances or supplies a weapons program, with the source that says so.',
    columns: ['Program', 'Entity', 'Role'],
    list: listParticipantsForAdmin,
    getForm: getParticipantForm,
    fields: async (viewer) => withOptions(PARTICIPANT_FIELDS, await weaponsOptions(viewer)),
    defaults: (p) => ({ entityId: p.entityId ?? '' }),
    actions: { create: actions.createParticipant, update: actions.updateParticipant, remove: actions.deleteParticipant, restore: actions.restoreParticipant },
  },
  {
    slug: 'supply-links',
    title: 'Supply links',
    singular: 'supply link',
    targetType: 'SupplyLink',
    intro: 'Components flowing from a supplier to a recipient, with the source that says so.',
    columns: ['Supplier', 'Recipient', 'Components', 'Program'],
    list: listSupplyLinksForAdmin,
    getForm: getSupplyLinkForm,
    fields: async (viewer) => withOptions(SUPPLY_LINK_FIELDS, await weaponsOptions(viewer)),
    defaults: (p) => ({ supplierId: p.entityId ?? '' }),
    actions: { create: actions.createSupplyLink, update: actions.updateSupplyLink, remove: actions.deleteSupplyLink, restore: actions.restoreSupplyLink },
  },
  {
    slug: 'relationships',
    title: 'Relationships',
    singular: 'relationship',
    targetType: 'Relationship',
    intro: 'Who owns, directs, works for or is related to whom (imports bring OFAC’s “Linked To” and FtM’s Ownership, Directorship…), with the source that says so.',
    columns: ['Subject', 'Relationship', 'Object', 'Role'],
    list: listRelationshipsForAdmin,
    getForm: getRelationshipForm,
    fields: staticFields(RELATIONSHIP_FIELDS),
    defaults: (p) => ({ subjectId: p.entityId ?? '', type: 'OWNERSHIP' }),
    actions: { create: actions.createRelationship, update: actions.updateRelationship, remove: actions.deleteRelationship, restore: actions.restoreRelationship },
  },
];

export function getResource(slug: string): Resource | undefined {
  return RESOURCES.find((r) => r.slug === slug);
}
