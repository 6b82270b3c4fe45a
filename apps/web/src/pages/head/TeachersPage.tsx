import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { PagedList, useListParams } from '../../components/PagedList';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { SchoolPicker, useHeadSchools } from './schools';
import { teacherGrants, teachesIn } from './teachers';

const TeachersQuery = graphql(`
  query SchoolTeachers($first: Int!, $after: String, $filter: UserFilter) {
    me {
      id
      academy {
        id
      }
    }
    users(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        displayName
        email
        active
        grants {
          role
          school {
            id
            name
          }
        }
      }
    }
  }
`);

const CreateTeacherMutation = graphql(`
  mutation CreateTeacher($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      displayName
    }
  }
`);

const SetActiveMutation = graphql(`
  mutation SetTeacherActive($userId: ID!, $active: Boolean!) {
    setUserActive(userId: $userId, active: $active) {
      id
      active
    }
  }
`);

const UpdateGrantsMutation = graphql(`
  mutation UpdateTeacherGrants($userId: ID!, $grants: [RoleGrantInput!]!) {
    updateUserGrants(userId: $userId, grants: $grants) {
      id
      grants {
        role
        school {
          id
          name
        }
      }
    }
  }
`);

const FILTERS = ['recherche', 'compte'] as const;

/** A duplicate address is a CONFLICT for the API, but no one else changed anything: said as an error. */
const asError = (failure: Failure | null): Failure | null =>
  failure?.kind === 'conflict' ? { kind: 'error', message: failure.message } : failure;

/** "Enseignants": the school's teachers; create an account, deactivate one, change its schools. */
export function TeachersPage() {
  const heads = useHeadSchools();
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [search, setSearch] = useState(values.recherche);
  // refetched after any change of an account, even from an empty list (which names no type)
  const context = useMemo(() => ({ additionalTypenames: ['User'] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: TeachersQuery,
    context,
    variables: {
      first: 20,
      after,
      filter: {
        schoolId: heads.school?.id,
        role: 'TEACHER',
        search: values.recherche || undefined,
        active: values.compte === 'actif' ? true : values.compte === 'desactive' ? false : undefined,
      },
    },
    pause: !heads.school,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [rowFailure, setRowFailure] = useState<Failure | null>(null);
  const [, setActive] = useMutation(SetActiveMutation);
  const list = data?.users;

  const toggleActive = async (user: { id: string; displayName: string; active: boolean }) => {
    setNotice(null);
    const result = await setActive({ userId: user.id, active: !user.active });
    const f = toFailure(result.error);
    setRowFailure(f);
    if (!f) {
      setNotice(
        user.active
          ? `Le compte de ${user.displayName} est désactivé : il ne peut plus se connecter et ses sessions sont fermées.`
          : `Le compte de ${user.displayName} est réactivé.`,
      );
    }
  };

  return (
    <>
      <h1>Enseignants</h1>
      <p>
        Les comptes des enseignants de {heads.school?.name ?? 'votre établissement'} : ils déclarent les
        outils qu’ils utilisent et signalent les incidents.
      </p>
      <SchoolPicker {...heads} />
      {data && heads.school && (
        <CreateTeacher
          academyId={data.me.academy.id}
          schools={heads.schools}
          defaultSchoolId={heads.school.id}
          onCreated={(name) => setNotice(`Compte de ${name} créé.`)}
        />
      )}
      <div aria-live="polite">
        {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
        {rowFailure && <Alert severity="error" small description={rowFailure.message} className="fr-mb-3w" />}
      </div>
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w"
        role="search"
        aria-label="Filtrer les enseignants"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('recherche', search.trim());
        }}
      >
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Comptes"
            nativeSelectProps={{ value: values.compte, onChange: (e) => setFilter('compte', e.target.value) }}
          >
            <option value="">Tous les comptes</option>
            <option value="actif">Actifs</option>
            <option value="desactive">Désactivés</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Rechercher un nom ou une adresse"
            nativeInputProps={{ type: 'search', value: search, onChange: (e) => setSearch(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Button type="submit" priority="secondary" iconId="fr-icon-search-line">
            Rechercher
          </Button>
        </div>
      </form>
      {error && <Alert severity="error" small description={toFailure(error)?.message ?? ''} />}
      {fetching && !list && <p aria-live="polite">Chargement…</p>}
      {list && (
        <PagedList
          totalCount={list.totalCount}
          noun={['enseignant', 'enseignants']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucun enseignant ne correspond.</p>}
        >
          <ul className="fr-raw-list" data-testid="teachers">
            {list.nodes.map((user) => (
              <li
                key={user.id}
                className="fr-py-2w"
                style={{ borderBottom: '1px solid var(--border-default-grey)' }}
              >
                <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
                  <div className="fr-col-12 fr-col-md-6">
                    <p className="fr-text--bold fr-mb-0">{user.displayName}</p>
                    <p className="fr-text--sm fr-mb-0">{user.email}</p>
                    <p className="fr-text--xs fr-mb-0">
                      Enseigne dans :{' '}
                      {teachesIn(user.grants)
                        .map((s) => s.name)
                        .join(', ') || '—'}
                    </p>
                  </div>
                  <div className="fr-col-12 fr-col-md-2">
                    <Badge severity={user.active ? 'success' : 'new'} small noIcon>
                      {user.active ? 'Actif' : 'Désactivé'}
                    </Badge>
                  </div>
                  <div className="fr-col-12 fr-col-md-4">
                    <Button
                      type="button"
                      priority="secondary"
                      size="small"
                      onClick={() => void toggleActive(user)}
                    >
                      {user.active ? 'Désactiver' : 'Réactiver'}
                      <span className="fr-sr-only"> le compte de {user.displayName}</span>
                    </Button>
                  </div>
                </div>
                <SchoolsOfTeacher user={user} schools={heads.schools} onSaved={setNotice} />
              </li>
            ))}
          </ul>
        </PagedList>
      )}
    </>
  );
}

function CreateTeacher({
  academyId,
  schools,
  defaultSchoolId,
  onCreated,
}: {
  academyId: string;
  schools: { id: string; name: string }[];
  defaultSchoolId: string;
  onCreated: (name: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [schoolIds, setSchoolIds] = useState<string[]>([defaultSchoolId]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, create] = useMutation(CreateTeacherMutation);

  const submit = async () => {
    const result = await create({
      input: { academyId, displayName, email, password, grants: teacherGrants(schoolIds) },
    });
    const f = asError(toFailure(result.error));
    setFailure(f);
    if (!f && result.data) {
      onCreated(result.data.createUser.displayName);
      setDisplayName('');
      setEmail('');
      setPassword('');
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        type="button"
        iconId="fr-icon-user-add-line"
        className="fr-mb-3w"
        aria-expanded={open}
        aria-controls="nouveau-compte"
        onClick={() => setOpen(!open)}
      >
        Créer un compte enseignant
      </Button>
      {open && (
        <section
          id="nouveau-compte"
          aria-labelledby="titre-nouveau"
          className="fr-p-3w fr-mb-4w fr-background-alt--grey"
        >
          <h2 id="titre-nouveau" className="fr-h5">
            Nouveau compte enseignant
          </h2>
          <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-nouveau">
            <Input
              label="Prénom et nom"
              nativeInputProps={{ value: displayName, onChange: (e) => setDisplayName(e.target.value) }}
              {...fieldState(failure, 'displayName')}
            />
            <Input
              label="Adresse électronique académique"
              hintText="Par exemple : prenom.nom@ac-toulouse.fr"
              nativeInputProps={{
                type: 'email',
                autoComplete: 'off',
                value: email,
                onChange: (e) => setEmail(e.target.value),
              }}
              {...fieldState(failure, 'email')}
            />
            <Input
              label="Mot de passe provisoire"
              hintText="12 caractères au moins. Remettez-le à l’enseignant par un moyen sûr (pas dans le même courriel que son adresse)."
              nativeInputProps={{
                type: 'password',
                autoComplete: 'new-password',
                value: password,
                onChange: (e) => setPassword(e.target.value),
              }}
              {...fieldState(failure, 'password')}
            />
            {schools.length > 1 && (
              <Checkbox
                legend="Établissements où il enseigne"
                options={schools.map((s) => ({
                  label: s.name,
                  nativeInputProps: {
                    checked: schoolIds.includes(s.id),
                    onChange: (e) =>
                      setSchoolIds(
                        e.target.checked ? [...schoolIds, s.id] : schoolIds.filter((id) => id !== s.id),
                      ),
                  },
                }))}
                {...fieldState(failure, 'grants')}
              />
            )}
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              <li>
                <Button type="submit" iconId="fr-icon-user-add-line" disabled={fetching}>
                  Créer le compte
                </Button>
              </li>
              <li>
                <Button type="button" priority="tertiary" onClick={() => setOpen(false)}>
                  Annuler
                </Button>
              </li>
            </ul>
          </ServerForm>
        </section>
      )}
    </>
  );
}

/** The schools of the head where the teacher teaches: the TEACHER grants the head may change. */
function SchoolsOfTeacher({
  user,
  schools,
  onSaved,
}: {
  user: { id: string; displayName: string; grants: Parameters<typeof teachesIn>[0] };
  schools: { id: string; name: string }[];
  onSaved: (notice: string) => void;
}) {
  const current = teachesIn(user.grants)
    .map((s) => s.id)
    .filter((id) => schools.some((s) => s.id === id));
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(current);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, save] = useMutation(UpdateGrantsMutation);
  const submit = async () => {
    const result = await save({ userId: user.id, grants: teacherGrants(chosen) });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f) {
      setOpen(false);
      onSaved(
        chosen.length === 0
          ? `${user.displayName} n’enseigne plus dans vos établissements.`
          : `Établissements de ${user.displayName} enregistrés.`,
      );
    }
  };
  const panel = `etablissements-${user.id}`;
  return (
    <div className="fr-mt-1w">
      <Button
        type="button"
        priority="tertiary no outline"
        size="small"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => {
          setChosen(current);
          setOpen(!open);
        }}
      >
        Modifier les établissements<span className="fr-sr-only"> de {user.displayName}</span>
      </Button>
      {open && (
        <div id={panel} className="fr-mt-1w">
          <ServerForm failure={failure} onSubmit={() => void submit()}>
            <Checkbox
              legend={`Établissements où ${user.displayName} enseigne`}
              hintText="Décocher un établissement retire l’enseignant de son équipe ; ses déclarations restent au registre."
              options={schools.map((s) => ({
                label: s.name,
                nativeInputProps: {
                  checked: chosen.includes(s.id),
                  onChange: (e) =>
                    setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id)),
                },
              }))}
              {...fieldState(failure, 'grants')}
            />
            <Button type="submit" size="small" disabled={fetching}>
              Enregistrer les établissements
            </Button>
          </ServerForm>
        </div>
      )}
    </div>
  );
}
