'use client';

// Downloads under a chart: CSV, JSON and SVG straight from the server export (same query as the
// page), and a PNG drawn in the browser from that same SVG at 2× its size, so PNG and SVG match.
import { useState } from 'react';

type Props = { chart: string; query: string };

const PNG_SCALE = 2;

/** The server's download name: RFC 8187 `filename*` first, then `filename` (quoted or not). */
function fileNameFrom(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const extended = /filename\*=UTF-8''([^;\s]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

async function downloadPng(url: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`The server answered ${res.status}.`);
  const svg = await res.text();
  const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
  if (!width || !height) throw new Error('The chart image has no size.');
  const img = new Image();
  // A data: URL (not a blob of another origin) keeps the canvas untainted, so it can be exported.
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * PNG_SCALE;
  canvas.height = height * PNG_SCALE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the image.');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('This browser could not make the PNG.');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileNameFrom(res, 'chart.svg').replace(/\.svg$/, '.png');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function ChartDownloads({ chart, query }: Props) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const href = (ext: string) => `/api/export/${chart}.${ext}${query ? `?${query}` : ''}`;
  const png = async () => {
    setState({ busy: true, error: null });
    try {
      await downloadPng(href('svg'));
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: `The PNG could not be made (${e instanceof Error ? e.message : 'unknown error'}). Try the SVG.` });
    }
  };
  return (
    <p className="small no-print chart-downloads" data-testid="chart-downloads">
      Download this chart: <a href={href('csv')}>CSV</a> (<a href={`${href('csv')}${query ? '&' : '?'}preamble=1`}>with title, filters and data as-of</a>) · <a href={href('json')}>JSON</a> ·{' '}
      <a href={href('svg')}>SVG</a> ·{' '}
      <button type="button" className="link-button" onClick={png} disabled={state.busy} aria-describedby={state.error ? `${chart}-png-error` : undefined}>
        {state.busy ? 'PNG…' : 'PNG'}
      </button>
      {state.error ? (
        <span id={`${chart}-png-error`} role="alert" className="field-error">
          {' '}
          {state.error}
        </span>
      ) : null}
    </p>
  );
}
