import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/gql/graphql';
import { rolesOf, useSession } from './session';

/**
 * A page's guard: a visitor without a session goes to "Connexion" (and comes back after); a user
 * without one of `roles` is told the page is not for its role. `roles` empty: any signed-in user.
 * The API decides what each user may read and do; this only spares pages that would be refused.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { status, user } = useSession();
  const location = useLocation();
  if (status === 'loading') return <p aria-live="polite">Chargement…</p>;
  if (status === 'anonymous') {
    return <Navigate to="/connexion" replace state={{ from: location.pathname + location.search }} />;
  }
  const held = rolesOf(user);
  if (roles.length > 0 && !roles.some((role) => held.has(role))) {
    return (
      <Alert
        severity="warning"
        title="Page réservée"
        description="Cette page n’est pas ouverte à votre rôle. Revenez à l’accueil pour retrouver vos démarches."
      />
    );
  }
  return <>{children}</>;
}
