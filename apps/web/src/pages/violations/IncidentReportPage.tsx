import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useMutation } from 'urql';
import { INCIDENT_TYPE_LABELS } from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { IncidentType } from '../../api/gql/graphql';
import { Countdown } from '../../components/Countdown';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { rolesOf, useSession } from '../../session/session';

const RecordViolationMutation = graphql(`
  mutation ReportIncident($input: ViolationInput!) {
    recordViolation(input: $input) {
      id
      title
      cnilDeadline
      discoveredAt
    }
  }
`);

/** "Signaler un incident": the short report any staff member files; the head completes it. */
export function IncidentReportPage() {
  const { user } = useSession();
  const held = rolesOf(user);
  const schools = (user?.grants ?? [])
    .filter((g) => (g.role === 'TEACHER' || g.role === 'HEAD') && g.school && held.size > 0)
    .map((g) => g.school as { id: string; name: string });
  const [schoolId, setSchoolId] = useState(schools[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [incidentType, setIncidentType] = useState<IncidentType>('OTHER');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [recorded, setRecorded] = useState<{ title: string; cnilDeadline: string } | null>(null);
  const [{ fetching }, record] = useMutation(RecordViolationMutation);

  const submit = async () => {
    const result = await record({
      input: {
        schoolId,
        title,
        description,
        incidentType,
        discoveredAt: new Date().toISOString(),
        // a first report: the head qualifies the breach and its risk afterwards
        natures: ['CONFIDENTIALITY'],
        risk: 'RISK',
      },
    });
    setFailure(toFailure(result.error));
    if (result.data) setRecorded(result.data.recordViolation);
  };

  if (recorded) {
    return (
      <>
        <h1>Signaler un incident</h1>
        <Alert
          severity="success"
          title={`Incident « ${recorded.title} » signalé`}
          description="Votre chef d’établissement en est informé et le complète. S’il s’agit d’une violation de données, la CNIL doit être notifiée dans les 72 heures."
        />
        <div className="fr-mt-3w">
          <Countdown
            deadline={recorded.cnilDeadline}
            label="Échéance de notification à la CNIL"
            overdueLabel="Échéance CNIL dépassée"
          />
        </div>
      </>
    );
  }

  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1 id="titre-incident">Signaler un incident</h1>
        <p>
          Un ordinateur perdu, un mot de passe divulgué, un message envoyé à la mauvaise personne :
          signalez-le tout de suite, en deux minutes. Le délai de 72 heures pour prévenir la CNIL court dès la
          découverte.
        </p>
        <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-incident">
          <fieldset className="fr-fieldset" disabled={fetching}>
            {schools.length > 1 && (
              <div className="fr-fieldset__element">
                <Select
                  label="Établissement"
                  nativeSelectProps={{ value: schoolId, onChange: (e) => setSchoolId(e.target.value) }}
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
            <div className="fr-fieldset__element">
              <Input
                label="En quelques mots, que s’est-il passé ?"
                hintText="Par exemple : clé USB perdue avec des bulletins"
                nativeInputProps={{ name: 'title', value: title, onChange: (e) => setTitle(e.target.value) }}
                {...fieldState(failure, 'title')}
              />
            </div>
            <div className="fr-fieldset__element">
              <Select
                label="Type d’incident"
                nativeSelectProps={{
                  name: 'incidentType',
                  value: incidentType,
                  onChange: (e) => setIncidentType(e.target.value as IncidentType),
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
              <Input
                label="Description"
                hintText="Quand, où, quelles données, qui est concerné, ce que vous avez déjà fait"
                textArea
                nativeTextAreaProps={{
                  name: 'description',
                  value: description,
                  onChange: (e) => setDescription(e.target.value),
                }}
                {...fieldState(failure, 'description')}
              />
            </div>
            <div className="fr-fieldset__element">
              <Button type="submit">Signaler l’incident</Button>
            </div>
          </fieldset>
        </ServerForm>
      </div>
    </div>
  );
}
