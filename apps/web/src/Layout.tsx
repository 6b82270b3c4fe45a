import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { useEffect, useMemo } from 'react';
import { Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from './api/gql';
import type { Page } from './router';
import { PAGES } from './router';
import { rolesOf, useSession } from './session/session';

const SERVICE = 'Registre RGPD';

// the header's count; read again on each page and after markNotificationsRead (its Notification typename)
const UnreadNotificationsQuery = graphql(`
  query UnreadNotifications {
    myNotifications(first: 1, filter: { unreadOnly: true }) {
      totalCount
    }
  }
`);

function notificationsLabel(unread: number): string {
  return unread > 0 ? `Notifications (${unread} non lue${unread > 1 ? 's' : ''})` : 'Notifications';
}

/** The État's page frame: header with the Marianne block, main navigation by role, footer. */
export function Layout() {
  const { user, status, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const page = useMatches().at(-1)?.handle as Page | undefined;
  useEffect(() => {
    document.title = page ? `${page.title} — ${SERVICE}` : `Page introuvable — ${SERVICE}`;
  }, [page]);
  const context = useMemo(() => ({ additionalTypenames: ['Notification'] }), []);
  const [unread, refetchUnread] = useQuery({
    query: UnreadNotificationsQuery,
    pause: status !== 'authenticated',
    context,
  });
  useEffect(() => {
    if (status === 'authenticated') refetchUnread({ requestPolicy: 'network-only' });
  }, [location.pathname]);
  const held = rolesOf(user);
  const menu = PAGES.filter(
    (p) => p.menu && (p.roles.length === 0 || p.roles.some((role) => held.has(role))),
  );
  // the menu entry of the current page: the longest link the path starts with (/registre for /registre/…)
  const within = (link: string) =>
    location.pathname === link || (link !== '/' && location.pathname.startsWith(`${link}/`));
  const active = menu
    .map((p) => p.menuPath ?? p.path)
    .filter(within)
    .sort((a, b) => b.length - a.length)[0];
  return (
    <>
      <SkipLinks
        links={[
          { anchor: '#contenu', label: 'Contenu' },
          { anchor: '#navigation-principale', label: 'Menu' },
          { anchor: '#pied-de-page', label: 'Pied de page' },
        ]}
      />
      <Header
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        homeLinkProps={{ to: '/', title: `Accueil — ${SERVICE}` }}
        serviceTitle={SERVICE}
        serviceTagline="Protection des données personnelles dans les écoles et établissements"
        quickAccessItems={
          status === 'authenticated'
            ? [
                {
                  iconId: 'fr-icon-account-circle-line',
                  text: user?.displayName ?? '',
                  linkProps: { to: '/' },
                },
                {
                  iconId: 'fr-icon-notification-3-line',
                  text: notificationsLabel(unread.data?.myNotifications.totalCount ?? 0),
                  linkProps: { to: '/notifications' },
                },
                {
                  iconId: 'fr-icon-logout-box-r-line',
                  text: 'Se déconnecter',
                  buttonProps: {
                    onClick: () => {
                      void logout().then(() => navigate('/connexion'));
                    },
                  },
                },
              ]
            : []
        }
        navigation={
          status === 'authenticated'
            ? menu.map((p) => ({
                text: p.menu,
                linkProps: { to: p.menuPath ?? p.path },
                isActive: (p.menuPath ?? p.path) === active,
              }))
            : undefined
        }
        id="navigation-principale"
      />
      <main id="contenu" role="main" tabIndex={-1} className="fr-container fr-py-6w">
        <Outlet />
      </main>
      <Footer
        id="pied-de-page"
        accessibility="partially compliant"
        contentDescription="Le registre des activités de traitement et des violations de données des écoles et établissements de l’académie, tenu par les chefs d’établissement avec le délégué à la protection des données."
        bottomItems={[]}
      />
    </>
  );
}
