// npm run eval:resolution [-- --no-write]
// Precision, recall and F1 of the matcher on the labelled set (scripts/resolution/eval-set.ts), per
// list pair, schema and label source, with 95% intervals, for automatic merges and for merge +
// review; written to BENCHMARKS.md between the eval:resolution markers (unless --no-write).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderEvaluationMarkdown } from '../../lib/resolution/evaluation';
import { runEvaluation } from './eval-set';

const START = '<!-- eval:resolution:start -->';
const END = '<!-- eval:resolution:end -->';

async function main() {
  const { values } = parseArgs({ options: { 'no-write': { type: 'boolean' } }, strict: true });
  const t0 = Date.now();
  const run = await runEvaluation();
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (run.missing.length) console.error(`labelled records not found in the data: ${run.missing.join(', ')}`);
  const md = [
    START,
    renderEvaluationMarkdown(run.report, `Entity resolution quality (issue 24): ${run.labels.length} labelled pairs`),
    '',
    `Measured by \`npm run eval:resolution\` (${new Date().toISOString().slice(0, 10)}, ${seconds} s): the seeded lists read by the importers' parsers and normalisation, the matcher's blocking over all ${''}their records, then each labelled pair scored with the identifiers its label came from withheld; thresholds merge ${run.thresholds.merge}, review ${run.thresholds.review} (lib/resolution/score.ts). The set: data/resolution/README.md.`,
    END,
  ].join('\n');
  console.log(md);
  if (!values['no-write']) {
    const bench = readFileSync('BENCHMARKS.md', 'utf8');
    const next = bench.includes(START) ? bench.replace(new RegExp(`${START}[\\s\\S]*?${END}`), md) : `${bench.trimEnd()}\n\n${md}\n`;
    writeFileSync('BENCHMARKS.md', next);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`eval:resolution failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
