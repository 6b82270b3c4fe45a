import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  DATA_CATEGORY_LABELS,
  LEGAL_BASIS_LABELS,
  REVIEW_STATE_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRANSFER_SAFEGUARD_LABELS,
  TREATMENT_STATUS_LABELS,
} from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { AuditHistory } from '../../components/AuditHistory';
import { Fields } from '../../components/Fields';
import { formatDateTime } from '../../components/format';
import { ReviewForm } from '../../components/ReviewForm';
import { Reviews } from '../../components/Reviews';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { STATUS_LABELS } from '../declarations/labels';

graphql(`
  fragment TreatmentDetail on Treatment {
    id
    reference
    name
    purposes
    legalBasis
    subjectCategories
    dataCategories
    sensitiveData
    recipients
    processors
    transfers {
      country
      recipient
      safeguard
    }
    retention
    retentionMonths
    securityMeasures
    dpiaRequired
    status
    archivedReason
    reviewState
    createdAt
    updatedAt
    version
  }
`);

const TreatmentQuery = graphql(`
  query TreatmentEntry($id: ID!) {
    treatment(id: $id) {
      ...TreatmentDetail
      school {
        id
        name
        uai
        heads {
          id
          displayName
          email
        }
        academy {
          name
          dpoName
          dpoEmail
        }
      }
      declarations {
        id
        toolName
        status
        declaredBy {
          displayName
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

const ArchiveMutation = graphql(`
  mutation ArchiveTreatment($id: ID!, $reason: String!) {
    archiveTreatment(id: $id, reason: $reason) {
      ...TreatmentDetail
    }
  }
`);

const list = (items: readonly string[]) =>
  items.length === 0 ? null : items.length === 1 ? (
    items[0]
  ) : (
    <ul className="fr-mb-0">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );

/**
 * An entry of the register: every art. 30 field in French, the DPD's reviews, its history; archive.
 * `reviewer`: the DPD's view of it (read-only, with "Donner un avis").
 */
export function TreatmentPage({ reviewer = false }: { reviewer?: boolean }) {
  const { id = '' } = useParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [{ data, fetching, error }, reload] = useQuery({ query: TreatmentQuery, variables: { id } });
  const [{ fetching: archiving }, archive] = useMutation(ArchiveMutation);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [archived, setArchived] = useState(false);
  const t = data?.treatment;

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data)
    return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  if (!t)
    return (
      <>
        <h1>Traitement introuvable</h1>
        <Alert
          severity="warning"
          small
          description={
            reviewer
              ? 'Il n’existe pas ou n’est pas au registre d’un établissement de votre académie.'
              : 'Il n’existe pas ou n’est pas au registre d’un établissement que vous dirigez.'
          }
        />
      </>
    );

  const submitArchive = async () => {
    const result = await archive({ id, reason });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f) {
      setArchiveOpen(false);
      setArchived(true);
    }
  };

  const school = t.school;
  const heads = school.heads.map((h) => `${h.displayName} (${h.email})`).join(', ');
  const dpd = [school.academy.dpoName, school.academy.dpoEmail].filter(Boolean).join(', ');
  return (
    <>
      <p className="fr-mb-1w">
        {reviewer ? (
          <Link to="/dpd/traitements" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
            Traitements de l’académie
          </Link>
        ) : (
          <Link to="/registre" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
            Registre des traitements
          </Link>
        )}
      </p>
      <h1>
        {t.reference} — {t.name}
      </h1>
      <p>
        <Badge severity={t.status === 'ACTIVE' ? 'success' : 'new'} noIcon className="fr-mr-1w">
          {TREATMENT_STATUS_LABELS[t.status]}
        </Badge>
        <Badge severity={t.reviewState === 'APPROVED' ? 'success' : 'info'} noIcon>
          {REVIEW_STATE_LABELS[t.reviewState]}
        </Badge>
      </p>
      {notice && !archived && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      {archived && (
        <Alert
          severity="success"
          small
          description="Le traitement est archivé : il reste au registre, en annexe, et n’est plus modifiable."
          className="fr-mb-3w"
        />
      )}
      {reviewer && (
        <p>
          Établissement : <Link to={`/dpd/etablissements/${school.id}`}>{school.name}</Link>
        </p>
      )}
      {t.status === 'ACTIVE' && !reviewer && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-3w">
          <li>
            <Link className="fr-btn fr-icon-edit-line fr-btn--icon-left" to={`/registre/${t.id}/modifier`}>
              Modifier
            </Link>
          </li>
          <li>
            <Button
              type="button"
              priority="secondary"
              iconId="fr-icon-archive-line"
              aria-expanded={archiveOpen}
              aria-controls="archivage"
              onClick={() => setArchiveOpen(!archiveOpen)}
            >
              Archiver
            </Button>
          </li>
        </ul>
      )}
      {archiveOpen && (
        <section
          id="archivage"
          aria-labelledby="titre-archivage"
          className="fr-mb-4w fr-p-3w fr-background-alt--grey"
        >
          <h2 id="titre-archivage" className="fr-h5">
            Archiver le traitement
          </h2>
          <ServerForm
            failure={failure}
            onSubmit={() => void submitArchive()}
            onReload={() => reload({ requestPolicy: 'network-only' })}
            labelledBy="titre-archivage"
          >
            <Input
              label="Motif de l’archivage"
              hintText="Par exemple : outil abandonné à la rentrée 2026. Le traitement reste au registre, en annexe."
              textArea
              nativeTextAreaProps={{
                name: 'reason',
                value: reason,
                onChange: (e) => setReason(e.target.value),
              }}
              {...fieldState(failure, 'reason')}
            />
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              <li>
                <Button type="submit" disabled={archiving}>
                  Confirmer l’archivage
                </Button>
              </li>
              <li>
                <Button type="button" priority="tertiary" onClick={() => setArchiveOpen(false)}>
                  Annuler
                </Button>
              </li>
            </ul>
          </ServerForm>
        </section>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-8" aria-labelledby="titre-fiche">
          <h2 id="titre-fiche">Fiche du registre (article 30 du RGPD)</h2>
          <Fields
            testId="treatment-fields"
            rows={[
              ['Référence', t.reference],
              ['Nom du traitement', t.name],
              ['Statut', TREATMENT_STATUS_LABELS[t.status]],
              [
                'Responsable du traitement',
                `${school.name} (UAI ${school.uai})${heads ? `, représenté par ${heads}` : ''}`,
              ],
              ['Délégué à la protection des données', dpd ? `${dpd} — ${school.academy.name}` : null],
              ['Finalités', list(t.purposes)],
              ['Base légale', LEGAL_BASIS_LABELS[t.legalBasis]],
              ['Personnes concernées', list(t.subjectCategories.map((c) => SUBJECT_CATEGORY_LABELS[c]))],
              ['Catégories de données', list(t.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]))],
              ['Données sensibles (art. 9)', t.sensitiveData ? 'Oui' : 'Non'],
              ['Destinataires', list(t.recipients)],
              ['Sous-traitants', list(t.processors)],
              [
                'Transferts hors de l’Union européenne',
                t.transfers.length === 0
                  ? 'Aucun'
                  : list(
                      t.transfers.map(
                        (tr) =>
                          `${tr.recipient} (${tr.country}) — ${TRANSFER_SAFEGUARD_LABELS[tr.safeguard]}`,
                      ),
                    ),
              ],
              [
                'Durée de conservation',
                `${t.retention}${t.retentionMonths != null ? ` (${t.retentionMonths} mois)` : ''}`,
              ],
              ['Mesures de sécurité', list(t.securityMeasures)],
              ['Analyse d’impact (AIPD) requise', t.dpiaRequired ? 'Oui' : 'Non'],
              ...(t.status === 'ARCHIVED'
                ? [['Motif d’archivage', t.archivedReason] as [string, string | null]]
                : []),
              ['Inscrit au registre le', formatDateTime(t.createdAt)],
              ['Dernière mise à jour', formatDateTime(t.updatedAt)],
            ]}
          />
        </section>
        <div className="fr-col-12 fr-col-md-4">
          <section aria-labelledby="titre-declarations">
            <h2 id="titre-declarations" className="fr-h6">
              Déclarations rattachées
            </h2>
            {t.declarations.length === 0 ? (
              <p className="fr-text--sm">Aucune : traitement créé à la main.</p>
            ) : (
              <ul className="fr-text--sm">
                {t.declarations.map((d) => (
                  <li key={d.id}>
                    <Link to={reviewer ? `/dpd/declarations/${d.id}` : `/decisions/${d.id}`}>
                      {d.toolName}
                    </Link>
                    , par {d.declaredBy.displayName} — {STATUS_LABELS[d.status]}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Reviews reviews={t.reviews} headingId="titre-avis" level="h3" />
        </div>
      </div>
      {reviewer && (
        <ReviewForm
          targetType="TREATMENT"
          targetId={t.id}
          onDone={() => reload({ requestPolicy: 'network-only' })}
        />
      )}
      <AuditHistory entityType="Treatment" entityId={t.id} />
    </>
  );
}
