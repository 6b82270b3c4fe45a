import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ANSWER_LABELS, CATALOG_OPINION_LABELS, DATA_CATEGORY_LABELS, HOSTING_LABELS } from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { CatalogOpinion, DeclarationDecision } from '../../api/gql/graphql';
import { formatDateTime } from '../../components/format';
import { Fields } from '../../components/Fields';
import { AuditHistory } from '../../components/AuditHistory';
import { ReviewForm } from '../../components/ReviewForm';
import { Reviews } from '../../components/Reviews';
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
      decidedAt
      decisionComment
      declaredBy {
        displayName
      }
      school {
        id
        name
      }
      treatment {
        id
        reference
        name
      }
      catalogTool {
        id
        name
        opinion
        conditions
        alternatives {
          id
          name
        }
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

// the register the declaration may be filed under: the ACTIVE treatments of its school
const ActiveTreatmentsQuery = graphql(`
  query ActiveTreatments($schoolId: ID!) {
    treatments(first: 100, filter: { status: ACTIVE, schoolId: $schoolId }) {
      totalCount
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

const OPINION_ALERT = {
  PENDING: 'info',
  RECOMMENDED: 'success',
  ALLOWED_WITH_CONDITIONS: 'info',
  DISCOURAGED: 'warning',
  FORBIDDEN: 'error',
} as const satisfies Record<CatalogOpinion, string>;

const OPINION_CONSEQUENCE: Record<CatalogOpinion, string> = {
  PENDING: 'Le délégué à la protection des données n’a pas encore examiné cet outil.',
  RECOMMENDED: 'L’outil est recommandé pour les établissements de l’académie.',
  ALLOWED_WITH_CONDITIONS: 'L’outil peut être utilisé si les conditions suivantes sont respectées.',
  DISCOURAGED:
    'Préférez une alternative ; pour approuver malgré tout, motivez votre décision en commentaire.',
  FORBIDDEN:
    'L’outil est interdit dans les établissements de l’académie : l’approbation de cette déclaration est refusée.',
};

interface CatalogEntry {
  id: string;
  name: string;
  opinion: CatalogOpinion;
  conditions?: string | null;
  alternatives: readonly { id: string; name: string }[];
}

/**
 * The académie's catalogue's opinion of the declared tool (#23): it binds the decision (the API
 * refuses to approve a FORBIDDEN tool, and wants a comment for a DISCOURAGED one), so it comes first.
 */
function CatalogOpinionAlert({ entry, reviewer }: { entry: CatalogEntry; reviewer: boolean }) {
  return (
    <Alert
      severity={OPINION_ALERT[entry.opinion]}
      as="h2"
      title={`Avis du catalogue de l’académie : ${CATALOG_OPINION_LABELS[entry.opinion]}`}
      className="fr-mb-4w"
      description={
        <>
          <span style={{ display: 'block' }}>{OPINION_CONSEQUENCE[entry.opinion]}</span>
          {entry.conditions && (
            <span style={{ display: 'block' }} className="fr-mt-1w">
              {entry.opinion === 'ALLOWED_WITH_CONDITIONS' ? 'Conditions' : 'Motif'} : {entry.conditions}
            </span>
          )}
          {entry.alternatives.length > 0 && (
            <span style={{ display: 'block' }} className="fr-mt-1w">
              À utiliser à la place : {entry.alternatives.map((a) => a.name).join(', ')}
            </span>
          )}
          {reviewer && (
            <span style={{ display: 'block' }} className="fr-mt-1w">
              <Link to={`/dpd/catalogue/${entry.id}`}>Fiche « {entry.name} » du catalogue</Link>
            </span>
          )}
        </>
      }
    />
  );
}

/**
 * Deciding a declaration: the answers, the risk and why, the DPD's reviews, and the three decisions.
 * `reviewer`: the DPD's view of it (the head's decision read-only, with "Donner un avis").
 */
export function DecisionPage({ reviewer = false }: { reviewer?: boolean }) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }, reload] = useQuery({ query: DecisionQuery, variables: { id } });
  const d = data?.toolDeclaration;
  const [{ data: register }] = useQuery({
    query: ActiveTreatmentsQuery,
    variables: { schoolId: d?.school.id ?? '' },
    pause: !d || d.status !== 'SUBMITTED' || reviewer,
  });
  const [{ fetching: deciding }, decide] = useMutation(DecideMutation);
  const [comment, setComment] = useState('');
  const [treatmentId, setTreatmentId] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data)
    return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  if (!d)
    return (
      <>
        <h1>Déclaration introuvable</h1>
        <Alert
          severity="warning"
          small
          description={
            reviewer
              ? 'Elle n’existe pas ou n’est pas d’un établissement de votre académie.'
              : 'Elle n’existe pas ou n’est pas d’un établissement que vous dirigez.'
          }
        />
      </>
    );

  const forbidden = d.catalogTool?.opinion === 'FORBIDDEN';
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
      const notice =
        decision === 'APPROVE'
          ? `« ${d.toolName} » est approuvé et inscrit au registre sous ${t?.reference ?? ''}.`
          : decision === 'REJECT'
            ? `« ${d.toolName} » est refusé ; l’enseignant voit votre commentaire.`
            : `Modifications demandées pour « ${d.toolName} » ; l’enseignant voit votre commentaire.`;
      void navigate(decision === 'APPROVE' && t ? `/registre/${t.id}` : '/a-traiter', { state: { notice } });
    }
  };

  const answers: [string, string][] = [
    ['Déclaré par', d.declaredBy.displayName],
    ['Établissement', d.school.name],
    ['Éditeur', d.vendor ?? '—'],
    ['Adresse', d.url ?? '—'],
    ['Finalité', d.purpose],
    ['Classes', d.classes.join(', ') || '—'],
    ['Nombre approximatif d’élèves', d.approxStudentCount?.toString() ?? '—'],
    ['Données traitées', d.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(' ; ') || '—'],
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
      {reviewer && (
        <p className="fr-mb-1w">
          <Link to="/dpd/declarations" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
            Déclarations de l’académie
          </Link>
        </p>
      )}
      <h1>{reviewer ? `Déclaration : ${d.toolName}` : `Décider : ${d.toolName}`}</h1>
      <p>
        État : {STATUS_LABELS[d.status]}
        {d.submittedAt && ` — soumise le ${formatDateTime(d.submittedAt)}`}
      </p>
      {d.catalogTool && <CatalogOpinionAlert entry={d.catalogTool} reviewer={reviewer} />}
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-7" aria-labelledby="titre-reponses">
          <h2 id="titre-reponses" className="fr-h4">
            Les réponses de l’enseignant
          </h2>
          <Fields rows={answers} testId="answers" />
        </section>
        <div className="fr-col-12 fr-col-md-5">
          <RiskPanel
            risk={{ level: d.riskLevel, flags: d.riskFlags }}
            note="Le risque est calculé à partir des réponses de l’enseignant, selon les règles du registre."
          />
          <Reviews reviews={d.reviews} headingId="titre-avis" level="h3" heading="Avis du DPD" />
        </div>
      </div>
      {d.status === 'SUBMITTED' && !reviewer ? (
        <section aria-labelledby="titre-decision" className="fr-mt-4w">
          <h2 id="titre-decision">Votre décision</h2>
          <ServerForm
            failure={failure}
            onSubmit={() => {
              if (!forbidden) void submit('APPROVE');
            }}
            onReload={() => {
              setFailure(null);
              reload({ requestPolicy: 'network-only' });
            }}
            labelledBy="titre-decision"
          >
            <Select
              label="Inscrire au registre des traitements"
              hint="Par défaut, un nouveau traitement est créé à partir de la déclaration. Vous pouvez aussi la rattacher à un traitement actif : ses catégories de données s’y ajoutent."
              nativeSelectProps={{ value: treatmentId, onChange: (e) => setTreatmentId(e.target.value) }}
              {...fieldState(failure, 'treatmentId')}
            >
              <option value="">Nouveau traitement</option>
              {(register?.treatments.nodes ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.reference} — {t.name}
                </option>
              ))}
            </Select>
            <Input
              label="Commentaire pour l’enseignant"
              hintText="Obligatoire pour demander des modifications ou refuser ; facultatif pour approuver."
              textArea
              nativeTextAreaProps={{ value: comment, onChange: (e) => setComment(e.target.value) }}
              {...fieldState(failure, 'comment')}
            />
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              <li>
                {/* the API refuses APPROVE for a FORBIDDEN tool: not offered (the alert above says why) */}
                <Button type="submit" iconId="fr-icon-check-line" disabled={deciding || forbidden}>
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
      ) : (
        <section aria-labelledby="titre-decision" className="fr-mt-4w">
          <h2 id="titre-decision">Décision du chef d’établissement</h2>
          <Fields
            rows={[
              ['Décidée le', d.decidedAt ? formatDateTime(d.decidedAt) : null],
              ['Commentaire', d.decisionComment],
              [
                'Inscrite au registre',
                d.treatment ? (
                  <Link to={`${reviewer ? '/dpd/traitements' : '/registre'}/${d.treatment.id}`}>
                    {d.treatment.reference} — {d.treatment.name}
                  </Link>
                ) : null,
              ],
            ]}
          />
        </section>
      )}
      {reviewer && (
        <>
          <ReviewForm
            targetType="TOOL_DECLARATION"
            targetId={d.id}
            onDone={() => reload({ requestPolicy: 'network-only' })}
          />
          <AuditHistory entityType="ToolDeclaration" entityId={d.id} />
        </>
      )}
    </>
  );
}
