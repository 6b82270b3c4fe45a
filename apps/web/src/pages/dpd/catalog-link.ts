import type { DeclarationStatus } from '../../api/gql/graphql';

interface FoundDeclaration {
  id: string;
  status: DeclarationStatus;
  catalogTool?: { id: string } | null;
}

/** The declarations a DPD may link by hand: not in the catalogue yet, not withdrawn (as the API). */
export function linkable<D extends FoundDeclaration>(found: readonly D[]): D[] {
  return found.filter((d) => !d.catalogTool && d.status !== 'WITHDRAWN');
}

/** "1 déclaration rattachée", "3 déclarations rattachées". */
export function linkedNotice(count: number): string {
  return count > 1
    ? `${count} déclarations rattachées à la fiche.`
    : `${count} déclaration rattachée à la fiche.`;
}
