// The as-of footer of exported SVGs (issue 26): under the source line, escaped like every text.
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from './svg';
import type { ChartData } from './chart-data';
import { parseSvg } from '../../test/svg';

const chart: ChartData = {
  chart: 'overview',
  title: 'New designations per quarter',
  subtitle: 'all authorities; counted by listing date',
  source: 'Sources: test',
  xLabel: 'Listing date, per quarter',
  yLabel: 'Designations',
  style: 'bars',
  bins: [{ key: '2022-Q1', label: '2022 Q1' }],
  series: [{ key: 'EU', label: 'EU', color: '#E69F00' }],
  layers: [{ kind: 'designations', label: 'Listed', sign: 1, values: [{ EU: 2 }] }],
  milestones: [],
};
const at = new Date('2026-12-07T12:00:00Z');

describe('the SVG as-of footer', () => {
  it('draws each footer line below the source line, escaped', () => {
    const { nodes } = parseSvg(renderChartSvg(chart, at, ['Frozen on 2026-12-01 10:00 UTC. Data as of: OFAC SDN 2024-05-03 · EU <2026-07-30> & "UK"']));
    const source = nodes.findIndex((n) => n.attributes['data-role'] === 'source');
    const footer = nodes.filter((n) => n.attributes['data-role'] === 'as-of');
    expect(footer.map((n) => n.text).join(' ')).toBe('Frozen on 2026-12-01 10:00 UTC. Data as of: OFAC SDN 2024-05-03 · EU <2026-07-30> & "UK"');
    expect(nodes.indexOf(footer[0]!)).toBeGreaterThan(source);
    expect(Number(footer[0]!.attributes.y)).toBeGreaterThan(Number(nodes[source]!.attributes.y));
  });

  it('is absent when no footer is given', () => {
    expect(parseSvg(renderChartSvg(chart, at)).nodes.some((n) => n.attributes['data-role'] === 'as-of')).toBe(false);
  });
});
