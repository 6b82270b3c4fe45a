import { Input } from '@codegouvfr/react-dsfr/Input';
import type { Failure } from '../api/errors';
import { fieldState } from './ServerForm';

/**
 * "Adresse électronique" of the sign-in forms (connexion, mot de passe oublié): an académie address,
 * the API's `email` field, its refusal shown beside it.
 */
export function EmailField({
  value,
  onChange,
  failure,
}: {
  value: string;
  onChange: (value: string) => void;
  failure: Failure | null;
}) {
  return (
    <Input
      label="Adresse électronique"
      hintText="Format attendu : prenom.nom@ac-academie.fr"
      nativeInputProps={{
        type: 'email',
        name: 'email',
        autoComplete: 'email',
        required: true,
        value,
        onChange: (e) => onChange(e.target.value),
      }}
      {...fieldState(failure, 'email')}
    />
  );
}
