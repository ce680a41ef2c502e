'use server';
// The cross-list review queue (/admin/matches): accept merges the pair, reject remembers the
// decision. Both need data:write (admins), checked here, where the action runs.
import { authedAction } from './safe-action';
import { userActor } from '../db/audit';
import { acceptMatchCandidate, rejectMatchCandidate } from '../db/resolution/match-candidates';
import { acceptMatchSchema, rejectMatchSchema } from '../validation/matches';

export const acceptMatch = authedAction('data:write', acceptMatchSchema, (input, { principal }) => acceptMatchCandidate(userActor(principal), input));
export const rejectMatch = authedAction('data:write', rejectMatchSchema, (input, { principal }) => rejectMatchCandidate(userActor(principal), input));
