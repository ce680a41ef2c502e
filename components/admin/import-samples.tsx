// The sample diffs of an import (dry run or applied): one row per entry, each changed field from → to.
// Shared by the upload page's dry-run result and the import run's page.
type Sample = { key: string; status: string; changes: Record<string, { from: unknown; to: unknown }> };

export function ImportSamplesTable({ samples }: { samples: Sample[] }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">What</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {samples.map((s, i) => (
            <tr key={i}>
              <td className="mono">{s.key}</td>
              <td>{s.status}</td>
              <td>
                {Object.keys(s.changes).length ? (
                  <ul className="changes">
                    {Object.entries(s.changes).map(([field, c]) => (
                      <li key={field}>
                        {field}: <del>{JSON.stringify(c.from)}</del> → <ins>{JSON.stringify(c.to)}</ins>
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
