import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { useQuery } from 'urql';
import { graphql } from '../../api/gql';
import { schoolsWith, useSession } from '../../session/session';

const HeadHomeQuery = graphql(`
  query HeadHome {
    schools(first: 50) {
      nodes {
        id
        name
        stats {
          activeTreatments
          pendingDeclarations
          openViolations
          overdueCnilNotifications
        }
      }
    }
  }
`);

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The head's home: for each school it runs, what waits and where to go. */
export function HeadHome() {
  const { user } = useSession();
  const headed = new Set(schoolsWith(user, 'HEAD').map((s) => s.id));
  const [{ data }] = useQuery({ query: HeadHomeQuery, requestPolicy: 'cache-and-network' });
  const schools = (data?.schools.nodes ?? []).filter((s) => headed.has(s.id));
  return (
    <section aria-labelledby="titre-chef" className="fr-mb-6w">
      <h2 id="titre-chef">Vos registres</h2>
      <p>
        Vous êtes responsable des traitements de données de votre établissement : tenez ses deux registres et
        décidez des outils que les enseignants utilisent.
      </p>
      {schools.map((school) => {
        const q = schools.length > 1 ? `?etablissement=${school.id}` : '';
        const s = school.stats;
        return (
          <div key={school.id} className="fr-mb-4w">
            {schools.length > 1 && <h3>{school.name}</h3>}
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-4">
                <Tile
                  title="À traiter"
                  desc={`${count(s.pendingDeclarations, 'déclaration à décider', 'déclarations à décider')}, ${count(
                    s.openViolations,
                    'violation ouverte',
                    'violations ouvertes',
                  )}`}
                  linkProps={{ to: '/a-traiter' }}
                  titleAs={schools.length > 1 ? 'h4' : 'h3'}
                />
              </div>
              <div className="fr-col-12 fr-col-md-4">
                <Tile
                  title="Registre des traitements"
                  desc={count(s.activeTreatments, 'traitement actif', 'traitements actifs')}
                  linkProps={{ to: `/registre${q}` }}
                  titleAs={schools.length > 1 ? 'h4' : 'h3'}
                />
              </div>
              <div className="fr-col-12 fr-col-md-4">
                <Tile
                  title="Registre des violations"
                  desc={
                    s.overdueCnilNotifications > 0
                      ? `${count(s.openViolations, 'violation ouverte', 'violations ouvertes')}, dont ${count(
                          s.overdueCnilNotifications,
                          'en retard de notification',
                          'en retard de notification',
                        )}`
                      : count(s.openViolations, 'violation ouverte', 'violations ouvertes')
                  }
                  linkProps={{ to: `/violations${q}` }}
                  titleAs={schools.length > 1 ? 'h4' : 'h3'}
                />
              </div>
            </div>
          </div>
        );
      })}
    </section>
  );
}
