import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEntityEdit } from '../../components/useEntityEdit';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  BREACH_NATURE_LABELS,
  BREACH_RISK_LABELS,
  DATA_CATEGORY_LABELS,
  INCIDENT_TYPE_LABELS,
  SUBJECT_CATEGORY_LABELS,
  VIOLATION_STATUS_LABELS,
} from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type {
  BreachNature,
  BreachRisk,
  DataCategory,
  IncidentType,
  SubjectCategory,
} from '../../api/gql/graphql';
import { AUDITED_FIELDS } from '../../components/audit-history';
import { AuditHistory } from '../../components/AuditHistory';
import { Countdown } from '../../components/Countdown';
import { Fields } from '../../components/Fields';
import { formatDateTime } from '../../components/format';
import { Reviews } from '../../components/Reviews';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { awaitsNotification } from './to-do';
import {
  factsOfForm,
  type StoredViolation,
  violationFormOf,
  violationPatch,
  type ViolationForm,
} from './violation-form';
import { deadlineLabel, missingForClosing } from './violation-state';

graphql(`
  fragment ViolationDetail on Violation {
    id
    reference
    title
    description
    incidentType
    natures
    risk
    occurredAt
    discoveredAt
    dataCategories
    subjectCategories
    approxSubjectCount
    approxRecordCount
    consequences
    measuresTaken
    cnilNotificationRequired
    cnilDeadline
    cnilNotifiedAt
    cnilOverdue
    cnilReference
    lateNotificationReason
    subjectsInformedAt
    noNotificationJustification
    rssiInformedAt
    hierarchyInformedAt
    status
    closedAt
    createdAt
    updatedAt
    version
    treatments {
      id
      reference
      name
    }
  }
`);

const ViolationQuery = graphql(`
  query ViolationEntry($id: ID!) {
    violation(id: $id) {
      ...ViolationDetail
      reportedBy {
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
  }
`);

const SchoolTreatmentsQuery = graphql(`
  query ViolationTreatmentChoices($schoolId: ID!) {
    treatments(first: 100, filter: { status: ACTIVE, schoolId: $schoolId }) {
      nodes {
        id
        reference
        name
      }
    }
  }
`);

const UpdateViolationMutation = graphql(`
  mutation UpdateViolation($id: ID!, $input: ViolationPatch!, $version: Int!) {
    updateViolation(id: $id, input: $input, version: $version) {
      ...ViolationDetail
    }
  }
`);

const CloseViolationMutation = graphql(`
  mutation CloseViolation($id: ID!, $version: Int!) {
    closeViolation(id: $id, version: $version) {
      ...ViolationDetail
    }
  }
`);

const FIELDS = AUDITED_FIELDS.Violation;
const fieldId = (field: string) => `champ-${field}`;
const places = (failure: Failure | null) =>
  failure?.kind === 'fields'
    ? Object.fromEntries(
        Object.keys(failure.fields).map((f) => [f, FIELDS[f.replace(/^input\./, '')]?.label ?? f]),
      )
    : undefined;

function toggled<V>(list: readonly V[], value: V, on: boolean): V[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/**
 * A violation of the register: its 72-hour countdown, the head completes the teacher's report and the
 * notification dates, and the closing checklist says what the rules still need before "Clôturer".
 */
export function ViolationPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ViolationQuery, variables: { id } });
  const v = data?.violation;
  const [{ data: choices }] = useQuery({
    query: SchoolTreatmentsQuery,
    variables: { schoolId: v?.school.id ?? '' },
    pause: !v || v.status !== 'OPEN',
  });
  const [{ fetching: saving }, update] = useMutation(UpdateViolationMutation);
  const [{ fetching: closing }, close] = useMutation(CloseViolationMutation);
  const { loaded, form, setForm, failure, setFailure, notice, setNotice, saved, reload } = useEntityEdit<
    StoredViolation & { version: number },
    ViolationForm
  >(v, violationFormOf, () => refetch({ requestPolicy: 'network-only' }));

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data)
    return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  if (!v)
    return (
      <>
        <h1>Violation introuvable</h1>
        <Alert
          severity="warning"
          small
          description="Elle n’existe pas ou n’est pas au registre d’un établissement que vous dirigez."
        />
      </>
    );

  /** Saves what changed; answers the saved violation (undefined when nothing changed), or null when refused. */
  const save = async () => {
    if (!form || !loaded) return null;
    const patch = violationPatch(form, loaded.form);
    if (Object.keys(patch).length === 0) return undefined;
    const result = await update({ id, input: patch, version: loaded.version });
    const f = toFailure(result.error);
    setFailure(f);
    if (f || !result.data) return null;
    return result.data.updateViolation;
  };

  const submit = async () => {
    setNotice(null);
    const next = await save();
    if (next) saved(next, 'Violation enregistrée.');
    else if (next === undefined) setNotice('Violation enregistrée.');
  };

  const submitClose = async () => {
    setNotice(null);
    const next = await save();
    if (next === null || !loaded) return;
    const result = await close({ id, version: next?.version ?? loaded.version });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      saved(
        result.data.closeViolation,
        'Violation clôturée : elle reste au registre et n’est plus modifiable.',
      );
    } else if (next) {
      // the changes were saved before the closing was refused: the form starts from them
      saved(next, 'Violation enregistrée, mais pas clôturée.');
    }
  };

  const header = (
    <>
      <p className="fr-mb-1w">
        <Link to="/violations" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Registre des violations
        </Link>
      </p>
      <h1>
        {v.reference} — {v.title}
      </h1>
      <p>
        <Badge severity={v.status === 'OPEN' ? 'warning' : 'success'} noIcon className="fr-mr-1w">
          {VIOLATION_STATUS_LABELS[v.status]}
        </Badge>
        Signalée par {v.reportedBy.displayName} le {formatDateTime(v.createdAt)}
      </p>
      {v.status === 'OPEN' && awaitsNotification(v) ? (
        <Countdown deadline={v.cnilDeadline} label="Échéance CNIL" overdueLabel="Échéance CNIL dépassée" />
      ) : (
        <p className="fr-text--bold" data-testid="deadline-status">
          {deadlineLabel(v)} (échéance : {formatDateTime(v.cnilDeadline)})
        </p>
      )}
      {notice && (
        <div aria-live="polite">
          <Alert severity="success" small description={notice} className="fr-mb-3w" />
        </div>
      )}
    </>
  );

  if (v.status === 'OPEN' && (!form || !loaded)) return <p aria-live="polite">Chargement…</p>;
  if (v.status === 'CLOSED' || !form || !loaded) {
    const date = (value?: string | null) => (value ? formatDateTime(value) : null);
    return (
      <>
        {header}
        <h2>Fiche du registre (article 33.5 du RGPD)</h2>
        <Fields
          testId="violation-fields"
          rows={[
            ['Établissement', v.school.name],
            ['Description', v.description],
            ['Type d’incident', INCIDENT_TYPE_LABELS[v.incidentType]],
            ['Nature de la violation', v.natures.map((n) => BREACH_NATURE_LABELS[n]).join(' ; ')],
            ['Survenue le', date(v.occurredAt)],
            ['Découverte le', date(v.discoveredAt)],
            ['Catégories de données', v.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(' ; ')],
            ['Personnes concernées', v.subjectCategories.map((c) => SUBJECT_CATEGORY_LABELS[c]).join(' ; ')],
            ['Nombre approximatif de personnes', v.approxSubjectCount?.toString()],
            ['Nombre approximatif d’enregistrements', v.approxRecordCount?.toString()],
            ['Traitements concernés', v.treatments.map((t) => `${t.reference} — ${t.name}`).join(' ; ')],
            ['Conséquences', v.consequences],
            ['Mesures prises', v.measuresTaken],
            ['Risque pour les personnes', BREACH_RISK_LABELS[v.risk]],
            ['Notifiée à la CNIL le', date(v.cnilNotifiedAt)],
            ['Référence de la notification CNIL', v.cnilReference],
            ['Raison du retard de notification', v.lateNotificationReason],
            ['Personnes concernées informées le', date(v.subjectsInformedAt)],
            ['Justification de l’absence de notification', v.noNotificationJustification],
            ['RSSI informé le', date(v.rssiInformedAt)],
            ['Hiérarchie informée le', date(v.hierarchyInformedAt)],
            ['Clôturée le', date(v.closedAt)],
          ]}
        />
        <Reviews reviews={v.reviews} headingId="titre-avis" />
        <AuditHistory entityType="Violation" entityId={v.id} />
      </>
    );
  }

  const set = (next: Partial<ViolationForm>) => setForm({ ...form, ...next });
  const text = (field: 'title' | 'cnilReference', label: string, hintText?: string) => (
    <div className="fr-fieldset__element">
      <Input
        label={label}
        hintText={hintText}
        nativeInputProps={{
          id: fieldId(field),
          value: form[field],
          onChange: (e) => set({ [field]: e.target.value }),
        }}
        {...fieldState(failure, field)}
      />
    </div>
  );
  const area = (
    field:
      | 'description'
      | 'consequences'
      | 'measuresTaken'
      | 'lateNotificationReason'
      | 'noNotificationJustification',
    label: string,
    hintText?: string,
  ) => (
    <div className="fr-fieldset__element">
      <Input
        label={label}
        hintText={hintText}
        textArea
        nativeTextAreaProps={{
          id: fieldId(field),
          rows: 3,
          value: form[field],
          onChange: (e) => set({ [field]: e.target.value }),
        }}
        {...fieldState(failure, field)}
      />
    </div>
  );
  const when = (
    field:
      | 'occurredAt'
      | 'discoveredAt'
      | 'cnilNotifiedAt'
      | 'subjectsInformedAt'
      | 'rssiInformedAt'
      | 'hierarchyInformedAt',
    label: string,
    hintText = 'Date et heure de Paris.',
  ) => (
    <div className="fr-fieldset__element fr-fieldset__element--inline">
      <Input
        label={label}
        hintText={hintText}
        nativeInputProps={{
          id: fieldId(field),
          type: 'datetime-local',
          value: form[field],
          onChange: (e) => set({ [field]: e.target.value }),
        }}
        {...fieldState(failure, field)}
      />
    </div>
  );
  const count = (field: 'approxSubjectCount' | 'approxRecordCount', label: string) => (
    <div className="fr-fieldset__element fr-fieldset__element--inline">
      <Input
        label={label}
        nativeInputProps={{
          id: fieldId(field),
          type: 'number',
          min: 0,
          inputMode: 'numeric',
          value: form[field],
          onChange: (e) => set({ [field]: e.target.value }),
        }}
        {...fieldState(failure, field)}
      />
    </div>
  );

  const treatmentChoices = [
    ...v.treatments,
    ...(choices?.treatments.nodes ?? []).filter((t) => !v.treatments.some((linked) => linked.id === t.id)),
  ];
  const missing = Object.entries(missingForClosing(factsOfForm(form, v)));
  const dirty = Object.keys(violationPatch(form, loaded.form)).length > 0;

  return (
    <>
      {header}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <ServerForm
            failure={failure}
            fieldPlaces={places(failure)}
            onSubmit={() => void submit()}
            onReload={reload}
            labelledBy="titre-completer"
          >
            <h2 id="titre-completer">Compléter la violation</h2>
            <fieldset className="fr-fieldset" aria-labelledby="legende-incident">
              <legend id="legende-incident" className="fr-fieldset__legend fr-h5">
                L’incident
              </legend>
              {text('title', 'Intitulé')}
              {area('description', 'Description')}
              <div className="fr-fieldset__element">
                <Select
                  label="Type d’incident"
                  nativeSelectProps={{
                    id: fieldId('incidentType'),
                    value: form.incidentType,
                    onChange: (e) => set({ incidentType: e.target.value as IncidentType }),
                  }}
                  {...fieldState(failure, 'incidentType')}
                >
                  {Object.entries(INCIDENT_TYPE_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="fr-fieldset__element">
                <Checkbox
                  legend="Nature de la violation"
                  orientation="horizontal"
                  options={(Object.keys(BREACH_NATURE_LABELS) as BreachNature[]).map((nature) => ({
                    label: BREACH_NATURE_LABELS[nature],
                    nativeInputProps: {
                      checked: form.natures.includes(nature),
                      onChange: (e) => set({ natures: toggled(form.natures, nature, e.target.checked) }),
                    },
                  }))}
                  {...fieldState(failure, 'natures')}
                />
              </div>
              {when('occurredAt', 'Survenue le (facultatif)')}
              {when(
                'discoveredAt',
                'Découverte le',
                'Date et heure de Paris. Le délai de 72 heures court depuis la découverte.',
              )}
            </fieldset>
            <fieldset className="fr-fieldset" aria-labelledby="legende-donnees">
              <legend id="legende-donnees" className="fr-fieldset__legend fr-h5">
                Les données et les personnes concernées
              </legend>
              <div className="fr-fieldset__element">
                <Checkbox
                  legend="Catégories de données"
                  options={(Object.keys(DATA_CATEGORY_LABELS) as DataCategory[]).map((category) => ({
                    label: DATA_CATEGORY_LABELS[category],
                    nativeInputProps: {
                      checked: form.dataCategories.includes(category),
                      onChange: (e) =>
                        set({ dataCategories: toggled(form.dataCategories, category, e.target.checked) }),
                    },
                  }))}
                  {...fieldState(failure, 'dataCategories')}
                />
              </div>
              <div className="fr-fieldset__element">
                <Checkbox
                  legend="Personnes concernées"
                  orientation="horizontal"
                  options={(Object.keys(SUBJECT_CATEGORY_LABELS) as SubjectCategory[]).map((category) => ({
                    label: SUBJECT_CATEGORY_LABELS[category],
                    nativeInputProps: {
                      checked: form.subjectCategories.includes(category),
                      onChange: (e) =>
                        set({
                          subjectCategories: toggled(form.subjectCategories, category, e.target.checked),
                        }),
                    },
                  }))}
                  {...fieldState(failure, 'subjectCategories')}
                />
              </div>
              {count('approxSubjectCount', 'Nombre approximatif de personnes')}
              {count('approxRecordCount', 'Nombre approximatif d’enregistrements')}
              {treatmentChoices.length > 0 && (
                <div className="fr-fieldset__element">
                  <Checkbox
                    legend="Traitements du registre concernés"
                    options={treatmentChoices.map((t) => ({
                      label: `${t.reference} — ${t.name}`,
                      nativeInputProps: {
                        checked: form.treatmentIds.includes(t.id),
                        onChange: (e) =>
                          set({ treatmentIds: toggled(form.treatmentIds, t.id, e.target.checked) }),
                      },
                    }))}
                    {...fieldState(failure, 'treatmentIds')}
                  />
                </div>
              )}
            </fieldset>
            <fieldset className="fr-fieldset" aria-labelledby="legende-consequences">
              <legend id="legende-consequences" className="fr-fieldset__legend fr-h5">
                Conséquences, mesures et risque
              </legend>
              {area(
                'consequences',
                'Conséquences',
                'Ce qui est arrivé ou peut arriver aux personnes concernées.',
              )}
              {area(
                'measuresTaken',
                'Mesures prises',
                'Pour limiter les conséquences et éviter que cela se reproduise.',
              )}
              <div className="fr-fieldset__element">
                <RadioButtons
                  legend="Risque pour les personnes"
                  name="risk"
                  options={(Object.keys(BREACH_RISK_LABELS) as BreachRisk[]).map((risk) => ({
                    label: BREACH_RISK_LABELS[risk],
                    nativeInputProps: { checked: form.risk === risk, onChange: () => set({ risk }) },
                  }))}
                  {...fieldState(failure, 'risk')}
                />
              </div>
            </fieldset>
            <fieldset className="fr-fieldset" aria-labelledby="legende-notifications">
              <legend id="legende-notifications" className="fr-fieldset__legend fr-h5">
                Notifications
              </legend>
              {when('cnilNotifiedAt', 'Notifiée à la CNIL le')}
              {text('cnilReference', 'Référence de la notification CNIL (facultatif)')}
              {area(
                'lateNotificationReason',
                'Raison du retard de notification',
                'Si la CNIL a été notifiée après les 72 heures.',
              )}
              {when('subjectsInformedAt', 'Personnes concernées informées le')}
              {area(
                'noNotificationJustification',
                'Justification de l’absence de notification',
                'Si la CNIL ou les personnes concernées n’ont pas été informées.',
              )}
              {when('rssiInformedAt', 'RSSI de l’académie informé le')}
              {when('hierarchyInformedAt', 'Hiérarchie (DSDEN, rectorat) informée le')}
            </fieldset>
            <Button type="submit" iconId="fr-icon-save-line" disabled={saving || closing}>
              Enregistrer
            </Button>
          </ServerForm>
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <section
            aria-labelledby="titre-cloture"
            className="fr-p-3w fr-background-alt--blue-france"
            data-testid="closing-checklist"
          >
            <h2 id="titre-cloture" className="fr-h5">
              Clôture
            </h2>
            <div aria-live="polite" aria-atomic="true">
              {missing.length === 0 ? (
                <p className="fr-text--sm">Rien ne manque : la violation peut être clôturée.</p>
              ) : (
                <>
                  <p className="fr-text--sm fr-mb-1w">
                    {missing.length > 1
                      ? `Il manque ${missing.length} éléments avant de clôturer :`
                      : 'Il manque un élément avant de clôturer :'}
                  </p>
                  <ul className="fr-text--sm">
                    {missing.map(([field, message]) => (
                      <li key={field}>
                        <a href={`#${fieldId(field)}`}>{FIELDS[field]?.label ?? field}</a> : {message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
            {dirty && <p className="fr-text--xs">Vos modifications seront enregistrées avant la clôture.</p>}
            <Button
              type="button"
              priority="secondary"
              iconId="fr-icon-lock-line"
              disabled={saving || closing}
              onClick={() => void submitClose()}
            >
              Clôturer la violation
            </Button>
          </section>
          <Reviews reviews={v.reviews} headingId="titre-avis" level="h3" />
        </div>
      </div>
      <AuditHistory entityType="Violation" entityId={v.id} />
    </>
  );
}
