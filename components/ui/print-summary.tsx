// Printed only: the view's settings in words and the address that reproduces it, so a printed or
// PDF report says what it shows (the forms that set them are not printed).
export function PrintSummary({ filters, path }: { filters: string; path: string }) {
  return (
    <p className="print-only small" data-testid="print-summary">
      <strong>Filters:</strong> {filters}. <strong>View:</strong> {path} · printed from Sanctions Tracker, data as of {new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
    </p>
  );
}
