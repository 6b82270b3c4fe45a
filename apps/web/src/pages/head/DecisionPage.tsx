import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  ANSWER_LABELS,
  DATA_CATEGORY_LABELS,
  HOSTING_LABELS,
  REVIEW_VERDICT_LABELS,
} from '../../../../../libs/pdf/src/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { DeclarationDecision } from '../../api/gql/graphql';
import { formatDateTime } from '../../components/format';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { RiskPanel } from '../declarations/RiskPanel';
import { STATUS_LABELS } from '../declarations/labels';

const DecisionQuery = graphql(`
  query DeclarationToDecide($id: ID!) {
    toolDeclaration(id: $id) {
      id
      toolName
      vendor
      url
      purpose
      status
      classes
      approxStudentCount
      dataCategories
      hosting
      hostingCountry
      commercialReuse
      freeSoftware
      institutional
      pseudonymsUsed
      familiesInformed
      retentionMonths
      securityMeasures
      riskLevel
      riskFlags
      submittedAt
      declaredBy {
        displayName
      }
      school {
        id
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
    treatments(first: 100, filter: { status: ACTIVE }) {
      nodes {
        id
        reference
        name
      }
    }
  }
`);

const DecideMutation = graphql(`
  mutation DecideDeclaration($id: ID!, $input: DeclarationDecisionInput!) {
    decideToolDeclaration(id: $id, input: $input) {
      id
      status
      version
      treatment {
        id
        reference
      }
    }
  }
`);

const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');

/** Deciding a declaration: the answers, the risk and why, the DPD's reviews, and the three decisions. */
export function DecisionPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({ query: DecisionQuery, variables: { id } });
  const [{ fetching: deciding }, decide] = useMutation(DecideMutation);
  const [comment, setComment] = useState('');
  const [treatmentId, setTreatmentId] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const d = data?.toolDeclaration;

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error) return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  if (!d)
    return (
      <Alert
        severity="warning"
        title="Déclaration introuvable"
        description="Elle n’existe pas ou n’est pas de votre établissement."
      />
    );

  const submit = async (decision: DeclarationDecision) => {
    const result = await decide({
      id,
      input: {
        decision,
        comment: comment.trim() || undefined,
        treatmentId: decision === 'APPROVE' && treatmentId ? treatmentId : undefined,
      },
    });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      const t = result.data.decideToolDeclaration.treatment;
      navigate(t ? `/registre/${t.id}` : '/a-traiter', {
        state: { notice: `Décision enregistrée pour « ${d.toolName} ».` },
      });
    }
  };

  const answers: [string, string][] = [
    ['Déclaré par', d.declaredBy.displayName],
    ['Éditeur', d.vendor ?? '—'],
    ['Adresse', d.url ?? '—'],
    ['Finalité', d.purpose],
    ['Classes', d.classes.join(', ') || '—'],
    ['Nombre approximatif d’élèves', d.approxStudentCount?.toString() ?? '—'],
    ['Données traitées', d.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(', ') || '—'],
    ['Hébergement', `${HOSTING_LABELS[d.hosting]}${d.hostingCountry ? ` (${d.hostingCountry})` : ''}`],
    ['Réutilisation commerciale', ANSWER_LABELS[d.commercialReuse]],
    ['Logiciel libre', ANSWER_LABELS[d.freeSoftware]],
    ['Outil institutionnel', yesNo(d.institutional)],
    ['Pseudonymes utilisés', yesNo(d.pseudonymsUsed)],
    ['Familles informées', yesNo(d.familiesInformed)],
    ['Conservation', d.retentionMonths == null ? 'Durée inconnue' : `${d.retentionMonths} mois`],
    ['Mesures de sécurité', d.securityMeasures ?? '—'],
  ];

  return (
    <>
      <h1>Décider : {d.toolName}</h1>
      <p>
        État : {STATUS_LABELS[d.status]}
        {d.submittedAt && ` — soumise le ${formatDateTime(d.submittedAt)}`}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-7" aria-labelledby="titre-reponses">
          <h2 id="titre-reponses" className="fr-h4">
            Les réponses de l’enseignant
          </h2>
          <dl data-testid="answers">
            {answers.map(([label, value]) => (
              <div key={label} className="fr-mb-1w">
                <dt className="fr-text--bold">{label}</dt>
                <dd className="fr-ml-0">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="fr-col-12 fr-col-md-5">
          <RiskPanel risk={{ level: d.riskLevel, flags: d.riskFlags }} />
          <section className="fr-mt-3w" aria-labelledby="titre-avis">
            <h2 id="titre-avis" className="fr-h6">
              Avis du DPD
            </h2>
            {d.reviews.length === 0 ? (
              <p className="fr-text--sm">Aucun avis pour l’instant.</p>
            ) : (
              <ul className="fr-text--sm">
                {d.reviews.map((r) => (
                  <li key={r.id}>
                    <strong>{REVIEW_VERDICT_LABELS[r.verdict]}</strong> — {r.reviewer.displayName}, le{' '}
                    {formatDateTime(r.createdAt)}
                    {r.comment && <p className="fr-mb-0">{r.comment}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
      {d.status === 'SUBMITTED' && (
        <section aria-labelledby="titre-decision" className="fr-mt-4w">
          <h2 id="titre-decision">Votre décision</h2>
          <ServerForm failure={failure} onSubmit={() => void submit('APPROVE')} labelledBy="titre-decision">
            <Select
              label="Inscrire au registre"
              hint="Par défaut, un nouveau traitement est créé à partir de la déclaration."
              nativeSelectProps={{ value: treatmentId, onChange: (e) => setTreatmentId(e.target.value) }}
              {...fieldState(failure, 'treatmentId')}
            >
              <option value="">Nouveau traitement</option>
              {data.treatments.nodes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.reference} — {t.name}
                </option>
              ))}
            </Select>
            <Input
              label="Commentaire pour l’enseignant"
              hintText="Obligatoire pour demander des modifications ou refuser."
              textArea
              nativeTextAreaProps={{ value: comment, onChange: (e) => setComment(e.target.value) }}
              {...fieldState(failure, 'comment')}
            />
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <Button type="submit" iconId="fr-icon-check-line" disabled={deciding}>
                  Approuver
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="secondary"
                  disabled={deciding}
                  onClick={() => void submit('REQUEST_CHANGES')}
                >
                  Demander des modifications
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  disabled={deciding}
                  onClick={() => void submit('REJECT')}
                >
                  Refuser
                </Button>
              </li>
            </ul>
          </ServerForm>
        </section>
      )}
    </>
  );
}
