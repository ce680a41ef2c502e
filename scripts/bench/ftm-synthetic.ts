// A synthetic, deterministic (seeded) FollowTheMoney JSON-lines file for the import benchmark:
// companies, people and vessels with names, aliases, countries, addresses and identifiers, a
// Sanction for most of them (real authorities, ~60 programs) and ownership/directorship links —
// shaped like OpenSanctions' entities.ftm.json. Stops at `lines` lines or `bytes` bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prng } from './dataset';

const SYLLABLES = ['tek', 'ros', 'avia', 'mash', 'prom', 'neft', 'gaz', 'stroy', 'energo', 'trans', 'sib', 'ural', 'volga', 'don', 'kaz', 'tech', 'sys', 'tron', 'lab', 'nova', 'star', 'gold', 'ocean', 'delta', 'alpha', 'omega', 'pars', 'shahr', 'kim', 'han'];
const FORMS = ['LLC', 'JSC', 'Ltd', 'Co.', 'Group', 'Industries', 'Trading', 'Holding'];
const FIRST = ['Ivan', 'Olga', 'Ali', 'Reza', 'Kim', 'Sergei', 'Anna', 'Mohammad', 'Dmitri', 'Elena', 'Hassan', 'Yuri', 'Maria', 'Chen', 'Park'];
const LAST = ['Petrov', 'Ivanova', 'Hosseini', 'Karimi', 'Jong', 'Smirnov', 'Volkova', 'Rahimi', 'Sokolov', 'Lebedeva', 'Kuznetsov', 'Novak', 'Li', 'Wang', 'Lee'];
const COUNTRIES = ['ru', 'ir', 'kp', 'by', 'sy', 'cn', 'ae', 'tr', 'ua', 'kz'];
const AUTHORITIES: Array<[string, string]> = [
  ['us', 'Office of Foreign Assets Control'], ['eu', 'European Union'], ['gb', 'Office of Financial Sanctions Implementation'], ['un', 'United Nations Security Council'],
  ['ca', 'Global Affairs Canada'], ['au', 'Department of Foreign Affairs and Trade'], ['jp', 'Ministry of Finance'], ['ch', 'State Secretariat for Economic Affairs'],
];
const PROGRAMS = Array.from({ length: 60 }, (_, i) => `PRG-${String(i + 1).padStart(2, '0')}`);

export async function writeSyntheticFtm(file: string, opts: { lines?: number; bytes?: number; seed?: number }): Promise<{ lines: number; bytes: number }> {
  const rnd = prng(opts.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const word = () => Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(SYLLABLES)).join('');
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  const date = (from: number, to: number) => `${from + Math.floor(rnd() * (to - from))}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  const out = createWriteStream(file);
  let lines = 0;
  let bytes = 0;
  const maxLines = opts.lines ?? Infinity;
  const maxBytes = opts.bytes ?? Infinity;
  const write = async (entity: unknown) => {
    const line = `${JSON.stringify(entity)}\n`;
    lines++;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  // What OpenSanctions adds to every entity (real lines average 0.8–1.5 kB, data/opensanctions-ftm).
  const hex = () => Math.floor(rnd() * 2 ** 48).toString(16).padStart(12, '0');
  const meta = () => ({
    datasets: ['synthetic', pick(['us_ofac_sdn', 'eu_fsf', 'gb_hmt_sanctions', 'un_sc_sanctions'])],
    referents: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => `syn-${hex()}${hex()}`),
    target: true, first_seen: `${date(2018, 2024)}T10:35:40`, last_seen: '2026-04-29T12:40:02', last_change: `${date(2024, 2026)}T05:42:29`,
  });
  const note = () => `${cap(word())} ${Array.from({ length: 8 + Math.floor(rnd() * 24) }, word).join(' ')}.`;
  const more = () => lines < maxLines && bytes < maxBytes;
  let n = 0;
  const ids: string[] = [];
  while (more()) {
    const id = `SYN-${(n++).toString(36)}`;
    const kind = rnd();
    const country = pick(COUNTRIES);
    let entity: Record<string, unknown>;
    if (kind < 0.55) {
      const name = `${cap(word())} ${pick(FORMS)}`;
      entity = {
        id, schema: 'Company', caption: name,
        properties: {
          name: [name], alias: rnd() < 0.5 ? [`${cap(word())} ${pick(FORMS)}`] : [], jurisdiction: [country], address: [`${Math.floor(rnd() * 200)} ${cap(word())} Street, ${cap(word())}`],
          registrationNumber: [String(Math.floor(rnd() * 1e12))], incorporationDate: [date(1990, 2024)],
          notes: [note()],
        },
        ...meta(),
      };
    } else if (kind < 0.9) {
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      entity = {
        id, schema: 'Person', caption: name,
        properties: { name: [name], alias: [`${pick(FIRST)} ${pick(LAST)}`], nationality: [country], birthDate: [date(1940, 2000)], passportNumber: [`P${Math.floor(rnd() * 1e8)}`], position: [`Director of ${cap(word())} ${pick(FORMS)}`], notes: [note()] },
        ...meta(),
      };
    } else {
      const name = `${cap(word())} ${cap(word())}`.toUpperCase();
      entity = { id, schema: 'Vessel', caption: name, properties: { name: [name], imoNumber: [`IMO${9000000 + Math.floor(rnd() * 999999)}`], flag: [country], country: [country], notes: [note()] }, ...meta() };
    }
    await write(entity);
    ids.push(id);
    if (ids.length > 5000) ids.splice(0, 1000);
    if (more() && rnd() < 0.7) {
      const [c, authority] = pick(AUTHORITIES);
      const programs = rnd() < 0.2 ? [pick(PROGRAMS), pick(PROGRAMS)] : [pick(PROGRAMS)];
      await write({
        id: `${id}-sanction`, schema: 'Sanction',
        properties: { entity: [id], country: [c], authority: [authority], program: [...new Set(programs)], listingDate: [date(2000, 2026)], reason: [`Synthetic listing: ${word()} ${word()}`], sourceUrl: [`https://example.org/${c}/${id}`] },
      });
    }
    if (more() && ids.length > 10 && rnd() < 0.15) {
      const other = ids[Math.floor(rnd() * (ids.length - 1))]!;
      await write({ id: `${id}-own`, schema: 'Ownership', properties: { owner: [other], asset: [id], role: ['shareholder'], startDate: [date(2000, 2024)] } });
    }
  }
  out.end();
  await once(out, 'finish');
  return { lines, bytes };
}
