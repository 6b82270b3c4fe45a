import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';

const VerifyQuery = graphql(`
  query VerifyAuditTrail {
    verifyAuditTrail {
      valid
      checkedEvents
      firstBrokenEventId
    }
  }
`);

/** "Vérifier l'intégrité": runs verifyAuditTrail on demand and says what it found. */
export function AuditIntegrityPage() {
  const [{ data, fetching, error }, run] = useQuery({ query: VerifyQuery, pause: true });
  const result = data?.verifyAuditTrail;
  return (
    <>
      <h1>Journal d’audit</h1>
      <p>La vérification recalcule la chaîne des événements du journal et signale la première rupture.</p>
      <Button type="button" disabled={fetching} onClick={() => run({ requestPolicy: 'network-only' })}>
        Vérifier l’intégrité
      </Button>
      <div aria-live="polite" className="fr-mt-3w">
        {fetching && <p>Vérification en cours…</p>}
        {error && <Alert severity="error" small description={toFailure(error)?.message ?? ''} />}
        {result && !fetching && (
          <Alert
            severity={result.valid ? 'success' : 'error'}
            title={result.valid ? 'Le journal est intègre' : 'Le journal a été altéré'}
            description={
              result.valid
                ? `${result.checkedEvents} événements vérifiés.`
                : `${result.checkedEvents} événements vérifiés ; premier événement altéré : ${result.firstBrokenEventId ?? 'inconnu'}.`
            }
          />
        )}
      </div>
    </>
  );
}
