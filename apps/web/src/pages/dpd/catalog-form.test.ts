import { describe, expect, it } from 'vitest';
import { EMPTY_CATALOG_FORM, formOf, parseAliases, toInput, toPatch, withAlternative } from './catalog-form';

const saved = {
  name: 'Kahoot!',
  aliases: ['kahoot.it', 'Kahoot'],
  vendor: 'Kahoot ASA',
  url: null,
  description: null,
  dataCategories: ['IDENTITY' as const],
  hosting: 'EU' as const,
  hostingCountry: 'Norvège',
  freeSoftware: 'NO' as const,
  institutional: false,
  commercialReuse: 'UNKNOWN' as const,
  retentionMonths: 12,
  securityMeasures: null,
  opinion: 'ALLOWED_WITH_CONDITIONS' as const,
  conditions: 'Pseudonymes obligatoires.',
};

describe('the catalogue entry form', () => {
  it('reads aliases separated by commas or lines, trimmed, without empties or repeats', () => {
    expect(parseAliases(' Kahoot , kahoot.it\n\nKahoot\n  Kahoot! ,')).toEqual([
      'Kahoot',
      'kahoot.it',
      'Kahoot!',
    ]);
    expect(parseAliases('')).toEqual([]);
  });

  it('sends a creation whole, empty texts as null and months as a number', () => {
    const input = toInput({
      ...EMPTY_CATALOG_FORM,
      name: ' Quizlet ',
      aliases: 'quizlet.com',
      retentionMonths: '24',
    });
    expect(input).toMatchObject({
      name: 'Quizlet',
      aliases: ['quizlet.com'],
      vendor: null,
      retentionMonths: 24,
      opinion: 'PENDING',
    });
    // not a whole number: a value the API refuses beside the field, not a GraphQL coercion error
    expect(toInput({ ...EMPTY_CATALOG_FORM, retentionMonths: 'douze' }).retentionMonths).toBe(-1);
  });

  it('patches only what changed; a cleared text is null; aliases compare as a list', () => {
    const loaded = formOf(saved);
    expect(loaded.aliases).toBe('kahoot.it\nKahoot');
    expect(toPatch(loaded, loaded)).toEqual({});
    expect(toPatch({ ...loaded, aliases: 'kahoot.it, Kahoot' }, loaded)).toEqual({});
    expect(
      toPatch({ ...loaded, opinion: 'FORBIDDEN', hostingCountry: '', retentionMonths: '' }, loaded),
    ).toEqual({
      opinion: 'FORBIDDEN',
      hostingCountry: null,
      retentionMonths: null,
    });
  });

  it('sends the alternatives as their ids, patched only when the list changed', () => {
    const loaded = formOf({ ...saved, alternatives: [{ id: 'a1', name: 'Wooclap' }] });
    expect(loaded.alternatives).toEqual([{ id: 'a1', name: 'Wooclap' }]);
    expect(toInput(loaded).alternativeIds).toEqual(['a1']);
    expect(toPatch(loaded, loaded)).toEqual({});
    const added = withAlternative(loaded.alternatives, { id: 'a2', name: 'Mentimeter' }, 'self');
    expect(toPatch({ ...loaded, alternatives: added }, loaded)).toEqual({ alternativeIds: ['a1', 'a2'] });
    expect(toPatch({ ...loaded, alternatives: [] }, loaded)).toEqual({ alternativeIds: [] });
    expect(formOf(saved).alternatives).toEqual([]);
  });

  it('adds an alternative once, and never the entry itself', () => {
    const chosen = [{ id: 'a1', name: 'Wooclap' }];
    expect(withAlternative(chosen, { id: 'a1', name: 'Wooclap' }, 'self')).toEqual(chosen);
    expect(withAlternative(chosen, { id: 'self', name: 'Kahoot!' }, 'self')).toEqual(chosen);
    expect(withAlternative(chosen, { id: 'a2', name: 'Mentimeter' }, 'self')).toEqual([
      ...chosen,
      { id: 'a2', name: 'Mentimeter' },
    ]);
  });
});
