// npm run bench [-- SUITE…] [--designations N]
// The benchmark runner: runs the suites (scripts/bench/<name>.ts) one after another as child
// processes, in the fixed order below, each writing its section to .bench/<name>.md; then assembles
// BENCHMARKS.md (machine, Node, date, then the sections in order). Without suite names it runs them
// all; with names, only those, and BENCHMARKS.md keeps the other sections of earlier runs.
// Suites against the synthetic dataset use st_bench_data_<N> (npm run bench:data), generated when
// missing; --designations sets N (default 1,000,000; the cost suite uses its own three scales).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Every suite, in the order of BENCHMARKS.md. A suite without its file is reported as missing. */
export const SUITES = ['series', 'search', 'import', 'page', 'concurrency', 'cost', 'load'] as const;

const BENCH_DIR = path.join(process.cwd(), '.bench');
const suiteFile = (name: string) => path.join('scripts', 'bench', `${name}.ts`);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function machine(): string {
  const cpus = os.cpus();
  const pg = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', 'SHOW server_version'], { encoding: 'utf8' });
  const pgVersion = pg.status === 0 ? `PostgreSQL ${pg.stdout.trim().split(' ')[0]}` : 'local PostgreSQL';
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${pgVersion}`;
}

export function assemble(ran: string[], failed: string[]): string {
  const sections = SUITES.filter((s) => existsSync(path.join(BENCH_DIR, `${s}.md`))).map((s) => readFileSync(path.join(BENCH_DIR, `${s}.md`), 'utf8').trim());
  const missing = SUITES.filter((s) => !existsSync(path.join(BENCH_DIR, `${s}.md`)));
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${machine()}.`,
    'The machine is shared with other work while benchmarks run (load average reported below each run in the log): numbers are indicative. Each section says when and at which scale it was measured;',
    `this run: ${ran.length ? ran.join(', ') : 'none'}${failed.length ? ` (failed: ${failed.join(', ')})` : ''}. Regenerate the dataset with \`npm run bench:data -- --designations 1000000\`; see README → Benchmarks.`,
    '',
    ...sections.flatMap((s) => [s, '']),
    ...(missing.length ? [`_Not measured yet: ${missing.join(', ')}._`, ''] : []),
  ].join('\n');
}

function main() {
  const designations = arg('designations') ?? process.env.BENCH_DESIGNATIONS ?? '1000000';
  const named = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--designations');
  const unknown = named.filter((n) => !(SUITES as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`unknown suite(s): ${unknown.join(', ')} (suites: ${SUITES.join(', ')})`);
  const chosen = named.length ? named : [...SUITES];
  const ran: string[] = [];
  const failed: string[] = [];
  for (const name of chosen) {
    const file = suiteFile(name);
    if (!existsSync(file)) {
      console.log(`[bench] ${name}: no ${file}, skipped`);
      continue;
    }
    console.log(`[bench] ${name} (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})…`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', file], { stdio: 'inherit', env: { ...process.env, BENCH_DESIGNATIONS: designations } });
    (r.status === 0 ? ran : failed).push(name);
  }
  writeFileSync('BENCHMARKS.md', assemble(ran, failed));
  console.log(`[bench] BENCHMARKS.md written (${ran.length} suite(s) run${failed.length ? `, failed: ${failed.join(', ')}` : ''})`);
  if (failed.length) process.exit(1);
}

if (process.argv[1]?.endsWith('bench.ts')) main();
