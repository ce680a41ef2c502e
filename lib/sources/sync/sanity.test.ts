import { describe, expect, it } from 'vitest';
import { contentTypeProblem, fileKindOf, headProblem, xmlEndProblem, xmlRootName } from './sanity';

describe('download sanity', () => {
  it('accepts plausible content types and generic downloads, refuses HTML and others', () => {
    expect(contentTypeProblem('xml', 'application/xml; charset=utf-8')).toBeNull();
    expect(contentTypeProblem('xml', 'text/xml')).toBeNull();
    expect(contentTypeProblem('csv', 'text/csv')).toBeNull();
    expect(contentTypeProblem('csv', 'application/octet-stream')).toBeNull();
    expect(contentTypeProblem('csv', null)).toBeNull();
    expect(contentTypeProblem('xml', 'text/html; charset=utf-8')).toMatch(/HTML page/);
    expect(contentTypeProblem('csv', 'application/pdf')).toMatch(/unexpected Content-Type application\/pdf/);
    expect(contentTypeProblem('xml', 'text/csv')).toMatch(/unexpected/);
  });

  it('sniffs an HTML page and content of the wrong kind', () => {
    expect(headProblem('xml', '\uFEFF<?xml version="1.0"?><export>')).toBeNull();
    expect(headProblem('csv', '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"')).toBeNull();
    expect(headProblem('xml', '<!-- x --><!DOCTYPE html><html>')).toMatch(/HTML page/);
    expect(headProblem('csv', '<html><body>Sign in</body></html>')).toMatch(/HTML page/);
    expect(headProblem('xml', 'ent_num,name')).toMatch(/XML/);
    expect(headProblem('csv', '<?xml version="1.0"?>')).toMatch(/markup/);
  });

  it('knows a complete XML file by the close of its root element', () => {
    const head = '<?xml version="1.0"?>\n<!-- a comment <b> -->\n<export generationDate="2026-05-01">';
    expect(xmlRootName(head)).toBe('export');
    expect(xmlEndProblem(head, '</sanctionEntity>\n</export>\n')).toBeNull();
    expect(xmlEndProblem(head, '</sanctionEntity>\n<sanctionEnt')).toMatch(/truncated/);
    expect(xmlEndProblem('<ns:Root a="1">', '</ns:Root>')).toBeNull();
    expect(xmlEndProblem('', '')).toMatch(/no XML root/);
  });

  it('maps every import format to a file kind', () => {
    expect(fileKindOf('ofac-sdn-csv')).toBe('csv');
    expect(fileKindOf('eu-xml')).toBe('xml');
    expect(fileKindOf('ftm')).toBe('jsonl');
  });
});
