/** The check letters of a UAI, indexed by the first seven digits mod 23 (no I, O, Q). */
const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** The French message for a malformed UAI, beside the field, on the server and in the browser. */
export const UAI_MESSAGE = 'UAI invalide : 7 chiffres suivis de la lettre de contrôle (ex. 0310024H).';

/** 7 digits and the check letter: letter = UAI_LETTERS[first seven digits mod 23]. */
export function isValidUai(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{7}[A-Z]$/i.test(value)) return false;
  return UAI_LETTERS[Number(value.slice(0, 7)) % 23] === value[7].toUpperCase();
}

/** The check letter of a 7-digit UAI prefix (used by seeds and tests). */
export function uaiFor(digits: number): string {
  const prefix = String(digits).padStart(7, '0');
  return prefix + UAI_LETTERS[Number(prefix) % 23];
}
