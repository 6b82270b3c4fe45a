import { RISK_FLAG_LABELS } from '@app/pdf/labels';
import { RISK_FLAG_EXPLANATIONS } from '@app/rules/risk-assessment';
import type { RiskAssessment } from '@app/rules/risk-assessment';
import { RiskBadge } from '../../components/RiskBadge';

/** The risk of the answers so far and why, as the server will compute it (same rules module). */
export function RiskPanel({
  risk,
  note = 'Le risque est calculé à partir de vos réponses, selon les règles du registre ; il est recalculé à l’enregistrement.',
}: {
  risk: RiskAssessment;
  note?: string;
}) {
  return (
    <section className="fr-p-3w fr-background-alt--blue-france" aria-labelledby="titre-risque">
      <h2 id="titre-risque" className="fr-h6">
        Évaluation du risque
      </h2>
      <div aria-live="polite" aria-atomic="true" data-testid="risk-level">
        <RiskBadge level={risk.level} />
      </div>
      {risk.flags.length === 0 ? (
        <p className="fr-mt-2w fr-text--sm">Aucun point d’attention selon vos réponses.</p>
      ) : (
        <ul className="fr-mt-2w fr-text--sm" data-testid="risk-flags">
          {risk.flags.map((flag) => (
            <li key={flag}>
              <strong>{RISK_FLAG_LABELS[flag]}</strong> : {RISK_FLAG_EXPLANATIONS[flag]}
            </li>
          ))}
        </ul>
      )}
      <p className="fr-text--xs fr-mb-0">{note}</p>
    </section>
  );
}
