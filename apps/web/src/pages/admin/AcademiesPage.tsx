import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { DataTable } from '../../components/DataTable';
import { fieldState, ServerForm } from '../../components/ServerForm';

export const AcademiesQuery = graphql(`
  query Academies {
    academies {
      id
      code
      name
      dpoName
      dpoEmail
      rssiEmail
    }
  }
`);

const CreateAcademyMutation = graphql(`
  mutation CreateAcademy($input: CreateAcademyInput!) {
    createAcademy(input: $input) {
      id
      code
      name
    }
  }
`);

const EMPTY = { code: '', name: '', dpoName: '', dpoEmail: '', rssiEmail: '' };

/** "Académies" (ADMIN): the list, and "Créer une académie" with its DPD and RSSI. */
export function AcademiesPage() {
  const context = useMemo(() => ({ additionalTypenames: ['Academy'] }), []);
  const [{ data, error }] = useQuery({ query: AcademiesQuery, context });
  const [form, setForm] = useState(EMPTY);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [{ fetching }, create] = useMutation(CreateAcademyMutation);
  const submit = async () => {
    setNotice(null);
    const result = await create({
      input: {
        code: form.code,
        name: form.name,
        dpoName: form.dpoName || undefined,
        dpoEmail: form.dpoEmail || undefined,
        rssiEmail: form.rssiEmail || undefined,
      },
    });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      setNotice(`${result.data.createAcademy.name} créée.`);
      setForm(EMPTY);
    }
  };
  const field = (name: keyof typeof EMPTY, label: string, type = 'text') => (
    <div className="fr-col-12 fr-col-md-6">
      <Input
        label={label}
        nativeInputProps={{
          type,
          value: form[name],
          onChange: (e) => setForm({ ...form, [name]: e.target.value }),
        }}
        {...fieldState(failure, name)}
      />
    </div>
  );
  return (
    <>
      <h1>Académies</h1>
      {error && <Alert severity="error" small description={toFailure(error)?.message ?? ''} />}
      {data && (
        <DataTable caption="Académies" columns={['Code', 'Nom', 'DPD', 'RSSI', 'Actions']} testId="academies">
          {data.academies.map((a) => (
            <tr key={a.id}>
              <td>{a.code}</td>
              <td>{a.name}</td>
              <td>{[a.dpoName, a.dpoEmail].filter(Boolean).join(', ') || '—'}</td>
              <td>{a.rssiEmail ?? '—'}</td>
              <td>
                <Link to={`/admin/academies/${a.id}`} className="fr-link">
                  Modifier<span className="fr-sr-only"> {a.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <section aria-labelledby="titre-creer-academie" className="fr-mt-4w">
        <h2 id="titre-creer-academie">Créer une académie</h2>
        <div aria-live="polite">
          {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
        </div>
        <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-creer-academie">
          <div className="fr-grid-row fr-grid-row--gutters">
            {field('code', 'Code')}
            {field('name', 'Nom')}
            {field('dpoName', 'Nom du DPD')}
            {field('dpoEmail', 'Adresse électronique du DPD', 'email')}
            {field('rssiEmail', 'Adresse électronique du RSSI', 'email')}
          </div>
          <Button type="submit" disabled={fetching}>
            Créer l’académie
          </Button>
        </ServerForm>
      </section>
    </>
  );
}
