'use server';
// Every admin record action: create, update (version-guarded), soft delete and restore per record
// type, plus the entity duplicate check and merge. Each checks data:write on the server.
import { authedAction } from './safe-action';
import { crudActions } from './crud';
import { userActor } from '../db/audit';
import { milestoneStore } from '../db/admin/milestones';
import { authorityStore, programStore } from '../db/admin/authorities';
import { participantStore, supplyLinkStore, weaponsProgramStore } from '../db/admin/weapons';
import { checkEntityMatches, entityStore, mergeEntities } from '../db/admin/entities';
import { designationStore } from '../db/admin/designations';
import { relationshipStore } from '../db/admin/relationships';
import { caseStore } from '../db/cases/admin';
import { caseCreateSchema, caseUpdateSchema } from '../validation/cases';
import { milestoneCreateSchema, milestoneUpdateSchema } from '../validation/milestones';
import { authorityCreateSchema, authorityUpdateSchema, programCreateSchema, programUpdateSchema } from '../validation/authorities';
import { participantCreateSchema, participantUpdateSchema, supplyLinkCreateSchema, supplyLinkUpdateSchema, weaponsProgramCreateSchema, weaponsProgramUpdateSchema } from '../validation/weapons';
import { entityCreateSchema, entityMatchQuerySchema, entityMergeSchema, entityUpdateSchema } from '../validation/entity-records';
import { designationCreateSchema, designationUpdateSchema } from '../validation/designations';
import { relationshipCreateSchema, relationshipUpdateSchema } from '../validation/relationships';

const milestones = crudActions(milestoneStore, { create: milestoneCreateSchema, update: milestoneUpdateSchema });
export const createMilestone = milestones.create;
export const updateMilestone = milestones.update;
export const deleteMilestone = milestones.remove;
export const restoreMilestone = milestones.restore;

const entities = crudActions(entityStore, { create: entityCreateSchema, update: entityUpdateSchema });
export const createEntity = entities.create;
export const updateEntity = entities.update;
export const deleteEntity = entities.remove;
export const restoreEntity = entities.restore;
export const checkEntityDuplicates = authedAction('data:write', entityMatchQuerySchema, (input) => checkEntityMatches(input));
export const mergeEntity = authedAction('data:write', entityMergeSchema, (input, { principal }) => mergeEntities(userActor(principal), input));

const designations = crudActions(designationStore, { create: designationCreateSchema, update: designationUpdateSchema });
export const createDesignation = designations.create;
export const updateDesignation = designations.update;
export const deleteDesignation = designations.remove;
export const restoreDesignation = designations.restore;

const authorities = crudActions(authorityStore, { create: authorityCreateSchema, update: authorityUpdateSchema });
export const createAuthority = authorities.create;
export const updateAuthority = authorities.update;
export const deleteAuthority = authorities.remove;
export const restoreAuthority = authorities.restore;

const programs = crudActions(programStore, { create: programCreateSchema, update: programUpdateSchema });
export const createProgram = programs.create;
export const updateProgram = programs.update;
export const deleteProgram = programs.remove;
export const restoreProgram = programs.restore;

const weaponsPrograms = crudActions(weaponsProgramStore, { create: weaponsProgramCreateSchema, update: weaponsProgramUpdateSchema });
export const createWeaponsProgram = weaponsPrograms.create;
export const updateWeaponsProgram = weaponsPrograms.update;
export const deleteWeaponsProgram = weaponsPrograms.remove;
export const restoreWeaponsProgram = weaponsPrograms.restore;

const participants = crudActions(participantStore, { create: participantCreateSchema, update: participantUpdateSchema });
export const createParticipant = participants.create;
export const updateParticipant = participants.update;
export const deleteParticipant = participants.remove;
export const restoreParticipant = participants.restore;

const supplyLinks = crudActions(supplyLinkStore, { create: supplyLinkCreateSchema, update: supplyLinkUpdateSchema });
export const createSupplyLink = supplyLinks.create;
export const updateSupplyLink = supplyLinks.update;
export const deleteSupplyLink = supplyLinks.remove;
export const restoreSupplyLink = supplyLinks.restore;

const relationships = crudActions(relationshipStore, { create: relationshipCreateSchema, update: relationshipUpdateSchema });
export const createRelationship = relationships.create;
export const updateRelationship = relationships.update;
export const deleteRelationship = relationships.remove;
export const restoreRelationship = relationships.restore;

const cases = crudActions(caseStore, { create: caseCreateSchema, update: caseUpdateSchema });
export const createCase = cases.create;
export const updateCase = cases.update;
export const deleteCase = cases.remove;
export const restoreCase = cases.restore;
