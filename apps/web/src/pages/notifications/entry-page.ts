import { entityTypeOfKind, type LinkedEntityType } from '@app/rules/entry-links';
import type { Role } from '../../api/gql/graphql';
import type { SessionUser } from '../../session/session';

/** Where each role reads an entry (the routes of router.tsx); a role absent has no page for it. */
const PAGE_OF: Record<LinkedEntityType, Partial<Record<Role, string>>> = {
  Violation: { HEAD: '/violations', DPD: '/dpd/violations' },
  ToolDeclaration: { HEAD: '/decisions', DPD: '/dpd/declarations', TEACHER: '/declarations' },
  Treatment: { HEAD: '/registre', DPD: '/dpd/traitements' },
  RightsRequest: { HEAD: '/demandes', DPD: '/dpd/demandes' },
};

/**
 * The user's page of an entry a notification names: the head's page when the user heads the entry's
 * school (any school when the school is not known, as from an e-mail's link), else the DPD's, else
 * the teacher's (a declaration's author); null when the user has none.
 */
export function entryPage(
  user: SessionUser | null,
  entityType: string | null | undefined,
  id: string | null | undefined,
  schoolId?: string | null,
): string | null {
  const pages = entityType ? PAGE_OF[entityType as LinkedEntityType] : undefined;
  if (!user || !pages || !id) return null;
  const holds = (role: Role) =>
    user.grants.some(
      (grant) => grant.role === role && (role !== 'HEAD' || !schoolId || grant.school?.id === schoolId),
    );
  const role = (['HEAD', 'DPD', 'TEACHER'] as const).find((r) => pages[r] && holds(r));
  return role ? `${pages[role]}/${encodeURIComponent(id)}` : null;
}

/** The page behind an e-mail's `/fiche/<kind>/<id>` (libs/rules/src/entry-links.ts). */
export function entryPageOfAddress(user: SessionUser | null, kind: string, id: string): string | null {
  return entryPage(user, entityTypeOfKind(kind), id);
}

/** A notification's subject without the e-mails' "[Registre RGPD]" tag: the page is the registre's own. */
export function notificationTitle(subject: string): string {
  return subject.replace(/^\[Registre RGPD\]\s*/, '');
}
