// What scripts/e2e-server.ts wrote for this run: base URL, database URL, generated credentials.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Credentials = { email: string; password: string };
export type RunState = { databaseUrl: string; baseURL: string; users: { admin: Credentials; analyst: Credentials }; authSecret: string };

export function runState(): RunState {
  return JSON.parse(readFileSync(path.join(process.cwd(), 'e2e', '.state', 'run.json'), 'utf8')) as RunState;
}

export const STORAGE = {
  admin: path.join('e2e', '.state', 'admin.json'),
  analyst: path.join('e2e', '.state', 'analyst.json'),
};
