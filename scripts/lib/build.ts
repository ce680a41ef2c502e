// `next build` when needed: shared by `npm start` and the e2e server.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();
export const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

/** A content hash of files and folders (skipping node_modules, generated code and dotfiles). */
export function hashTree(paths: string[]): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== 'node_modules' && name !== 'generated' && !name.startsWith('.')) walk(path.join(p, name));
    } else {
      h.update(path.relative(ROOT, p));
      h.update(readFileSync(p));
    }
  };
  for (const p of paths) walk(path.join(ROOT, p));
  return h.digest('hex');
}

const BUILD_INPUTS = ['app', 'components', 'lib', 'public', 'types', 'proxy.ts', 'next.config.js', 'package-lock.json', 'prisma/schema.prisma', 'tsconfig.json'];

/**
 * Builds when there is no build yet or the sources changed since the last one.
 * NOTE: asynchronous on purpose: the calling process may host the embedded database, which must
 * keep answering while the build runs.
 */
export async function buildIfNeeded(log: (line: string) => void): Promise<void> {
  const stamp = path.join(ROOT, '.next', 'sanctions-tracker-build-hash');
  const hash = hashTree(BUILD_INPUTS);
  if (existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  log('building the app (first start or sources changed; takes a minute or two)…');
  const status = await new Promise<number | null>((resolve) => {
    spawn(process.execPath, [NEXT_BIN, 'build'], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }).on('exit', resolve);
  });
  if (status !== 0) throw new Error('next build failed (see the output above)');
  writeFileSync(stamp, hash);
}
