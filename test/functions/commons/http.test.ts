import { describe, expect, it } from 'vitest';
import { illFormedText } from '../../../functions/commons/http.js';

describe('illFormedText', () => {
  it('finds a lone surrogate in a value or a field name and names its path', () => {
    expect(illFormedText({ kind: 'note', text: 'Halvt \ud800 tegn' })).toBe('text');
    expect(illFormedText({ interventions: [{ goal: 'ok' }, { goal: '\udc00' }] })).toBe('interventions.1.goal');
    expect(illFormedText({ ['\ud800']: 1 })).toBe('(field name)');
    expect(illFormedText('\ud83d')).toBe('');
  });

  it('accepts well-formed text, pairs included, and survives deep nesting', () => {
    expect(illFormedText({ name: 'Søren Ærø 😀', n: 1, list: [null, true, 'å'] })).toBeNull();
    let deep: unknown = 'ok';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(illFormedText(deep)).toBeNull();
  });
});
