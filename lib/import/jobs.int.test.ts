// The admin upload path below the HTTP layer: an upload streamed to disk (size limit, owner check),
// a dry-run job that reports progress and counts and writes nothing, a bad file whose job fails with
// the parser's message, and a second import of the same list refused while one runs.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { prisma } from '../db/client';
import { systemActor } from '../db/audit';
import { getImportJob, startImportJob, type JobView } from './jobs';
import { getUploads, safeFileName, saveUpload } from './uploads';
import { AppError } from '../errors';

const owner = { id: 'test-owner', actor: systemActor('test:jobs') };
const streamOf = (text: string) => new Blob([text]).stream();
const tag = randomBytes(3).toString('hex');
// Constructed FtM lines: one company and its sanction.
const FTM = [
  JSON.stringify({ id: `job-co-${tag}`, schema: 'Company', properties: { name: [`Job Test Company ${tag}`], jurisdiction: ['ru'] } }),
  JSON.stringify({ id: `job-sanction-${tag}`, schema: 'Sanction', properties: { entity: [`job-co-${tag}`], authority: ['Test Authority'], country: ['gb'], program: ['RUS'], listingDate: ['2022-03-15'] } }),
].join('\n');

async function finished(id: string): Promise<JobView> {
  for (;;) {
    const j = getImportJob(id);
    if (j.phase === 'done' || j.phase === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('uploads', () => {
  it('keeps a safe base name, refuses a file over the limit and another user’s upload', async () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\lists\\sdn 2024-05-10.csv')).toBe('sdn_2024-05-10.csv');
    await expect(saveUpload(streamOf('x'.repeat(2000)), 'big.csv', owner.id, 1000)).rejects.toThrow(/larger than the upload limit/);
    await expect(saveUpload(streamOf(''), 'empty.csv', owner.id)).rejects.toThrow(/empty/);
    const up = await saveUpload(streamOf(FTM), 'extract.ftm.json', owner.id);
    expect(up.bytes).toBe(Buffer.byteLength(FTM));
    await expect(getUploads([up.id], 'someone-else')).rejects.toBeInstanceOf(AppError);
    expect((await getUploads([up.id], owner.id))[0]!.name).toBe('extract.ftm.json');
  });
});

describe('import jobs', () => {
  it('a dry run reports progress and counts and writes nothing', async () => {
    const before = await prisma.entity.count();
    const runs = await prisma.importRun.count();
    const up = await saveUpload(streamOf(FTM), 'extract.ftm.json', owner.id);
    const started = await startImportJob({ format: 'ftm', uploadIds: [up.id], dryRun: true }, owner);
    const done = await finished(started.id);
    expect(done).toMatchObject({ phase: 'done', percent: 100, records: 2, bytesRead: up.bytes, bytesTotal: up.bytes, error: null });
    expect(done.result).toMatchObject({ created: 2, changed: 0, lifted: 0, unchanged: 0, records: 2, runId: null });
    expect(await prisma.entity.count()).toBe(before);
    expect(await prisma.importRun.count()).toBe(runs);
    // The upload stays for the apply.
    expect(await getUploads([up.id], owner.id)).toHaveLength(1);
  });

  it('a bad file fails with the parser’s message (file, line) and writes nothing', async () => {
    const before = await prisma.entity.count();
    const up = await saveUpload(streamOf(`${FTM}\n{"id": "broken", "schema": `), 'broken.ftm.json', owner.id);
    const done = await finished((await startImportJob({ format: 'ftm', uploadIds: [up.id], dryRun: true }, owner)).id);
    expect(done.phase).toBe('failed');
    expect(done.error).toMatch(/^broken\.ftm\.json \(line 3\): /);
    expect(await prisma.entity.count()).toBe(before);
  });

  it('refuses a second import of the same list while one runs', async () => {
    const a = await saveUpload(streamOf(FTM), 'a.ftm.json', owner.id);
    const b = await saveUpload(streamOf(FTM), 'b.ftm.json', owner.id);
    const results = await Promise.allSettled([startImportJob({ format: 'ftm', uploadIds: [a.id], dryRun: true }, owner), startImportJob({ format: 'ftm', uploadIds: [b.id], dryRun: true }, owner)]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason as AppError;
    expect(reason.code).toBe('CONFLICT');
    expect(reason.message).toMatch(/already running/);
    const ok = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<JobView>;
    await finished(ok.value.id);
    expect(() => getImportJob('00000000-0000-4000-8000-000000000000')).toThrow(/unknown/);
  });
});
