/**
 * The address of an entry in the web application that the e-mails link to: `/fiche/<kind>/<id>`.
 * One address for every reader: the web app's route for it (apps/web/src/pages/notifications/
 * entry-page.ts) sends a head to the head's page of the entry and the DPD to the DPD's, so that one
 * message sent to both carries one link that works for each.
 */
export const ENTRY_KINDS = {
  Violation: 'violation',
  ToolDeclaration: 'declaration',
  Treatment: 'traitement',
  RightsRequest: 'demande',
} as const;

export type LinkedEntityType = keyof typeof ENTRY_KINDS;
export type EntryKind = (typeof ENTRY_KINDS)[LinkedEntityType];

/** The entity type (as notifications name it) behind a kind of the address, or null. */
export function entityTypeOfKind(kind: string): LinkedEntityType | null {
  const found = Object.entries(ENTRY_KINDS).find(([, k]) => k === kind);
  return found ? (found[0] as LinkedEntityType) : null;
}

/** `/fiche/<kind>/<id>`, or null for an entity the application has no page for. */
export function entryAddress(entityType: string, id: string): string | null {
  const kind = ENTRY_KINDS[entityType as LinkedEntityType];
  return kind ? `/fiche/${kind}/${encodeURIComponent(id)}` : null;
}
