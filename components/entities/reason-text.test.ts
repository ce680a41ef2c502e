import { describe, expect, it } from 'vitest';
import { previewOf } from './reason-text';

describe('previewOf', () => {
  it('keeps a short text whole', () => {
    expect(previewOf('Owned or controlled by MODAFL.', 140)).toBe('Owned or controlled by MODAFL.');
  });

  it('cuts a long text at a word boundary, without trailing punctuation', () => {
    const text = 'Shahed Aviation Industries is an Islamic Revolutionary Guard Corps Aerospace Force-linked company in Iran, responsible for the design and development of the Shahed series.';
    const p = previewOf(text, 100);
    expect(p.length).toBeLessThanOrEqual(100);
    expect(text.startsWith(p)).toBe(true);
    expect(p).toBe('Shahed Aviation Industries is an Islamic Revolutionary Guard Corps Aerospace Force-linked company');
    expect(previewOf('Iran, responsible for it all', 6)).toBe('Iran');
  });

  it('cuts inside a very long word rather than returning almost nothing', () => {
    expect(previewOf(`a ${'x'.repeat(50)}`, 20)).toBe(`a ${'x'.repeat(18)}`);
  });
});
