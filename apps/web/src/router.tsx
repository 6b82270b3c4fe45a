import { type ReactNode, Suspense } from 'react';
import { createBrowserRouter, matchRoutes, type RouteObject } from 'react-router';
import type { Role } from './api/gql/graphql';
import { Layout } from './Layout';
import { LoginPage } from './pages/auth/LoginPage';
import { HomePage } from './pages/home/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RequireRole } from './session/RequireRole';
import { lazyPage, preloadPage } from './lazy-page';

// every page but the first ones is its own chunk, fetched when its route is opened (lazy-page.ts)
const DeclarationFormPage = lazyPage(() =>
  import('./pages/declarations/DeclarationFormPage').then((m) => m.DeclarationFormPage),
);
const MyDeclarationsPage = lazyPage(() =>
  import('./pages/declarations/MyDeclarationsPage').then((m) => m.MyDeclarationsPage),
);
const AccountsPage = lazyPage(() => import('./pages/admin/AccountsPage').then((m) => m.AccountsPage));
const AcademiesPage = lazyPage(() => import('./pages/admin/AcademiesPage').then((m) => m.AcademiesPage));
const AdminSchoolsPage = lazyPage(() =>
  import('./pages/admin/AdminSchoolsPage').then((m) => m.AdminSchoolsPage),
);
const AcademyEditPage = lazyPage(() =>
  import('./pages/admin/AcademyEditPage').then((m) => m.AcademyEditPage),
);
const SchoolEditPage = lazyPage(() => import('./pages/admin/SchoolEditPage').then((m) => m.SchoolEditPage));
const AuditIntegrityPage = lazyPage(() =>
  import('./pages/dpd/AuditIntegrityPage').then((m) => m.AuditIntegrityPage),
);
const CatalogPage = lazyPage(() => import('./pages/dpd/CatalogPage').then((m) => m.CatalogPage));
const CatalogToolPage = lazyPage(() => import('./pages/dpd/CatalogToolPage').then((m) => m.CatalogToolPage));
const DeclarationsQueuePage = lazyPage(() =>
  import('./pages/dpd/DeclarationsQueuePage').then((m) => m.DeclarationsQueuePage),
);
const DpdViolationPage = lazyPage(() =>
  import('./pages/dpd/DpdViolationPage').then((m) => m.DpdViolationPage),
);
const SchoolPage = lazyPage(() => import('./pages/dpd/SchoolPage').then((m) => m.SchoolPage));
const SchoolsPage = lazyPage(() => import('./pages/dpd/SchoolsPage').then((m) => m.SchoolsPage));
const TreatmentsQueuePage = lazyPage(() =>
  import('./pages/dpd/TreatmentsQueuePage').then((m) => m.TreatmentsQueuePage),
);
const ViolationsQueuePage = lazyPage(() =>
  import('./pages/dpd/ViolationsQueuePage').then((m) => m.ViolationsQueuePage),
);
const RightsRequestCreatePage = lazyPage(() =>
  import('./pages/rights/RightsRequestPage').then((m) => m.RightsRequestCreatePage),
);
const RightsRequestPage = lazyPage(() =>
  import('./pages/rights/RightsRequestPage').then((m) => m.RightsRequestPage),
);
const RightsRequestsPage = lazyPage(() =>
  import('./pages/rights/RightsRequestsPage').then((m) => m.RightsRequestsPage),
);
const DecisionPage = lazyPage(() => import('./pages/head/DecisionPage').then((m) => m.DecisionPage));
const ImportPage = lazyPage(() => import('./pages/head/ImportPage').then((m) => m.ImportPage));
const ExportsPage = lazyPage(() => import('./pages/head/ExportsPage').then((m) => m.ExportsPage));
const TeachersPage = lazyPage(() => import('./pages/head/TeachersPage').then((m) => m.TeachersPage));
const ToDoPage = lazyPage(() => import('./pages/head/ToDoPage').then((m) => m.ToDoPage));
const TreatmentCreatePage = lazyPage(() =>
  import('./pages/head/TreatmentEditPage').then((m) => m.TreatmentCreatePage),
);
const TreatmentEditPage = lazyPage(() =>
  import('./pages/head/TreatmentEditPage').then((m) => m.TreatmentEditPage),
);
const TreatmentPage = lazyPage(() => import('./pages/head/TreatmentPage').then((m) => m.TreatmentPage));
const TreatmentsPage = lazyPage(() => import('./pages/head/TreatmentsPage').then((m) => m.TreatmentsPage));
const ViolationPage = lazyPage(() => import('./pages/head/ViolationPage').then((m) => m.ViolationPage));
const ViolationsPage = lazyPage(() => import('./pages/head/ViolationsPage').then((m) => m.ViolationsPage));
const NotificationsPage = lazyPage(() =>
  import('./pages/notifications/NotificationsPage').then((m) => m.NotificationsPage),
);
const EntryRedirectPage = lazyPage(() =>
  import('./pages/notifications/EntryRedirectPage').then((m) => m.EntryRedirectPage),
);
const ForgottenPasswordPage = lazyPage(() =>
  import('./pages/auth/PasswordPages').then((m) => m.ForgottenPasswordPage),
);
const ChoosePasswordPage = lazyPage(() =>
  import('./pages/auth/PasswordPages').then((m) => m.ChoosePasswordPage),
);
const IncidentReportPage = lazyPage(() =>
  import('./pages/violations/IncidentReportPage').then((m) => m.IncidentReportPage),
);

/** A page of the application: where it is, who may open it, and its entry in the main menu. */
export interface Page {
  path: string;
  /** the page's title (document title and h1) */
  title: string;
  /** roles that may open it; empty: any signed-in user */
  roles: readonly Role[];
  /** label in the main navigation, for the roles above; none: not in the menu */
  menu?: string;
  /** the menu's link, when the path has a parameter */
  menuPath?: string;
  element: ReactNode;
}

const STAFF: readonly Role[] = ['TEACHER', 'HEAD'];

/**
 * Every page of the application, in one list. To add one: a component under pages/<area>/, an
 * entry here (path, title, roles, menu), and its GraphQL documents in the component
 * (`npm run codegen` types them).
 */
export const PAGES: readonly Page[] = [
  { path: '/', title: 'Accueil', roles: [], menu: 'Accueil', element: <HomePage /> },
  {
    path: '/declarations',
    title: 'Mes déclarations',
    roles: ['TEACHER'],
    menu: 'Mes déclarations',
    element: <MyDeclarationsPage />,
  },
  {
    // "nouvelle", then the draft's id once saved: one route, so the form stays as it is
    path: '/declarations/:id',
    title: 'Déclarer un outil',
    roles: ['TEACHER'],
    menu: 'Déclarer un outil',
    menuPath: '/declarations/nouvelle',
    element: <DeclarationFormPage />,
  },
  {
    path: '/incidents/nouveau',
    title: 'Signaler un incident',
    roles: STAFF,
    menu: 'Signaler un incident',
    element: <IncidentReportPage />,
  },
  { path: '/notifications', title: 'Mes notifications', roles: [], element: <NotificationsPage /> },
  // an e-mail's link to an entry: on to the reader's own page of it (pages/notifications/entry-page.ts)
  { path: '/fiche/:kind/:id', title: 'Ouverture de la fiche', roles: [], element: <EntryRedirectPage /> },
  // --- the head's workspace (#23) ---
  { path: '/a-traiter', title: 'À traiter', roles: ['HEAD'], menu: 'À traiter', element: <ToDoPage /> },
  { path: '/decisions/:id', title: 'Décider d’une déclaration', roles: ['HEAD'], element: <DecisionPage /> },
  {
    path: '/registre',
    title: 'Registre des traitements',
    roles: ['HEAD'],
    menu: 'Registre des traitements',
    element: <TreatmentsPage />,
  },
  {
    path: '/registre/nouveau',
    title: 'Créer un traitement',
    roles: ['HEAD'],
    element: <TreatmentCreatePage />,
  },
  {
    path: '/registre/importer',
    title: 'Importer des traitements',
    roles: ['HEAD'],
    element: <ImportPage />,
  },
  { path: '/registre/:id', title: 'Fiche du traitement', roles: ['HEAD'], element: <TreatmentPage /> },
  {
    path: '/registre/:id/modifier',
    title: 'Modifier un traitement',
    roles: ['HEAD'],
    element: <TreatmentEditPage />,
  },
  {
    path: '/violations',
    title: 'Registre des violations',
    roles: ['HEAD'],
    menu: 'Registre des violations',
    element: <ViolationsPage />,
  },
  { path: '/violations/:id', title: 'Fiche de la violation', roles: ['HEAD'], element: <ViolationPage /> },
  {
    path: '/enseignants',
    title: 'Enseignants',
    roles: ['HEAD'],
    menu: 'Enseignants',
    element: <TeachersPage />,
  },
  { path: '/exports', title: 'Exports', roles: ['HEAD'], menu: 'Exports', element: <ExportsPage /> },
  {
    path: '/demandes',
    title: 'Demandes de droits',
    roles: ['HEAD'],
    menu: 'Demandes de droits',
    element: <RightsRequestsPage />,
  },
  {
    path: '/demandes/nouvelle',
    title: 'Enregistrer une demande de droits',
    roles: ['HEAD'],
    element: <RightsRequestCreatePage />,
  },
  { path: '/demandes/:id', title: 'Demande de droits', roles: ['HEAD'], element: <RightsRequestPage /> },
  // --- end of the head's workspace ---
  // --- the DPD's académie (#24) ---
  {
    path: '/dpd/declarations',
    title: 'Déclarations de l’académie',
    roles: ['DPD'],
    menu: 'Déclarations',
    element: <DeclarationsQueuePage />,
  },
  {
    path: '/dpd/declarations/:id',
    title: 'Déclaration d’outil',
    roles: ['DPD'],
    element: <DecisionPage reviewer />,
  },
  {
    path: '/dpd/traitements',
    title: 'Traitements de l’académie',
    roles: ['DPD'],
    menu: 'Traitements',
    element: <TreatmentsQueuePage />,
  },
  {
    path: '/dpd/traitements/:id',
    title: 'Fiche du traitement',
    roles: ['DPD'],
    element: <TreatmentPage reviewer />,
  },
  {
    path: '/dpd/violations',
    title: 'Violations de l’académie',
    roles: ['DPD'],
    menu: 'Violations',
    element: <ViolationsQueuePage />,
  },
  {
    path: '/dpd/violations/:id',
    title: 'Fiche de la violation',
    roles: ['DPD'],
    element: <DpdViolationPage />,
  },
  {
    path: '/dpd/demandes',
    title: 'Demandes de droits de l’académie',
    roles: ['DPD'],
    menu: 'Demandes de droits',
    element: <RightsRequestsPage dpd />,
  },
  {
    path: '/dpd/demandes/:id',
    title: 'Demande de droits',
    roles: ['DPD'],
    element: <RightsRequestPage reviewer />,
  },
  {
    path: '/dpd/etablissements',
    title: 'Établissements',
    roles: ['DPD'],
    menu: 'Établissements',
    element: <SchoolsPage />,
  },
  {
    path: '/dpd/etablissements/:id',
    title: 'Fiche de l’établissement',
    roles: ['DPD'],
    element: <SchoolPage />,
  },
  // --- the académie's tool catalogue (#18) ---
  {
    path: '/dpd/catalogue',
    title: 'Catalogue de l’académie',
    roles: ['DPD'],
    menu: 'Catalogue',
    element: <CatalogPage />,
  },
  // "nouveau", then the entry's id once created: one route, as the declaration form
  { path: '/dpd/catalogue/:id', title: 'Fiche du catalogue', roles: ['DPD'], element: <CatalogToolPage /> },
  {
    path: '/dpd/audit',
    title: 'Journal d’audit',
    roles: ['DPD'],
    menu: 'Journal d’audit',
    element: <AuditIntegrityPage />,
  },
  // --- administration (#24) ---
  {
    path: '/admin/academies',
    title: 'Académies',
    roles: ['ADMIN'],
    menu: 'Académies',
    element: <AcademiesPage />,
  },
  {
    path: '/admin/etablissements',
    title: 'Établissements',
    roles: ['ADMIN'],
    menu: 'Établissements',
    element: <AdminSchoolsPage />,
  },
  {
    path: '/admin/academies/:id',
    title: 'Modifier une académie',
    roles: ['ADMIN'],
    element: <AcademyEditPage />,
  },
  {
    path: '/admin/etablissements/:id',
    title: 'Modifier un établissement',
    roles: ['ADMIN'],
    element: <SchoolEditPage />,
  },
  { path: '/admin/comptes', title: 'Comptes', roles: ['ADMIN'], menu: 'Comptes', element: <AccountsPage /> },
];

const LOGIN_PAGE: Page = { path: '/connexion', title: 'Connexion', roles: [], element: null };
// pages without a session: those an e-mail's personal link opens (pages/auth/PasswordPages.tsx)
const publicPage = (path: string, title: string, element: ReactNode): RouteObject => ({
  path,
  handle: { path, title, roles: [], element } satisfies Page,
  element: <Suspense fallback={<p aria-live="polite">Chargement…</p>}>{element}</Suspense>,
});

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: '/connexion', handle: LOGIN_PAGE, element: <LoginPage /> },
      publicPage('/mot-de-passe/oublie', 'Mot de passe oublié', <ForgottenPasswordPage />),
      publicPage('/mot-de-passe/choisir', 'Choisir mon mot de passe', <ChoosePasswordPage invitation />),
      publicPage('/mot-de-passe/reinitialiser', 'Choisir un nouveau mot de passe', <ChoosePasswordPage />),
      ...PAGES.map((page) => ({
        path: page.path,
        handle: page,
        element: (
          <RequireRole roles={page.roles}>
            <Suspense fallback={<p aria-live="polite">Chargement…</p>}>{page.element}</Suspense>
          </RequireRole>
        ),
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  for (const match of matchRoutes(routes, window.location) ?? []) {
    preloadPage((match.route.handle as Page | undefined)?.element);
  }
  return createBrowserRouter(routes);
}
