'use client';
// NOTE: zod 4 compiles object parsers with `new Function` where it can, and its feature test alone
// (`Function("")`) is a violation of our Content-Security-Policy (script-src has no 'unsafe-eval',
// SECURITY.md). Parsing without the compiled fast path is plenty for the browser's few small parses.
// Rendered once in the root layout, so the setting is in place before any client component renders.
import { z } from 'zod';

z.config({ jitless: true });

export function ZodJitless() {
  return null;
}
