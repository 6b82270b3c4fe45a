import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link, Navigate, useParams } from 'react-router';
import { useSession } from '../../session/session';
import { entryPageOfAddress } from './entry-page';

/** `/fiche/<kind>/<id>`, the e-mails' link: on to the reader's own page of the entry. */
export function EntryRedirectPage() {
  const { kind = '', id = '' } = useParams();
  const { user } = useSession();
  const page = entryPageOfAddress(user, kind, id);
  if (page) return <Navigate to={page} replace />;
  return (
    <>
      <h1>Fiche introuvable</h1>
      <Alert
        severity="warning"
        title="Cette fiche ne s’ouvre pas avec votre compte"
        description="Le lien ne correspond à aucune fiche que votre rôle permet de consulter. Vos notifications listent les fiches qui vous concernent."
        className="fr-mb-3w"
      />
      <Link to="/notifications" className="fr-link">
        Voir mes notifications
      </Link>
    </>
  );
}
