import { describe, expect, it } from 'vitest';
import { linkable, linkedNotice } from './catalog-link';

describe('linking declarations by hand', () => {
  it('offers only the uncatalogued declarations that are not withdrawn', () => {
    const found = [
      { id: 'd1', status: 'SUBMITTED' as const, catalogTool: null },
      { id: 'd2', status: 'APPROVED' as const, catalogTool: { id: 'other' } },
      { id: 'd3', status: 'WITHDRAWN' as const, catalogTool: null },
      { id: 'd4', status: 'DRAFT' as const, catalogTool: null },
    ];
    expect(linkable(found).map((d) => d.id)).toEqual(['d1', 'd4']);
  });

  it('says how many were linked, in French', () => {
    expect(linkedNotice(1)).toBe('1 déclaration rattachée à la fiche.');
    expect(linkedNotice(3)).toBe('3 déclarations rattachées à la fiche.');
  });
});
