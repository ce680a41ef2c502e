// API tokens for e2e tests, made the way a person makes them: on the Account → API tokens page.
import { expect, type Browser } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { STORAGE } from '../run-state';

export type CreatedToken = { name: string; token: string };

export async function createTokenViaUi(browser: Browser, role: keyof typeof STORAGE = 'analyst'): Promise<CreatedToken> {
  const context = await browser.newContext({ storageState: STORAGE[role] });
  const page = await context.newPage();
  const name = `e2e ${randomUUID().slice(0, 8)}`;
  await page.goto('/account/tokens');
  await page.getByLabel('Token name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const field = page.getByLabel('New API token');
  await expect(field).toHaveValue(/^st_[A-Za-z0-9_-]{43}$/);
  const token = await field.inputValue();
  await context.close();
  return { name, token };
}

export async function revokeTokenViaUi(browser: Browser, name: string, role: keyof typeof STORAGE = 'analyst'): Promise<void> {
  const context = await browser.newContext({ storageState: STORAGE[role] });
  const page = await context.newPage();
  await page.goto('/account/tokens');
  await page.getByRole('button', { name: `Revoke token ${name}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');
  await context.close();
}
