// One colour per authority, the same on every chart, badge and export (STYLE.md "Look and feel").
// Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
export const AUTHORITY_COLORS: Record<string, string> = {
  'US-OFAC': '#0072B2',
  EU: '#E69F00',
  UK: '#D55E00',
  UN: '#56B4E9',
  CA: '#CC79A7',
  AU: '#009E73',
  JP: '#8C6D1F',
  CH: '#7F7F7F',
};

// For authorities and other series without a fixed colour: the rest of the palette, then greys.
const FALLBACK = ['#009E73', '#CC79A7', '#56B4E9', '#8C6D1F', '#332288', '#882255', '#44AA99', '#999933', '#AA4499', '#6699CC'];

export function seriesColor(key: string, index: number): string {
  return AUTHORITY_COLORS[key] ?? FALLBACK[index % FALLBACK.length] ?? '#777777';
}

/** Milestones use neutral ink so they never compete with the data; categories differ by dash. */
export const MILESTONE_DASH: Record<string, string> = {
  DIPLOMATIC: '6 3',
  NUCLEAR: '2 3',
  MILITARY: '10 3 2 3',
  SANCTIONS: '1 0',
  DOMESTIC: '4 4',
  POLITICAL: '8 4',
};
