import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CATALOG_OPINION_LABELS } from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { Fields } from '../../components/Fields';
import { formatDateTime } from '../../components/format';
import { RiskBadge } from '../../components/RiskBadge';
import { ServerForm } from '../../components/ServerForm';
import { useEntityEdit } from '../../components/useEntityEdit';
import { type CatalogForm, EMPTY_CATALOG_FORM, formOf, toInput, toPatch } from './catalog-form';
import { CatalogLinkDeclarations } from './CatalogLinkDeclarations';
import { CatalogToolFields } from './CatalogToolFields';
import { OpinionBadge } from './catalog-opinion';

graphql(`
  fragment CatalogToolDetail on CatalogTool {
    id
    version
    name
    aliases
    vendor
    url
    description
    dataCategories
    hosting
    hostingCountry
    freeSoftware
    institutional
    commercialReuse
    retentionMonths
    securityMeasures
    opinion
    conditions
    riskLevel
    schoolCount
    declarationCount
    reviewedAt
    reviewedBy {
      displayName
    }
    alternatives {
      id
      name
    }
  }
`);

const CatalogToolQuery = graphql(`
  query CatalogTool($id: ID!) {
    catalogTool(id: $id) {
      ...CatalogToolDetail
    }
  }
`);

const CreateCatalogToolMutation = graphql(`
  mutation CreateCatalogTool($input: CatalogToolInput!) {
    createCatalogTool(input: $input) {
      ...CatalogToolDetail
    }
  }
`);

const UpdateCatalogToolMutation = graphql(`
  mutation UpdateCatalogTool($id: ID!, $version: Int!, $input: CatalogToolPatch!) {
    updateCatalogTool(id: $id, version: $version, input: $input) {
      ...CatalogToolDetail
    }
  }
`);

const BACK = (
  <p className="fr-mb-1w">
    <Link to="/dpd/catalogue" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
      Catalogue de l’académie
    </Link>
  </p>
);

/** /dpd/catalogue/nouveau: a new entry; /dpd/catalogue/:id: an entry's form. */
export function CatalogToolPage() {
  const { id = '' } = useParams();
  // a different component per case, so that the form starts afresh when creation lands on the entry
  return id === 'nouveau' ? <CatalogToolCreate /> : <CatalogToolEdit key={id} id={id} />;
}

/**
 * "Ajouter un outil": the name and vendor may come from "Outils à examiner" (?nom=&editeur=). Once
 * created, the entry holds the académie's declarations of its names: the page says how many.
 */
function CatalogToolCreate() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form, setForm] = useState<CatalogForm>(() => ({
    ...EMPTY_CATALOG_FORM,
    name: params.get('nom') ?? '',
    vendor: params.get('editeur') ?? '',
  }));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, create] = useMutation(CreateCatalogToolMutation);
  const submit = async () => {
    const result = await create({ input: toInput(form) });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      const tool = result.data.createCatalogTool;
      const linked = tool.declarationCount;
      void navigate(`/dpd/catalogue/${tool.id}`, {
        replace: true,
        state: {
          notice: `« ${tool.name} » est au catalogue de l’académie${
            linked
              ? ` ; ${linked} déclaration${linked > 1 ? 's' : ''} de cet outil ${linked > 1 ? 'suivent' : 'suit'} désormais sa fiche`
              : ''
          }.`,
        },
      });
    }
  };
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        {BACK}
        <h1 id="titre-creation">Ajouter un outil au catalogue</h1>
        <p>
          Les déclarations de l’académie qui portent ce nom ou l’un de ses alias sont rattachées à la fiche :
          leurs caractéristiques (éditeur, hébergement, licence…) et leur risque suivent alors la fiche.
        </p>
        <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-creation">
          <CatalogToolFields form={form} set={(next) => setForm({ ...form, ...next })} failure={failure} />
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <Button type="submit" iconId="fr-icon-save-line" disabled={fetching}>
                Ajouter au catalogue
              </Button>
            </li>
            <li>
              <Link className="fr-btn fr-btn--tertiary" to="/dpd/catalogue">
                Annuler
              </Link>
            </li>
          </ul>
        </ServerForm>
      </div>
    </div>
  );
}

/**
 * An entry: its use in the schools, who gave the opinion, and the form, saved with the version it
 * was loaded at. A CONFLICT (another DPD saved meanwhile) offers to reload; nothing is overwritten.
 */
function CatalogToolEdit({ id }: { id: string }) {
  const location = useLocation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: CatalogToolQuery, variables: { id } });
  const [{ fetching: saving }, update] = useMutation(UpdateCatalogToolMutation);
  const tool = data?.catalogTool;
  const edit = useEntityEdit(
    tool,
    formOf,
    () => refetch({ requestPolicy: 'network-only' }),
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const { loaded, form, setForm, failure, notice } = edit;

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data)
    return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  if (!tool)
    return (
      <>
        {BACK}
        <h1>Outil introuvable</h1>
        <Alert
          severity="warning"
          small
          description="Il n’existe pas ou n’est pas au catalogue de votre académie."
        />
      </>
    );
  if (!form || !loaded) return <p aria-live="polite">Chargement…</p>;

  const submit = async () => {
    edit.setNotice(null);
    const patch = toPatch(form, loaded.form);
    if (Object.keys(patch).length === 0) {
      edit.setFailure(null);
      edit.setNotice('Aucune modification à enregistrer.');
      return;
    }
    const result = await update({ id, version: loaded.version, input: patch });
    const f = toFailure(result.error);
    edit.setFailure(f);
    if (!f && result.data) {
      edit.saved(
        result.data.updateCatalogTool,
        'Fiche enregistrée. Les déclarations rattachées suivent ses nouvelles caractéristiques.',
      );
    }
  };

  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12">
        {BACK}
        <h1 id="titre-fiche">{tool.name}</h1>
        <p>
          <OpinionBadge opinion={tool.opinion} /> <RiskBadge level={tool.riskLevel} small />
        </p>
        {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      </div>
      <section className="fr-col-12 fr-col-md-4" aria-labelledby="titre-usage">
        <h2 id="titre-usage" className="fr-h5">
          Dans l’académie
        </h2>
        <Fields
          testId="catalog-usage"
          rows={[
            ['Établissements qui l’utilisent', tool.schoolCount],
            ['Déclarations rattachées', tool.declarationCount],
            ['Avis', CATALOG_OPINION_LABELS[tool.opinion]],
            [
              'Avis donné par',
              tool.reviewedBy
                ? `${tool.reviewedBy.displayName}${tool.reviewedAt ? `, le ${formatDateTime(tool.reviewedAt)}` : ''}`
                : null,
            ],
            ['Outils à utiliser à la place', tool.alternatives.map((a) => a.name).join(', ')],
          ]}
        />
      </section>
      <div className="fr-col-12 fr-col-md-8">
        <ServerForm
          failure={failure}
          onSubmit={() => void submit()}
          onReload={edit.reload}
          labelledBy="titre-fiche"
        >
          <CatalogToolFields form={form} set={(next) => setForm({ ...form, ...next })} failure={failure} />
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <Button type="submit" iconId="fr-icon-save-line" disabled={saving}>
                Enregistrer la fiche
              </Button>
            </li>
          </ul>
        </ServerForm>
        <CatalogLinkDeclarations toolId={tool.id} toolName={tool.name} />
      </div>
    </div>
  );
}
