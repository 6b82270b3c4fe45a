import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { EmailField } from '../../components/EmailField';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { useSession } from '../../session/session';

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/** The rule the API checks (libs/core/src/validation.ts, PASSWORD_MIN_LENGTH), said before typing. */
const PASSWORD_HINT =
  'Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.';

/**
 * "Mot de passe oublié ?": the address, then the same answer whether or not it has an account (the
 * API's answer too: nobody learns from this page who has one).
 */
export function ForgottenPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [result, request] = useMutation(RequestPasswordResetMutation);
  const failure = toFailure(result.error);
  const submit = async () => {
    const answer = await request({ email });
    if (!answer.error) setSent(true);
  };
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1 id="titre-oubli">Mot de passe oublié</h1>
        {sent ? (
          <Alert
            severity="success"
            title="Demande enregistrée"
            description={`Si un compte existe pour ${email}, un courriel vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien ne sert qu’une fois et expire rapidement : utilisez-le dans l’heure. Pensez à regarder dans les courriers indésirables.`}
          />
        ) : (
          <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-oubli">
            <p>
              Indiquez l’adresse électronique de votre compte : vous recevrez un lien pour choisir un nouveau
              mot de passe.
            </p>
            <EmailField value={email} onChange={setEmail} failure={failure} />
            <Button type="submit" disabled={result.fetching}>
              Recevoir un lien
            </Button>
          </ServerForm>
        )}
        <p className="fr-mt-4w">
          <Link to="/connexion" className="fr-link">
            Retour à la connexion
          </Link>
        </p>
      </div>
    </div>
  );
}

/**
 * "Choisir mon mot de passe" (an invitation's link) and "Nouveau mot de passe" (a reset's link): the
 * token of the link, a password typed twice; then signed in, on the home page.
 */
export function ChoosePasswordPage({ invitation = false }: { invitation?: boolean }) {
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? '';
  const session = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const title = invitation ? 'Choisir mon mot de passe' : 'Choisir un nouveau mot de passe';

  const submit = async () => {
    if (password !== confirmation) {
      setFailure({
        kind: 'fields',
        message: 'Les deux mots de passe diffèrent.',
        fields: { confirmation: 'Saisissez deux fois le même mot de passe.' },
      });
      return;
    }
    setBusy(true);
    const result = await session.resetPassword(token, password);
    setBusy(false);
    setFailure(result);
    if (!result) void navigate('/', { replace: true });
  };

  if (!token) {
    return (
      <>
        <h1>{title}</h1>
        <Alert
          severity="error"
          title="Lien incomplet"
          description="Le lien ne contient pas de jeton : ouvrez-le tel qu’il figure dans le courriel, ou demandez-en un nouveau."
          className="fr-mb-3w"
        />
        <Link to="/mot-de-passe/oublie" className="fr-link">
          Recevoir un nouveau lien
        </Link>
      </>
    );
  }
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1 id="titre-mot-de-passe">{title}</h1>
        {invitation && (
          <p>
            Votre compte du registre RGPD a été créé. Choisissez son mot de passe pour vous connecter ; le
            lien ne sert qu’une fois.
          </p>
        )}
        <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-mot-de-passe">
          <Input
            label="Nouveau mot de passe"
            hintText={PASSWORD_HINT}
            nativeInputProps={{
              type: 'password',
              name: 'newPassword',
              autoComplete: 'new-password',
              required: true,
              value: password,
              onChange: (e) => setPassword(e.target.value),
            }}
            {...fieldState(failure, 'newPassword')}
          />
          <Input
            label="Confirmer le mot de passe"
            nativeInputProps={{
              type: 'password',
              name: 'confirmation',
              autoComplete: 'new-password',
              required: true,
              value: confirmation,
              onChange: (e) => setConfirmation(e.target.value),
            }}
            {...fieldState(failure, 'confirmation')}
          />
          <Button type="submit" disabled={busy}>
            Enregistrer le mot de passe
          </Button>
        </ServerForm>
        {failure?.kind === 'error' && (
          <p className="fr-mt-2w">
            <Link to="/mot-de-passe/oublie" className="fr-link">
              Recevoir un nouveau lien
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
