import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { CATALOG_OPINION_LABELS, DATA_CATEGORY_LABELS } from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { Answer, DataCategory, Hosting } from '../../api/gql/graphql';
import { formatDateTime } from '../../components/format';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { schoolsWith, useSession } from '../../session/session';
import {
  type Answers,
  EMPTY_ANSWERS,
  fromDeclaration,
  riskOf,
  TOOL_FACT_FIELDS,
  type ToolFactField,
  toInput,
  withEntry,
  toPatch,
} from './declaration-answers';
import { EDITABLE, STATUS_LABELS } from './labels';
import { RiskPanel } from './RiskPanel';

graphql(`
  fragment DeclarationForm on ToolDeclaration {
    id
    version
    status
    decisionComment
    updatedAt
    school {
      id
      name
    }
    toolName
    vendor
    url
    purpose
    classes
    approxStudentCount
    freeSoftware
    institutional
    hosting
    hostingCountry
    commercialReuse
    dataCategories
    pseudonymsUsed
    retentionMonths
    familiesInformed
    securityMeasures
    riskLevel
    riskFlags
    catalogTool {
      id
      name
      opinion
      conditions
      alternatives {
        name
      }
    }
  }
`);

// the académie's catalogue, searched as the teacher types the tool's name
const CatalogSearchQuery = graphql(`
  query CatalogSearch($search: String!) {
    catalogTools(filter: { search: $search }, first: 5) {
      nodes {
        id
        name
        vendor
        url
        hosting
        hostingCountry
        freeSoftware
        institutional
        commercialReuse
        opinion
        conditions
        alternatives {
          name
        }
      }
    }
  }
`);

const DeclarationQuery = graphql(`
  query DeclarationToEdit($id: ID!) {
    toolDeclaration(id: $id) {
      ...DeclarationForm
    }
  }
`);
const CreateMutation = graphql(`
  mutation CreateDeclaration($input: ToolDeclarationInput!) {
    createToolDeclaration(input: $input) {
      ...DeclarationForm
    }
  }
`);
const UpdateMutation = graphql(`
  mutation UpdateDeclaration($id: ID!, $version: Int!, $input: ToolDeclarationPatch!) {
    updateToolDeclaration(id: $id, version: $version, input: $input) {
      ...DeclarationForm
    }
  }
`);
const SubmitMutation = graphql(`
  mutation SubmitDeclaration($id: ID!) {
    submitToolDeclaration(id: $id) {
      id
      status
      version
    }
  }
`);

/** The guided form's steps, each with the fields it holds (a refused field opens its step). */
const STEPS = [
  {
    title: 'L’outil et son usage',
    fields: [
      'schoolId',
      'toolName',
      'vendor',
      'url',
      'purpose',
      'classes',
      'approxStudentCount',
      'freeSoftware',
      'institutional',
    ],
  },
  { title: 'L’hébergement et l’éditeur', fields: ['hosting', 'hostingCountry', 'commercialReuse'] },
  { title: 'Les données des élèves', fields: ['dataCategories', 'pseudonymsUsed', 'retentionMonths'] },
  { title: 'Les précautions', fields: ['familiesInformed', 'securityMeasures'] },
] as const;

/** "Étape 1 (L’outil et son usage)" for each field, for the summary of refused fields. */
const FIELD_PLACES: Record<string, string> = Object.fromEntries(
  STEPS.flatMap((s, index) => s.fields.map((field) => [field, `Étape ${index + 1} (${s.title})`])),
);

const ANSWER_OPTIONS: { value: Answer; label: string }[] = [
  { value: 'YES', label: 'Oui' },
  { value: 'NO', label: 'Non' },
  { value: 'UNKNOWN', label: 'Je ne sais pas' },
];
const HOSTING_OPTIONS: { value: Hosting; label: string }[] = [
  { value: 'EU', label: 'Dans l’Union européenne' },
  { value: 'NON_EU', label: 'Hors de l’Union européenne' },
  { value: 'UNKNOWN', label: 'Je ne sais pas' },
];

/** The address of a new declaration: /declarations/nouvelle. */
export const NEW = 'nouvelle';

type Stored = {
  id: string;
  version: number;
  catalogTool?: { id: string } | null;
  status: keyof typeof STATUS_LABELS;
  decisionComment?: string | null;
};

/** "Déclarer un outil" (and editing a draft or a declaration sent back for changes). */
export function DeclarationFormPage() {
  const { id: param } = useParams();
  const routeId = param === NEW ? undefined : param;
  const { user } = useSession();
  const schools = schoolsWith(user, 'TEACHER');
  const client = useClient();
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<Answers>({ ...EMPTY_ANSWERS, schoolId: schools[0]?.id ?? '' });
  const [stored, setStored] = useState<Stored | null>(null);
  const [step, setStep] = useState(0);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [, create] = useMutation(CreateMutation);
  const [, update] = useMutation(UpdateMutation);
  const [, submit] = useMutation(SubmitMutation);

  const load = async (id: string) => {
    const result = await client
      .query(DeclarationQuery, { id }, { requestPolicy: 'network-only' })
      .toPromise();
    const declaration = result.data?.toolDeclaration;
    if (!declaration) {
      setLoadError(toFailure(result.error)?.message ?? 'Déclaration introuvable.');
      return;
    }
    setAnswers(fromDeclaration(declaration));
    setStored(declaration);
    setFailure(null);
  };

  useEffect(() => {
    if (routeId && stored?.id !== routeId) void load(routeId);
    // a route id already loaded (just created here) is not read again
    // "Déclarer un outil" from a declaration's page: the same route, so the form starts anew here
    if (!routeId && stored) {
      setAnswers({ ...EMPTY_ANSWERS, schoolId: schools[0]?.id ?? '' });
      setStored(null);
      setStep(0);
      setFailure(null);
      setSavedAt(null);
    }
  }, [routeId]);

  const set = <K extends keyof Answers>(key: K, value: Answers[K]) =>
    setAnswers((current) => ({ ...current, [key]: value }));
  const risk = riskOf(answers);
  const editable = !stored || EDITABLE.includes(stored.status);

  const goToStep = (next: number) => {
    setStep(next);
    heading.current?.focus();
  };

  /** Saves the answers (create, or update at the version read); the failure is shown by the form. */
  const save = async (): Promise<Stored | null> => {
    const result = stored
      ? await update({
          id: stored.id,
          version: stored.version,
          input: toPatch(answers, Boolean(stored.catalogTool)),
        })
      : await create({ input: toInput(answers) });
    const failed = toFailure(result.error);
    setFailure(failed);
    const saved = result.data
      ? 'updateToolDeclaration' in result.data
        ? result.data.updateToolDeclaration
        : result.data.createToolDeclaration
      : null;
    if (failed || !saved) {
      if (failed?.kind === 'fields') {
        const first = STEPS.findIndex((s) => s.fields.some((f) => f in failed.fields));
        if (first >= 0) setStep(first);
      }
      return null;
    }
    setStored(saved);
    setSavedAt(saved.updatedAt);
    // linked by the API (a catalogued name, or the entry chosen): from now on the facts are the entry's
    if (saved.catalogTool) {
      const linked = fromDeclaration(saved);
      setAnswers((current) => ({
        ...current,
        catalog: linked.catalog,
        ...Object.fromEntries(TOOL_FACT_FIELDS.map((field) => [field, linked[field]])),
      }));
    }
    // the draft's own address (same route: the form stays as it is)
    if (!stored) void navigate(`/declarations/${saved.id}`, { replace: true });
    return saved;
  };

  const onSaveDraft = async () => {
    setBusy(true);
    await save();
    setBusy(false);
  };

  const onSubmit = async () => {
    setBusy(true);
    const saved = await save();
    if (saved) {
      const result = await submit({ id: saved.id });
      const failed = toFailure(result.error);
      setFailure(failed);
      if (!failed) {
        void navigate('/declarations', {
          state: { notice: `Déclaration « ${answers.toolName} » soumise au chef d’établissement.` },
        });
      }
    }
    setBusy(false);
  };

  if (loadError) return <Alert severity="error" title="Déclaration indisponible" description={loadError} />;
  if (routeId && !stored) return <p aria-live="polite">Chargement…</p>;

  const current = STEPS[step];
  return (
    <>
      <h1>{stored ? `Déclaration « ${answers.toolName} »` : 'Déclarer un outil'}</h1>
      {stored?.status === 'CHANGES_REQUESTED' && (
        <Alert
          severity="warning"
          className="fr-mb-3w"
          title="Le chef d’établissement demande des modifications"
          description={stored.decisionComment ?? ''}
        />
      )}
      {!editable && stored && (
        <Alert
          severity="info"
          className="fr-mb-3w"
          title={STATUS_LABELS[stored.status]}
          description="Cette déclaration ne peut plus être modifiée."
        />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <Stepper
            currentStep={step + 1}
            stepCount={STEPS.length}
            title={current.title}
            nextTitle={STEPS[step + 1]?.title}
          />
          <h2 className="fr-sr-only" tabIndex={-1} ref={heading}>
            Étape {step + 1} sur {STEPS.length} : {current.title}
          </h2>
          <ServerForm
            failure={failure}
            onSubmit={() => void onSubmit()}
            onReload={stored ? () => void load(stored.id) : undefined}
            fieldPlaces={FIELD_PLACES}
          >
            <fieldset className="fr-fieldset" disabled={!editable || busy}>
              {step === 0 && (
                <ToolStep
                  answers={answers}
                  set={set}
                  failure={failure}
                  schools={schools}
                  linked={Boolean(stored?.catalogTool)}
                  choose={(next) => setAnswers(next)}
                />
              )}
              {step === 1 && <HostingStep answers={answers} set={set} failure={failure} />}
              {step === 2 && <DataStep answers={answers} set={set} failure={failure} />}
              {step === 3 && <PrecautionsStep answers={answers} set={set} failure={failure} />}
            </fieldset>
            <div role="status" className="fr-text--sm">
              {savedAt && `Brouillon enregistré le ${formatDateTime(savedAt)}.`}
            </div>
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              {step > 0 && (
                <li>
                  <Button
                    type="button"
                    priority="tertiary"
                    iconId="fr-icon-arrow-left-line"
                    onClick={() => goToStep(step - 1)}
                  >
                    Étape précédente
                  </Button>
                </li>
              )}
              {editable && (
                <li>
                  <Button
                    type="button"
                    priority="secondary"
                    iconId="fr-icon-save-line"
                    disabled={busy}
                    onClick={() => void onSaveDraft()}
                  >
                    Enregistrer le brouillon
                  </Button>
                </li>
              )}
              {/* distinct keys: React must not turn the clicked "Étape suivante" into the submit
                  button in place, or the browser would submit the form at the end of that click */}
              {step < STEPS.length - 1 ? (
                <li key="next">
                  <Button type="button" iconId="fr-icon-arrow-right-line" onClick={() => goToStep(step + 1)}>
                    Étape suivante
                  </Button>
                </li>
              ) : (
                editable && (
                  <li key="submit">
                    <Button type="submit" iconId="fr-icon-send-plane-line" disabled={busy}>
                      Soumettre au chef d’établissement
                    </Button>
                  </li>
                )
              )}
            </ul>
          </ServerForm>
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <RiskPanel risk={risk} />
        </div>
      </div>
    </>
  );
}

interface StepProps {
  answers: Answers;
  set: <K extends keyof Answers>(key: K, value: Answers[K]) => void;
  failure: Failure | null;
}

const FROM_CATALOG_HINT = 'Renseigné par le catalogue de l’académie.';

/** A tool's fact, once a catalogue entry gives it: shown, not editable (the API would refuse it). */
const fromCatalog = (answers: Answers, field: string) =>
  answers.catalog !== null && (TOOL_FACT_FIELDS as readonly string[]).includes(field as ToolFactField);

function Checklist({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="fr-fieldset__element">
      <CallOut title={`Fiche de l’académie « ${title} »`} titleAs="h3" className="fr-mb-2w">
        {children}
      </CallOut>
    </div>
  );
}

function TextField({
  label,
  hint,
  field,
  answers,
  set,
  failure,
  textArea,
  type = 'text',
}: StepProps & {
  label: string;
  hint?: string;
  field:
    | 'toolName'
    | 'vendor'
    | 'url'
    | 'purpose'
    | 'classes'
    | 'approxStudentCount'
    | 'hostingCountry'
    | 'retentionMonths'
    | 'securityMeasures';
  textArea?: boolean;
  type?: string;
}) {
  const locked = fromCatalog(answers, field);
  const common = {
    name: field,
    value: answers[field],
    disabled: locked,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(field, e.target.value),
  };
  return (
    <div className="fr-fieldset__element">
      {textArea ? (
        <Input
          label={label}
          hintText={hint}
          textArea
          nativeTextAreaProps={common}
          {...fieldState(failure, field)}
        />
      ) : (
        <Input
          label={label}
          hintText={locked ? FROM_CATALOG_HINT : hint}
          disabled={locked}
          nativeInputProps={{ ...common, type, inputMode: type === 'number' ? 'numeric' : undefined }}
          {...fieldState(failure, field)}
        />
      )}
    </div>
  );
}

function YesNo({
  legend,
  hint,
  field,
  answers,
  set,
  failure,
}: StepProps & {
  legend: string;
  hint?: string;
  field: 'institutional' | 'pseudonymsUsed' | 'familiesInformed';
}) {
  return (
    <div className="fr-fieldset__element">
      <RadioButtons
        legend={legend}
        hintText={fromCatalog(answers, field) ? FROM_CATALOG_HINT : hint}
        disabled={fromCatalog(answers, field)}
        name={field}
        orientation="horizontal"
        options={[true, false].map((value) => ({
          label: value ? 'Oui' : 'Non',
          nativeInputProps: { checked: answers[field] === value, onChange: () => set(field, value) },
        }))}
        {...fieldState(failure, field)}
      />
    </div>
  );
}

function Choice<V extends string>({
  legend,
  hint,
  field,
  options,
  answers,
  set,
  failure,
}: StepProps & {
  legend: string;
  hint?: string;
  field: 'freeSoftware' | 'hosting' | 'commercialReuse';
  options: { value: V; label: string }[];
}) {
  return (
    <div className="fr-fieldset__element">
      <RadioButtons
        legend={legend}
        hintText={fromCatalog(answers, field) ? FROM_CATALOG_HINT : hint}
        disabled={fromCatalog(answers, field)}
        name={field}
        orientation="horizontal"
        options={options.map((option) => ({
          label: option.label,
          nativeInputProps: {
            value: option.value,
            checked: answers[field] === option.value,
            onChange: () => set(field, option.value as never),
          },
        }))}
        {...fieldState(failure, field)}
      />
    </div>
  );
}

function ToolStep(
  props: StepProps & {
    schools: { id: string; name: string }[];
    linked: boolean;
    choose: (next: Answers) => void;
  },
) {
  const { answers, set, failure, schools } = props;
  return (
    <>
      <Checklist title="Bien choisir ses outils">
        Préférez les outils gratuits ou proposés par le ministère — l’ENT, le GAR, apps.education.fr —, et
        informez votre chef d’établissement avant de les utiliser avec les élèves.
      </Checklist>
      {schools.length > 1 && (
        <div className="fr-fieldset__element">
          <Select
            label="Établissement"
            nativeSelectProps={{ value: answers.schoolId, onChange: (e) => set('schoolId', e.target.value) }}
            {...fieldState(failure, 'schoolId')}
          >
            {schools.map((school) => (
              <option key={school.id} value={school.id}>
                {school.name}
              </option>
            ))}
          </Select>
        </div>
      )}
      <TextField
        {...props}
        field="toolName"
        label="Nom de l’outil"
        hint="Par exemple : Padlet, Genially, Pronote. Le catalogue de l’académie est consulté pendant la saisie."
      />
      <CatalogPanel answers={answers} linked={props.linked} choose={props.choose} />
      <TextField {...props} field="vendor" label="Éditeur (facultatif)" />
      <TextField
        {...props}
        field="url"
        label="Adresse du site (facultatif)"
        hint="Format attendu : https://…"
        type="url"
      />
      <TextField
        {...props}
        field="purpose"
        label="À quoi sert l’outil avec vos élèves ?"
        hint="L’activité pédagogique, en quelques phrases"
        textArea
      />
      <TextField
        {...props}
        field="classes"
        label="Classes concernées (facultatif)"
        hint="Séparées par des virgules : 6e A, 5e B"
      />
      <TextField
        {...props}
        field="approxStudentCount"
        label="Nombre approximatif d’élèves (facultatif)"
        type="number"
      />
      <Choice
        {...props}
        field="freeSoftware"
        legend="Est-ce un logiciel libre ?"
        hint="Un logiciel libre publie son code ; il est souvent gratuit et sans publicité."
        options={ANSWER_OPTIONS}
      />
      <YesNo
        {...props}
        field="institutional"
        legend="Est-ce un outil institutionnel ?"
        hint="Fourni ou encadré par le ministère : ENT, ressources du GAR, apps.education.fr."
      />
    </>
  );
}

function HostingStep(props: StepProps) {
  const { answers } = props;
  return (
    <>
      <Checklist title="Bien choisir ses outils">
        Vérifiez que les données sont hébergées dans l’Union européenne. Lisez ce que le site collecte (sa
        politique de confidentialité) et vérifiez qu’il n’en fait pas d’usage commercial.
      </Checklist>
      <Choice
        {...props}
        field="hosting"
        legend="Où les données sont-elles hébergées ?"
        hint="C’est indiqué dans la politique de confidentialité ou les conditions d’utilisation."
        options={HOSTING_OPTIONS}
      />
      {answers.hosting === 'NON_EU' && (
        <TextField {...props} field="hostingCountry" label="Dans quel pays ? (facultatif)" />
      )}
      <Choice
        {...props}
        field="commercialReuse"
        legend="L’éditeur réutilise-t-il les données à des fins commerciales ?"
        hint="Publicité, revente, profilage des élèves… Dans le doute, répondez « Je ne sais pas »."
        options={ANSWER_OPTIONS}
      />
    </>
  );
}

function DataStep(props: StepProps) {
  const { answers, set, failure } = props;
  const toggle = (category: DataCategory, checked: boolean) =>
    set(
      'dataCategories',
      checked ? [...answers.dataCategories, category] : answers.dataCategories.filter((c) => c !== category),
    );
  return (
    <>
      <Checklist title="Protéger les données des élèves">
        Ne collectez que les données dont l’activité a besoin, et supprimez-les ou archivez-les après.
        Respectez le droit à l’image. Utilisez des pseudonymes quand l’identité des élèves n’est pas
        nécessaire.
      </Checklist>
      <div className="fr-fieldset__element">
        <Checkbox
          legend="Quelles données des élèves l’outil reçoit-il ?"
          hintText="Cochez tout ce qui s’applique. Photos, vidéos et voix relèvent du droit à l’image."
          options={(Object.keys(DATA_CATEGORY_LABELS) as DataCategory[]).map((category) => ({
            label: DATA_CATEGORY_LABELS[category],
            nativeInputProps: {
              name: 'dataCategories',
              value: category,
              checked: answers.dataCategories.includes(category),
              onChange: (e) => toggle(category, e.target.checked),
            },
          }))}
          {...fieldState(failure, 'dataCategories')}
        />
      </div>
      <YesNo
        {...props}
        field="pseudonymsUsed"
        legend="Les élèves utilisent-ils des pseudonymes ?"
        hint="Plutôt que leur nom, quand l’activité n’a pas besoin de leur identité."
      />
      <TextField
        {...props}
        field="retentionMonths"
        type="number"
        label="Durée de conservation des données après l’activité, en mois"
        hint="Laissez vide si aucune durée n’est fixée."
      />
    </>
  );
}

function PrecautionsStep(props: StepProps) {
  return (
    <>
      <Checklist title="Protéger les données des élèves">
        Protégez les comptes par des mots de passe solides et les postes par un antivirus à jour. Informez les
        familles de l’usage de l’outil et de leurs droits sur les données de leur enfant.
      </Checklist>
      <YesNo
        {...props}
        field="familiesInformed"
        legend="Les familles ont-elles été informées, avec leurs droits ?"
        hint="Par un mot dans le carnet de liaison ou un message de l’ENT, par exemple."
      />
      <TextField
        {...props}
        field="securityMeasures"
        label="Mesures de sécurité (facultatif)"
        hint="Mots de passe, antivirus, comptes de classe, paramètres de confidentialité…"
        textArea
      />
    </>
  );
}

/** What the catalogue's opinion means for the teacher, before the head decides. */
const OPINION_ADVICE: Record<string, string> = {
  PENDING: 'Le délégué à la protection des données n’a pas encore rendu son avis sur cet outil.',
  RECOMMENDED: 'Outil recommandé par l’académie.',
  ALLOWED_WITH_CONDITIONS: 'Outil autorisé si les conditions ci-dessous sont respectées.',
  DISCOURAGED: 'Outil déconseillé par l’académie : préférez une alternative.',
  FORBIDDEN:
    'Outil interdit dans les établissements de l’académie : votre chef d’établissement ne pourra pas l’approuver.',
};

/**
 * The académie's catalogue beside the tool's name: while nothing is chosen, the entries matching
 * what is typed, each with its opinion and "Utiliser cette fiche" (which fills in the tool's facts);
 * once chosen (or linked by the API from the name), the entry's opinion, conditions and alternatives.
 */
function CatalogPanel({
  answers,
  linked,
  choose,
}: {
  answers: Answers;
  linked: boolean;
  choose: (next: Answers) => void;
}) {
  const typed = answers.toolName.trim();
  const [search, setSearch] = useState(typed);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const [{ data }] = useQuery({
    query: CatalogSearchQuery,
    variables: { search },
    pause: answers.catalog !== null || search.length < 2,
  });
  const entry = answers.catalog;
  if (entry) {
    return (
      <div className="fr-fieldset__element" data-testid="catalog-entry">
        <CallOut
          title={`Fiche du catalogue : ${entry.name} — ${CATALOG_OPINION_LABELS[entry.opinion]}`}
          titleAs="h3"
          className="fr-mb-2w"
        >
          {OPINION_ADVICE[entry.opinion]}
          {entry.conditions && (
            <>
              <br />
              {entry.opinion === 'ALLOWED_WITH_CONDITIONS' ? 'Conditions' : 'Motif'} : {entry.conditions}
            </>
          )}
          {entry.alternatives.length > 0 && (
            <>
              <br />À utiliser à la place : {entry.alternatives.map((a) => a.name).join(', ')}
            </>
          )}
          <br />
          L’hébergement, l’éditeur et les usages commerciaux viennent de la fiche ; vous décrivez l’usage avec
          vos élèves.
        </CallOut>
        {!linked && (
          <Button
            type="button"
            priority="tertiary"
            size="small"
            onClick={() => choose({ ...answers, catalog: null })}
          >
            Ce n’est pas cet outil : le décrire moi-même
          </Button>
        )}
      </div>
    );
  }
  const matches = search.length >= 2 ? (data?.catalogTools.nodes ?? []) : [];
  if (matches.length === 0) return null;
  return (
    <div className="fr-fieldset__element" aria-live="polite">
      <p className="fr-text--sm fr-mb-1w" id="catalogue-suggestions">
        Dans le catalogue de l’académie :
      </p>
      <ul className="fr-raw-list" aria-labelledby="catalogue-suggestions" data-testid="catalog-suggestions">
        {matches.map((m) => (
          <li key={m.id} className="fr-mb-1w">
            <strong>{m.name}</strong>
            {m.vendor && ` (${m.vendor})`} — {CATALOG_OPINION_LABELS[m.opinion]}{' '}
            <Button
              type="button"
              priority="secondary"
              size="small"
              onClick={() => choose(withEntry(answers, m))}
            >
              Utiliser la fiche<span className="fr-sr-only"> {m.name}</span>
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
