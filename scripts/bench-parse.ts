// Child of scripts/bench.ts: parses one SDN.CSV and prints `records ms peakRssMb` — run with a small
// --max-old-space-size to show the parser streams in bounded memory.
import { parseFiles } from '../lib/import/run';
import { emptyReport } from '../lib/import/types';

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: bench-parse.ts FILE');
  let n = 0;
  const started = Date.now();
  for await (const rec of parseFiles('ofac-sdn-csv', [file], { report: emptyReport() }).records) {
    void rec;
    n++;
  }
  process.stdout.write(`${n} ${Date.now() - started} ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
