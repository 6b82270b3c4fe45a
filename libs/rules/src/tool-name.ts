/**
 * RULES.md, "Catalogue": a tool's name, normalised — lower case, accents removed, every character that
 * is not a letter or digit dropped ("Kahoot!", "kahoot", "KAHOOT" are one name). Names and aliases are
 * unique within an académie in this form, and declarations are linked to entries by it. Pure: the web
 * app uses it to show that "Kahoot !" is already in the catalogue.
 *
 * Letters are the Latin ones once accents are removed (a–z): the database's form, `tool_name_key()`
 * (migrations/1764000004000-catalog.ts), folds with unaccent and keeps [a-z0-9]; both agree on the
 * ligatures unaccent expands (œ, æ, ß…), checked by tests/integration/catalog.spec.ts.
 */
const EXPANDED: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
};

export function normaliseToolName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[œæßøłđðþ]/g, (c) => EXPANDED[c])
    .replace(/[^a-z0-9]/g, '');
}

/** The SQL form of normaliseToolName, for a column or expression (the function the migration defines). */
export const toolNameKeySql = (expression: string): string => `tool_name_key(${expression})`;
