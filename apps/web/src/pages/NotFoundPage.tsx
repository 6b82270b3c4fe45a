import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>L’adresse saisie ne correspond à aucune page du registre.</p>
      <Link className="fr-link" to="/">
        Revenir à l’accueil
      </Link>
    </>
  );
}
