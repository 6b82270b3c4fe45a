import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { rolesOf, useSession } from '../../session/session';
import { DashboardPage } from '../dpd/DashboardPage';
import { HeadHome } from '../head/HeadHome';

/** "Accueil": what awaits the user, by role (a head: its registers' counters). */
export function HomePage() {
  const { user } = useSession();
  const roles = rolesOf(user);
  return (
    <>
      <h1>Bonjour {user?.displayName}</h1>
      {roles.has('TEACHER') && (
        <section aria-labelledby="titre-enseignant" className="fr-mb-6w">
          <h2 id="titre-enseignant">Vos outils numériques</h2>
          <p>
            Déclarez les outils que vous utilisez avec vos élèves ; votre chef d’établissement les approuve.
          </p>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Tile
                title="Déclarer un outil"
                desc="Un formulaire guidé, avec les fiches de l’académie"
                linkProps={{ to: '/declarations/nouvelle' }}
                titleAs="h3"
              />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Tile
                title="Mes déclarations"
                desc="Brouillons, décisions et commentaires"
                linkProps={{ to: '/declarations' }}
                titleAs="h3"
              />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Tile
                title="Signaler un incident"
                desc="Perte, vol, fuite de données : en deux minutes"
                linkProps={{ to: '/incidents/nouveau' }}
                titleAs="h3"
              />
            </div>
          </div>
        </section>
      )}
      {roles.has('DPD') && <DashboardPage />}
      {roles.has('HEAD') && <HeadHome />}
      {roles.has('ADMIN') && (
        <section aria-labelledby="titre-administration" className="fr-mb-6w">
          <h2 id="titre-administration">Administration</h2>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Tile
                title="Académies"
                desc="Leur DPD et leur RSSI"
                linkProps={{ to: '/admin/academies' }}
                titleAs="h3"
              />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Tile
                title="Établissements"
                desc="Créer un établissement, son UAI vérifié"
                linkProps={{ to: '/admin/etablissements' }}
                titleAs="h3"
              />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <Tile
                title="Comptes"
                desc="Créer un compte, ses rôles"
                linkProps={{ to: '/admin/comptes' }}
                titleAs="h3"
              />
            </div>
          </div>
        </section>
      )}
    </>
  );
}
