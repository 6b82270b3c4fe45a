import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ROLE_LABELS } from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { AdminUsersQuery, Role } from '../../api/gql/graphql';
import { PagedList, useListParams } from '../../components/PagedList';
import { FilterCell, SearchForm } from '../../components/SearchForm';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { AcademiesQuery } from './AcademiesPage';
import { addGrant, type GrantDraft, grantInputs, needsSchool } from './grants';
import { SchoolChooser } from './SchoolChooser';

const UsersQuery = graphql(`
  query AdminUsers($first: Int!, $after: String, $filter: UserFilter) {
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
        academy {
          id
          name
        }
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

const CreateUserMutation = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      displayName
    }
  }
`);

const GrantsMutation = graphql(`
  mutation AdminUpdateGrants($userId: ID!, $grants: [RoleGrantInput!]!) {
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

const ActiveMutation = graphql(`
  mutation AdminSetActive($userId: ID!, $active: Boolean!) {
    setUserActive(userId: $userId, active: $active) {
      id
      active
    }
  }
`);

const FILTERS = ['role', 'recherche'] as const;
const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** The grants being edited: each with "Retirer", then a role, a school when it needs one, "Ajouter". */
function GrantsEditor({
  grants,
  setGrants,
  academyId,
  failure,
  idPrefix,
}: {
  grants: GrantDraft[];
  setGrants: (grants: GrantDraft[]) => void;
  academyId: string;
  failure: Failure | null;
  idPrefix: string;
}) {
  const [role, setRole] = useState<Role>('HEAD');
  const [schoolId, setSchoolId] = useState('');
  return (
    <fieldset className="fr-fieldset" aria-labelledby={`${idPrefix}-legende`}>
      <legend id={`${idPrefix}-legende`} className="fr-fieldset__legend">
        Rôles
      </legend>
      <div className="fr-fieldset__element">
        {grants.length === 0 ? (
          <p className="fr-text--sm">Aucun rôle : le compte ne voit rien.</p>
        ) : (
          <ul className="fr-text--sm">
            {grants.map((g, i) => (
              <li key={`${g.role}-${g.schoolId}`}>
                {ROLE_LABELS[g.role]}
                {g.schoolName ? ` — ${g.schoolName}` : ''}{' '}
                <Button
                  type="button"
                  priority="tertiary no outline"
                  size="small"
                  onClick={() => setGrants(grants.filter((_, j) => j !== i))}
                >
                  Retirer<span className="fr-sr-only"> le rôle {ROLE_LABELS[g.role]}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
        {fieldState(failure, 'grants').stateRelatedMessage && (
          <p className="fr-error-text">{fieldState(failure, 'grants').stateRelatedMessage}</p>
        )}
      </div>
      <div className="fr-fieldset__element">
        <Select
          label="Rôle à ajouter"
          nativeSelectProps={{
            id: `${idPrefix}-role`,
            value: role,
            onChange: (e) => setRole(e.target.value as Role),
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
        {needsSchool(role) && (
          <SchoolChooser academyId={academyId} value={schoolId} onChange={setSchoolId} idPrefix={idPrefix} />
        )}
        <SchoolNameAdd
          disabled={needsSchool(role) && !schoolId}
          onAdd={(schoolName) => {
            setGrants(addGrant(grants, { role, schoolId: needsSchool(role) ? schoolId : null, schoolName }));
          }}
          schoolId={needsSchool(role) ? schoolId : ''}
        />
      </div>
    </fieldset>
  );
}

const SchoolNameQuery = graphql(`
  query GrantSchoolName($id: ID!) {
    school(id: $id) {
      id
      name
    }
  }
`);

function SchoolNameAdd({
  disabled,
  onAdd,
  schoolId,
}: {
  disabled: boolean;
  onAdd: (name?: string) => void;
  schoolId: string;
}) {
  const [{ data }] = useQuery({ query: SchoolNameQuery, variables: { id: schoolId }, pause: !schoolId });
  return (
    <Button
      type="button"
      priority="secondary"
      size="small"
      disabled={disabled}
      onClick={() => onAdd(data?.school?.name)}
    >
      Ajouter ce rôle
    </Button>
  );
}

function CreateAccount({ onCreated }: { onCreated: (name: string) => void }) {
  const [{ data: academies }] = useQuery({ query: AcademiesQuery });
  const [form, setForm] = useState({ academyId: '', displayName: '', email: '', password: '' });
  const [grants, setGrants] = useState<GrantDraft[]>([]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, create] = useMutation(CreateUserMutation);
  const academyId = form.academyId || academies?.academies[0]?.id || '';
  const submit = async () => {
    const result = await create({
      input: {
        academyId,
        displayName: form.displayName,
        email: form.email,
        password: form.password,
        grants: grantInputs(grants),
      },
    });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      onCreated(result.data.createUser.displayName);
      setForm({ ...form, displayName: '', email: '', password: '' });
      setGrants([]);
    }
  };
  return (
    <section aria-labelledby="titre-creer-compte" className="fr-mb-6w">
      <h2 id="titre-creer-compte">Créer un compte</h2>
      <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-creer-compte">
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Académie du compte"
              nativeSelectProps={{
                value: academyId,
                onChange: (e) => setForm({ ...form, academyId: e.target.value }),
              }}
              {...fieldState(failure, 'academyId')}
            >
              {(academies?.academies ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Nom affiché"
              nativeInputProps={{
                value: form.displayName,
                onChange: (e) => setForm({ ...form, displayName: e.target.value }),
              }}
              {...fieldState(failure, 'displayName')}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Adresse électronique du compte"
              nativeInputProps={{
                type: 'email',
                value: form.email,
                onChange: (e) => setForm({ ...form, email: e.target.value }),
              }}
              {...fieldState(failure, 'email')}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Mot de passe provisoire"
              hintText="À transmettre à la personne, qui le change ensuite (l’API n’envoie pas encore d’invitation)."
              nativeInputProps={{
                type: 'text',
                autoComplete: 'off',
                value: form.password,
                onChange: (e) => setForm({ ...form, password: e.target.value }),
              }}
              {...fieldState(failure, 'password')}
            />
          </div>
        </div>
        <GrantsEditor
          grants={grants}
          setGrants={setGrants}
          academyId={academyId}
          failure={failure}
          idPrefix="nouveau-compte"
        />
        <Button type="submit" disabled={fetching}>
          Créer le compte
        </Button>
      </ServerForm>
    </section>
  );
}

type UserRow = AdminUsersQuery['users']['nodes'][number];

function AccountRow({ user, onNotice }: { user: UserRow; onNotice: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [grants, setGrants] = useState<GrantDraft[]>(() =>
    user.grants.map((g) => ({ role: g.role, schoolId: g.school?.id ?? null, schoolName: g.school?.name })),
  );
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, save] = useMutation(GrantsMutation);
  const [, setActive] = useMutation(ActiveMutation);
  const prefix = `compte-${user.id}`;
  return (
    <li className="fr-py-2w" style={{ borderBottom: '1px solid var(--border-default-grey)' }}>
      <p className="fr-text--bold fr-mb-0">
        {user.displayName}{' '}
        <Badge severity={user.active ? 'success' : 'new'} small noIcon>
          {user.active ? 'Actif' : 'Désactivé'}
        </Badge>
      </p>
      <p className="fr-text--sm fr-mb-0">
        {user.email} — {user.academy.name}
      </p>
      <p className="fr-text--xs fr-mb-1w">
        {user.grants
          .map((g) => `${ROLE_LABELS[g.role]}${g.school ? ` (${g.school.name})` : ''}`)
          .join(' ; ') || 'Aucun rôle'}
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button
            type="button"
            priority="secondary"
            size="small"
            aria-expanded={open}
            aria-controls={prefix}
            onClick={() => setOpen(!open)}
          >
            Modifier les rôles<span className="fr-sr-only"> de {user.displayName}</span>
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="tertiary"
            size="small"
            onClick={async () => {
              const r = await setActive({ userId: user.id, active: !user.active });
              if (!r.error)
                onNotice(`Compte de ${user.displayName} ${user.active ? 'désactivé' : 'réactivé'}.`);
            }}
          >
            {user.active ? 'Désactiver' : 'Réactiver'}
            <span className="fr-sr-only"> le compte de {user.displayName}</span>
          </Button>
        </li>
      </ul>
      {open && (
        <div id={prefix} className="fr-p-2w fr-background-alt--grey">
          <ServerForm
            failure={failure}
            onSubmit={async () => {
              const r = await save({ userId: user.id, grants: grantInputs(grants) });
              const f = toFailure(r.error);
              setFailure(f);
              if (!f) {
                setOpen(false);
                onNotice(`Rôles de ${user.displayName} enregistrés.`);
              }
            }}
          >
            <GrantsEditor
              grants={grants}
              setGrants={setGrants}
              academyId={user.academy.id}
              failure={failure}
              idPrefix={prefix}
            />
            <Button type="submit" disabled={fetching}>
              Enregistrer les rôles<span className="fr-sr-only"> de {user.displayName}</span>
            </Button>
          </ServerForm>
        </div>
      )}
    </li>
  );
}

/** "Comptes" (ADMIN): every account, "Créer un compte" with its roles, and each account's roles and state. */
export function AccountsPage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [notice, setNotice] = useState<string | null>(null);
  // refetched after any change of an account, even from an empty list (which names no type)
  const context = useMemo(() => ({ additionalTypenames: ['User'] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: UsersQuery,
    variables: {
      first: 20,
      after,
      filter: { role: (values.role || undefined) as Role | undefined, search: values.recherche || undefined },
    },
    context,
  });
  const list = data?.users;
  return (
    <>
      <h1>Comptes</h1>
      <CreateAccount onCreated={(name) => setNotice(`Compte de ${name} créé.`)} />
      <div aria-live="polite">
        {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      </div>
      <section aria-labelledby="titre-liste-comptes">
        <h2 id="titre-liste-comptes">Liste des comptes</h2>
        <SearchForm
          label="Rechercher un nom ou une adresse"
          value={values.recherche}
          onSearch={(v) => setFilter('recherche', v)}
        >
          <FilterCell>
            <Select
              label="Filtrer par rôle"
              nativeSelectProps={{ value: values.role, onChange: (e) => setFilter('role', e.target.value) }}
            >
              <option value="">Tous les rôles</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
          </FilterCell>
        </SearchForm>
        {error && <Alert severity="error" small description={toFailure(error)?.message ?? ''} />}
        {fetching && !list && <p aria-live="polite">Chargement…</p>}
        {list && (
          <PagedList
            totalCount={list.totalCount}
            noun={['compte', 'comptes']}
            pageInfo={list.pageInfo}
            after={after}
            goTo={goTo}
            empty={<p>Aucun compte ne correspond.</p>}
          >
            <ul className="fr-raw-list" data-testid="accounts">
              {list.nodes.map((u) => (
                <AccountRow key={`${u.id}-${u.grants.length}`} user={u} onNotice={setNotice} />
              ))}
            </ul>
          </PagedList>
        )}
      </section>
    </>
  );
}
