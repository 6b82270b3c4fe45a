import { describe, expect, it } from 'vitest';
import { changedTexts } from './EditEntityForm';

describe('changedTexts', () => {
  it('sends only the texts that changed, trimmed, a cleared one as null', () => {
    const loaded = { name: 'Collège Jean Jaurès', city: 'Albi', phone: '05 63 00 00 00' };
    expect(changedTexts({ ...loaded, name: ' Collège Jean Jaurès  ' }, loaded)).toEqual({});
    expect(changedTexts({ ...loaded, city: ' Castres ', phone: '  ' }, loaded)).toEqual({
      city: 'Castres',
      phone: null,
    });
  });
});
