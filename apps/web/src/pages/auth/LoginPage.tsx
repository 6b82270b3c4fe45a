import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import type { Failure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { EmailField } from '../../components/EmailField';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { useSession } from '../../session/session';

const LoginOptionsQuery = graphql(`
  query LoginOptions {
    loginOptions {
      sso
      localLogin
    }
  }
`);

/**
 * "Connexion": the académie account (when the API has an identity provider: a full navigation to
 * GET /auth/oidc/login, which comes back to the home page), or e-mail and password; back to the page
 * asked for, or to the home page.
 */
export function LoginPage() {
  const [{ data: options }] = useQuery({ query: LoginOptionsQuery });
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.status === 'authenticated') return <Navigate to={from} replace />;

  const submit = async () => {
    setBusy(true);
    const result = await session.login(email, password);
    setBusy(false);
    setFailure(result);
    if (!result) void navigate(from, { replace: true });
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1 id="titre-connexion">Connexion au registre RGPD</h1>
        {session.notice && !failure && (
          <Alert severity="info" small description={session.notice} className="fr-mb-4w" />
        )}
        {options?.loginOptions.sso && (
          <div className="fr-mb-4w">
            <h2 className="fr-h5">Avec votre compte académique</h2>
            <p className="fr-text--sm">
              Le même identifiant et le même mot de passe que pour les autres services de l'académie.
            </p>
            <Button
              iconId="fr-icon-account-circle-line"
              linkProps={{ to: '/auth/oidc/login', reloadDocument: true }}
            >
              Se connecter avec mon compte académique
            </Button>
            <hr className="fr-mt-4w" />
          </div>
        )}
        <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-connexion">
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">
              {options?.loginOptions.sso
                ? 'Avec une adresse électronique et un mot de passe'
                : 'Se connecter avec son compte académique'}
            </legend>
            {options?.loginOptions.localLogin === false && (
              <div className="fr-fieldset__element">
                <p className="fr-text--sm fr-mb-0">Réservé aux administrateurs du registre.</p>
              </div>
            )}
            <div className="fr-fieldset__element">
              <EmailField value={email} onChange={setEmail} failure={failure} />
            </div>
            <div className="fr-fieldset__element">
              <Input
                label="Mot de passe"
                nativeInputProps={{
                  type: 'password',
                  name: 'password',
                  autoComplete: 'current-password',
                  required: true,
                  value: password,
                  onChange: (e) => setPassword(e.target.value),
                }}
                {...fieldState(failure, 'password')}
              />
              {options?.loginOptions.localLogin !== false && (
                <p className="fr-text--sm fr-mt-n2w">
                  <Link to="/mot-de-passe/oublie" className="fr-link fr-link--sm">
                    Mot de passe oublié ?
                  </Link>
                </p>
              )}
            </div>
            <div className="fr-fieldset__element">
              <Button type="submit" disabled={busy}>
                Se connecter
              </Button>
            </div>
          </fieldset>
        </ServerForm>
      </div>
    </div>
  );
}
