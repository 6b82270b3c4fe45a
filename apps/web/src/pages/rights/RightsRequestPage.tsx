import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  REQUESTER_RELATION_LABELS,
  RIGHT_TYPE_LABELS,
  RIGHTS_REQUEST_CHANNEL_LABELS,
  RIGHTS_REQUEST_STATUS_LABELS,
  SUBJECT_CATEGORY_LABELS,
} from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { RightsRequestEntryQuery, RightsRequestTransition, RightType } from '../../api/gql/graphql';
import { AuditHistory } from '../../components/AuditHistory';
import { Fields } from '../../components/Fields';
import { formatDateTime } from '../../components/format';
import { ReviewForm } from '../../components/ReviewForm';
import { Reviews } from '../../components/Reviews';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { SchoolPicker, useHeadSchools } from '../head/schools';
import { fromParisInput, toParisInput } from '../head/violation-form';
import {
  EMPTY_REQUEST,
  type RightsRequestForm,
  rightsRequestPatch,
  TRANSITION_LABELS,
  TRANSITION_NEEDS,
  transitionsFor,
} from './rights';
import { DueCell, STATUS_SEVERITY } from './RightsRequestsPage';

graphql(`
  fragment RightsRequestDetail on RightsRequest {
    id
    reference
    status
    rightTypes
    channel
    receivedAt
    requesterName
    requesterRelation
    subjectName
    subjectCategory
    description
    dueAt
    overdue
    extended
    extensionReason
    extensionNotifiedAt
    pausedDays
    answeredAt
    answerSummary
    refusalReason
    updatedAt
    version
    recordedBy {
      displayName
    }
    school {
      id
      name
    }
    reviews {
      id
      verdict
      comment
      createdAt
      reviewer {
        displayName
      }
    }
  }
`);

const RequestQuery = graphql(`
  query RightsRequestEntry($id: ID!) {
    rightsRequest(id: $id) {
      ...RightsRequestDetail
    }
  }
`);

const RecordMutation = graphql(`
  mutation RecordRightsRequest($input: RightsRequestInput!) {
    recordRightsRequest(input: $input) {
      ...RightsRequestDetail
    }
  }
`);

const UpdateMutation = graphql(`
  mutation UpdateRightsRequest($id: ID!, $version: Int!, $input: RightsRequestPatch!) {
    updateRightsRequest(id: $id, version: $version, input: $input) {
      ...RightsRequestDetail
    }
  }
`);

const TransitionMutation = graphql(`
  mutation TransitionRightsRequest($id: ID!, $version: Int!, $input: RightsRequestTransitionInput!) {
    transitionRightsRequest(id: $id, version: $version, input: $input) {
      ...RightsRequestDetail
    }
  }
`);

type Stored = NonNullable<RightsRequestEntryQuery['rightsRequest']>;

const formOf = (r: Stored): RightsRequestForm => ({
  rightTypes: r.rightTypes,
  channel: r.channel,
  receivedAt: toParisInput(r.receivedAt),
  requesterName: r.requesterName,
  requesterRelation: r.requesterRelation,
  subjectName: r.subjectName ?? '',
  subjectCategory: r.subjectCategory,
  description: r.description,
});

/** The request's fields, typed by the head: record a new one, or correct one (receivedAt stays). */
function RequestFields({
  form,
  set,
  failure,
  creating,
}: {
  form: RightsRequestForm;
  set: (change: Partial<RightsRequestForm>) => void;
  failure: Failure | null;
  creating: boolean;
}) {
  return (
    <>
      <Checkbox
        legend="Droits exercés"
        options={(Object.keys(RIGHT_TYPE_LABELS) as RightType[]).map((t) => ({
          label: RIGHT_TYPE_LABELS[t],
          nativeInputProps: {
            checked: form.rightTypes.includes(t),
            onChange: (e) =>
              set({
                rightTypes: e.target.checked
                  ? [...form.rightTypes, t]
                  : form.rightTypes.filter((x) => x !== t),
              }),
          },
        }))}
        {...fieldState(failure, 'rightTypes')}
      />
      <Input
        label="Reçue le"
        hintText={
          creating
            ? 'Date et heure de réception, heure de Paris : le délai d’un mois court à partir de ce jour.'
            : 'La date de réception ne se corrige pas : une date erronée appelle une nouvelle demande.'
        }
        disabled={!creating}
        nativeInputProps={{
          type: 'datetime-local',
          value: form.receivedAt,
          onChange: (e) => set({ receivedAt: e.target.value }),
        }}
        {...fieldState(failure, 'receivedAt')}
      />
      <Select
        label="Reçue par"
        nativeSelectProps={{
          value: form.channel,
          onChange: (e) => set({ channel: e.target.value as RightsRequestForm['channel'] }),
        }}
        {...fieldState(failure, 'channel')}
      >
        {Object.entries(RIGHTS_REQUEST_CHANNEL_LABELS).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
      <Input
        label="Nom du demandeur"
        nativeInputProps={{
          value: form.requesterName,
          onChange: (e) => set({ requesterName: e.target.value }),
        }}
        {...fieldState(failure, 'requesterName')}
      />
      <Select
        label="Lien du demandeur avec la personne concernée"
        nativeSelectProps={{
          value: form.requesterRelation,
          onChange: (e) =>
            set({ requesterRelation: e.target.value as RightsRequestForm['requesterRelation'] }),
        }}
        {...fieldState(failure, 'requesterRelation')}
      >
        {Object.entries(REQUESTER_RELATION_LABELS).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
      <Input
        label="Personne concernée"
        hintText="L’élève (ou l’autre personne) dont les données sont en cause, quand ce n’est pas le demandeur."
        nativeInputProps={{ value: form.subjectName, onChange: (e) => set({ subjectName: e.target.value }) }}
        {...fieldState(failure, 'subjectName')}
      />
      <Select
        label="Catégorie de la personne concernée"
        nativeSelectProps={{
          value: form.subjectCategory,
          onChange: (e) => set({ subjectCategory: e.target.value as RightsRequestForm['subjectCategory'] }),
        }}
        {...fieldState(failure, 'subjectCategory')}
      >
        {Object.entries(SUBJECT_CATEGORY_LABELS).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
      <Input
        label="Objet de la demande"
        textArea
        nativeTextAreaProps={{
          value: form.description,
          onChange: (e) => set({ description: e.target.value }),
        }}
        {...fieldState(failure, 'description')}
      />
    </>
  );
}

/** "Enregistrer une demande": the head records a request received (its clock starts at receipt). */
export function RightsRequestCreatePage() {
  const heads = useHeadSchools();
  const navigate = useNavigate();
  const [form, setForm] = useState<RightsRequestForm>(() => ({
    ...EMPTY_REQUEST,
    receivedAt: toParisInput(new Date().toISOString()),
  }));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, record] = useMutation(RecordMutation);
  const submit = async () => {
    if (!heads.school) return;
    const result = await record({
      input: {
        schoolId: heads.school.id,
        rightTypes: form.rightTypes,
        channel: form.channel,
        receivedAt: fromParisInput(form.receivedAt) ?? '',
        requesterName: form.requesterName,
        requesterRelation: form.requesterRelation,
        subjectName: form.subjectName.trim() || undefined,
        subjectCategory: form.subjectCategory,
        description: form.description,
      },
    });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      const r = result.data.recordRightsRequest;
      void navigate(`/demandes/${r.id}`, { state: { notice: `Demande enregistrée sous ${r.reference}.` } });
    }
  };
  return (
    <>
      <p className="fr-mb-1w">
        <Link to="/demandes" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Demandes de droits
        </Link>
      </p>
      <h1>Enregistrer une demande de droits</h1>
      <SchoolPicker {...heads} />
      <ServerForm failure={failure} onSubmit={() => void submit()}>
        <RequestFields form={form} set={(c) => setForm({ ...form, ...c })} failure={failure} creating />
        <Button type="submit" disabled={fetching}>
          Enregistrer la demande
        </Button>
      </ServerForm>
    </>
  );
}

/** A transition with its own fields (extension, answer, refusal), or a plain move. */
function TransitionForm({
  request,
  move,
  onDone,
  onCancel,
}: {
  request: Stored;
  move: RightsRequestTransition;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const [at, setAt] = useState('');
  const [text, setText] = useState('');
  const [notifiedAt, setNotifiedAt] = useState(() => toParisInput(new Date().toISOString()));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, transition] = useMutation(TransitionMutation);
  const submit = async () => {
    const result = await transition({
      id: request.id,
      version: request.version,
      input: {
        transition: move,
        at: at ? (fromParisInput(at) ?? undefined) : undefined,
        answerSummary: move === 'ANSWER' ? text : undefined,
        refusalReason: move === 'REFUSE' ? text : undefined,
        extensionReason: move === 'EXTEND' ? text : undefined,
        extensionNotifiedAt: move === 'EXTEND' ? (fromParisInput(notifiedAt) ?? undefined) : undefined,
      },
    });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f) onDone(`${TRANSITION_LABELS[move]} : fait.`);
  };
  const textField = { ANSWER: 'answerSummary', REFUSE: 'refusalReason', EXTEND: 'extensionReason' } as const;
  const textLabel = {
    ANSWER: 'Réponse apportée',
    REFUSE: 'Motif du refus',
    EXTEND: 'Motif de la prolongation',
  } as const;
  return (
    <section aria-labelledby="titre-transition" className="fr-mb-4w fr-p-3w fr-background-alt--grey">
      <h2 id="titre-transition" className="fr-h5">
        {TRANSITION_LABELS[move]}
      </h2>
      {TRANSITION_NEEDS[move] && <p className="fr-text--sm">{TRANSITION_NEEDS[move]}</p>}
      <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-transition">
        {(move === 'ANSWER' || move === 'REFUSE' || move === 'EXTEND') && (
          <Input
            label={textLabel[move]}
            textArea
            nativeTextAreaProps={{ value: text, onChange: (e) => setText(e.target.value) }}
            {...fieldState(failure, textField[move])}
          />
        )}
        {move === 'EXTEND' && (
          <Input
            label="Demandeur informé de la prolongation le"
            nativeInputProps={{
              type: 'datetime-local',
              value: notifiedAt,
              onChange: (e) => setNotifiedAt(e.target.value),
            }}
            {...fieldState(failure, 'extensionNotifiedAt')}
          />
        )}
        <Input
          label="Date (facultative)"
          hintText="Laissez vide pour maintenant ; sinon la date et l’heure de Paris où c’est arrivé."
          nativeInputProps={{ type: 'datetime-local', value: at, onChange: (e) => setAt(e.target.value) }}
          {...fieldState(failure, 'at')}
        />
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Button type="submit" disabled={fetching}>
              Confirmer : {TRANSITION_LABELS[move]}
            </Button>
          </li>
          <li>
            <Button type="button" priority="tertiary" onClick={onCancel}>
              Annuler
            </Button>
          </li>
        </ul>
      </ServerForm>
    </section>
  );
}

/**
 * A request's page. The head: correct it, move it (start, wait for the requester, extend, answer,
 * refuse). `reviewer` (the DPD): the entry read-only, its reviews, "Donner un avis". Both: history.
 */
export function RightsRequestPage({ reviewer = false }: { reviewer?: boolean }) {
  const { id = '' } = useParams();
  const initialNotice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const [{ data, fetching, error }, reload] = useQuery({ query: RequestQuery, variables: { id } });
  const r = data?.rightsRequest;
  const loaded = !!data;
  const [form, setForm] = useState<RightsRequestForm | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const [move, setMove] = useState<RightsRequestTransition | null>(null);
  const [{ fetching: saving }, update] = useMutation(UpdateMutation);
  useEffect(() => {
    if (r) setForm(formOf(r));
  }, [r]);

  if (fetching && !loaded) return <p aria-live="polite">Chargement…</p>;
  if (error && !loaded)
    return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  if (!r)
    return (
      <>
        <h1>Demande introuvable</h1>
        <Alert
          severity="warning"
          small
          description="Elle n’existe pas ou n’est pas d’un établissement que vous pouvez consulter."
        />
      </>
    );
  const final = r.status === 'ANSWERED' || r.status === 'REFUSED';
  const save = async () => {
    if (!form) return;
    setNotice(null);
    const result = await update({ id: r.id, version: r.version, input: rightsRequestPatch(form, formOf(r)) });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f) setNotice('Modifications enregistrées.');
  };
  const moves = reviewer ? [] : transitionsFor(r.status, r.extended);
  return (
    <>
      <p className="fr-mb-1w">
        <Link
          to={reviewer ? '/dpd/demandes' : '/demandes'}
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
        >
          {reviewer ? 'Demandes de droits de l’académie' : 'Demandes de droits'}
        </Link>
      </p>
      <h1>
        {r.reference} — {r.requesterName}
      </h1>
      <p>
        <Badge severity={STATUS_SEVERITY[r.status]} noIcon className="fr-mr-1w">
          {RIGHTS_REQUEST_STATUS_LABELS[r.status]}
        </Badge>
        {r.overdue && (
          <Badge severity="error" noIcon>
            En retard
          </Badge>
        )}
      </p>
      {reviewer && (
        <p>
          Établissement : <Link to={`/dpd/etablissements/${r.school.id}`}>{r.school.name}</Link>
        </p>
      )}
      <div data-testid="due">
        <DueCell r={r} />
      </div>
      <div aria-live="polite">
        {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      </div>
      {moves.length > 0 && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-3w" aria-label="Faire avancer la demande">
          {moves.map((m) => (
            <li key={m}>
              <Button
                type="button"
                priority={m === 'ANSWER' ? 'primary' : 'secondary'}
                aria-expanded={move === m}
                onClick={() => setMove(move === m ? null : m)}
              >
                {TRANSITION_LABELS[m]}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {move && (
        <TransitionForm
          key={move}
          request={r}
          move={move}
          onCancel={() => setMove(null)}
          onDone={(text) => {
            setMove(null);
            setNotice(text);
          }}
        />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-8" aria-labelledby="titre-fiche">
          <h2 id="titre-fiche">Fiche du registre</h2>
          <Fields
            testId="request-fields"
            rows={[
              ['Référence', r.reference],
              ['Droits exercés', r.rightTypes.map((t) => RIGHT_TYPE_LABELS[t]).join(' ; ')],
              ['Reçue le', formatDateTime(r.receivedAt)],
              ['Canal', RIGHTS_REQUEST_CHANNEL_LABELS[r.channel]],
              ['Demandeur', `${r.requesterName} — ${REQUESTER_RELATION_LABELS[r.requesterRelation]}`],
              [
                'Personne concernée',
                `${r.subjectName ? `${r.subjectName} — ` : ''}${SUBJECT_CATEGORY_LABELS[r.subjectCategory]}`,
              ],
              ['Objet', r.description],
              ['Échéance', formatDateTime(r.dueAt)],
              ['Jours de suspension', String(r.pausedDays)],
              ['Délai prolongé', r.extended ? `Oui : ${r.extensionReason ?? ''}` : 'Non'],
              [
                'Demandeur informé de la prolongation le',
                r.extensionNotifiedAt ? formatDateTime(r.extensionNotifiedAt) : null,
              ],
              ['Répondue le', r.answeredAt ? formatDateTime(r.answeredAt) : null],
              ['Réponse', r.answerSummary],
              ['Motif du refus', r.refusalReason],
              ['Enregistrée par', r.recordedBy.displayName],
            ]}
          />
        </section>
        <div className="fr-col-12 fr-col-md-4">
          <Reviews reviews={r.reviews} headingId="titre-avis" level="h3" />
        </div>
      </div>
      {!reviewer && !final && form && (
        <section aria-labelledby="titre-corriger" className="fr-mt-4w">
          <h2 id="titre-corriger">Corriger la demande</h2>
          <ServerForm
            failure={failure}
            onSubmit={() => void save()}
            onReload={() => {
              setFailure(null);
              reload({ requestPolicy: 'network-only' });
            }}
            labelledBy="titre-corriger"
          >
            <RequestFields
              form={form}
              set={(c) => setForm({ ...form, ...c })}
              failure={failure}
              creating={false}
            />
            <Button type="submit" disabled={saving}>
              Enregistrer les modifications
            </Button>
          </ServerForm>
        </section>
      )}
      {reviewer && (
        <ReviewForm
          targetType="RIGHTS_REQUEST"
          targetId={r.id}
          onDone={() => reload({ requestPolicy: 'network-only' })}
        />
      )}
      <AuditHistory entityType="RightsRequest" entityId={r.id} />
    </>
  );
}
