import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listWeaponsPrograms } from '@/lib/db/weapons-programs';
import '../explore.css';

export const metadata: Metadata = { title: 'Weapons programs' };

const fmt = new Intl.NumberFormat('en-GB');

export default async function ProgramsPage() {
  const viewer = await requirePagePrincipal('data:read');
  const programs = await listWeaponsPrograms(viewer);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Weapons programs</h1>
          <p className="muted">Drone and missile programs, the entities that build, finance and supply them, and how far sanctions reach them.</p>
        </div>
      </header>
      {programs.length ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Weapons programs with their participants and supply links</caption>
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Type</th>
                <th scope="col">Origin</th>
                <th scope="col" className="num">
                  Participants
                </th>
                <th scope="col" className="num">
                  Designated
                </th>
                <th scope="col" className="num">
                  Not designated
                </th>
                <th scope="col" className="num">
                  Supply links
                </th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/programs/${p.slug}`}>{p.name}</Link>
                  </td>
                  <td>{p.type}</td>
                  <td>{p.countryOfOrigin?.toUpperCase() ?? '—'}</td>
                  <td className="num">{fmt.format(p.participants)}</td>
                  <td className="num">{fmt.format(p.designatedParticipants)}</td>
                  <td className="num">{fmt.format(p.participants - p.designatedParticipants)}</td>
                  <td className="num">{fmt.format(p.supplyLinks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="panel" role="status">
          No weapons program recorded yet. An administrator adds them (with their sources) in the admin area, or the curated drone case loads them with the seed.
        </p>
      )}
    </>
  );
}
