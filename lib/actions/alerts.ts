'use server';
// Watchlists and alerts (issue 27): every entry point is here (STYLE.md). The owner checks are in
// lib/db/alerts/*: each function acts on the caller's own watches, settings and notifications.
import { revalidatePath } from 'next/cache';
import { authedFormAction } from './safe-action';
import { addWatch, removeWatch } from '../db/alerts/watches';
import { removeWebhook, revokeAlertLinks, rotateWebhookSecret, setEmailMode, setWebhook } from '../db/alerts/settings';
import { markAllNotificationsRead, markNotificationRead } from '../db/alerts/notifications';
import { addWatchSchema, confirmSchema, emailModeSchema, markReadSchema, removeWatchSchema, webhookUrlSchema } from '../validation/alerts';

// Watches and read state show on other pages too (the Watch buttons, the bell in the sidebar).
const refreshAll = () => revalidatePath('/', 'layout');
const refreshAlerts = () => revalidatePath('/alerts');

export const addWatchAction = authedFormAction({ permission: 'self:manage', schema: addWatchSchema, run: async (input, { principal }) => addWatch(principal, input) }, refreshAll);
export const removeWatchAction = authedFormAction({ permission: 'self:manage', schema: removeWatchSchema, run: async ({ id }, { principal }) => removeWatch(principal, id) }, refreshAll);
export const setEmailModeAction = authedFormAction({ permission: 'self:manage', schema: emailModeSchema, run: async ({ email }, { principal }) => setEmailMode(principal, email) }, refreshAlerts);
export const setWebhookAction = authedFormAction({ permission: 'self:manage', schema: webhookUrlSchema, run: async ({ webhookUrl }, { principal }) => setWebhook(principal, webhookUrl) }, refreshAlerts);
export const rotateWebhookSecretAction = authedFormAction({ permission: 'self:manage', schema: confirmSchema, run: async (_input, { principal }) => rotateWebhookSecret(principal) }, refreshAlerts);
export const removeWebhookAction = authedFormAction({ permission: 'self:manage', schema: confirmSchema, run: async (_input, { principal }) => removeWebhook(principal) }, refreshAlerts);
export const revokeAlertLinksAction = authedFormAction({ permission: 'self:manage', schema: confirmSchema, run: async (_input, { principal }) => revokeAlertLinks(principal) }, refreshAlerts);
export const markNotificationReadAction = authedFormAction({ permission: 'self:manage', schema: markReadSchema, run: async ({ id }, { principal }) => markNotificationRead(principal, id) }, refreshAll);
export const markAllNotificationsReadAction = authedFormAction({ permission: 'self:manage', schema: confirmSchema, run: async (_input, { principal }) => markAllNotificationsRead(principal) }, refreshAll);
