'use server';
import { crudActions } from './crud';
import { milestoneStore } from '../db/admin/milestones';
import { milestoneCreateSchema, milestoneUpdateSchema } from '../validation/milestones';

const actions = crudActions(milestoneStore, { create: milestoneCreateSchema, update: milestoneUpdateSchema });

export const createMilestone = actions.create;
export const updateMilestone = actions.update;
export const deleteMilestone = actions.remove;
export const restoreMilestone = actions.restore;
