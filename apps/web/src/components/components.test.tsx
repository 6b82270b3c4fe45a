import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Failure } from '../api/errors';
import { Countdown } from './Countdown';
import { EmailField } from './EmailField';
import { RiskBadge } from './RiskBadge';
import { fieldState, ServerForm } from './ServerForm';
import { Input } from '@codegouvfr/react-dsfr/Input';

describe('RiskBadge', () => {
  it.each([
    ['LOW', 'Risque faible'],
    ['MEDIUM', 'Risque modéré'],
    ['HIGH', 'Risque élevé'],
  ] as const)('%s reads "%s"', (level, text) => {
    render(<RiskBadge level={level} />);
    expect(screen.getByText(text)).toBeInTheDocument();
  });
});

describe('Countdown', () => {
  it('shows the deadline and what remains', () => {
    render(
      <Countdown
        deadline="2026-12-06T13:05:00Z"
        label="Échéance CNIL"
        now={new Date('2026-12-03T13:05:00Z')}
      />,
    );
    expect(
      screen.getByText(/Échéance CNIL : 6 décembre 2026 à 14 h 05 — reste 3 j 0 h 00 min/),
    ).toBeInTheDocument();
  });
  it('says when the deadline has passed', () => {
    render(
      <Countdown
        deadline="2026-12-03T13:05:00Z"
        label="Échéance CNIL"
        overdueLabel="Échéance CNIL dépassée"
        now={new Date('2026-12-03T13:06:00Z')}
      />,
    );
    expect(screen.getByText(/Échéance CNIL dépassée/)).toBeInTheDocument();
  });
});

function Form({ failure, value = 'Padlet' }: { failure: Failure | null; value?: string }) {
  return (
    <ServerForm failure={failure} onSubmit={() => undefined} onReload={() => undefined}>
      <Input
        label="Nom de l’outil"
        nativeInputProps={{ value, onChange: () => undefined }}
        {...fieldState(failure, 'toolName')}
      />
    </ServerForm>
  );
}

describe('ServerForm', () => {
  it('shows a refused field’s French message beside it, linked by aria-describedby, keeping the value', () => {
    render(
      <Form
        failure={{
          kind: 'fields',
          message: 'Saisie invalide.',
          fields: { toolName: '200 caractères au maximum.' },
        }}
        value={'x'.repeat(201)}
      />,
    );
    const input = screen.getByLabelText('Nom de l’outil');
    const message = screen.getByText('200 caractères au maximum.');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
    expect(message.closest('[aria-live]')).not.toBeNull();
    expect(input).toHaveValue('x'.repeat(201));
    expect(screen.getByRole('alert')).toHaveTextContent('Une réponse est à corriger');
    expect(document.activeElement).toContainElement(screen.getByRole('alert'));
  });
  it('offers to reload when someone else changed the entry', () => {
    render(
      <Form failure={{ kind: 'conflict', message: 'Cet élément a été modifié entre-temps.', stale: true }} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Quelqu’un d’autre a modifié cet élément');
    expect(screen.getByRole('alert')).toHaveTextContent('Cet élément a été modifié entre-temps.');
    expect(screen.getByRole('button', { name: 'Recharger la version à jour' })).toBeInTheDocument();
  });
  it('does not say someone else changed the entry for a refusal of another kind', () => {
    render(
      <Form failure={{ kind: 'conflict', message: '« Quizlet » est déjà au catalogue.', stale: false }} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('L’action n’a pas abouti');
    expect(screen.getByRole('alert')).not.toHaveTextContent('Quelqu’un d’autre');
  });
  it('says the service is down and keeps the form', () => {
    render(<Form failure={{ kind: 'unavailable', message: 'Le service est momentanément indisponible.' }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Service indisponible');
    expect(screen.getByLabelText('Nom de l’outil')).toHaveValue('Padlet');
  });
  it('shows no message when nothing failed', () => {
    render(<Form failure={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Nom de l’outil')).not.toHaveAttribute('aria-invalid', 'true');
  });
});

describe('EmailField', () => {
  it('asks for an académie address, as the browser fills it, and shows its refusal beside it', () => {
    render(
      <EmailField
        value="prenom.nom"
        onChange={() => undefined}
        failure={{
          kind: 'fields',
          message: 'Saisie invalide.',
          fields: { email: 'Adresse électronique invalide.' },
        }}
      />,
    );
    const input = screen.getByLabelText(/Adresse électronique/);
    expect(input).toHaveAttribute('type', 'email');
    expect(input).toHaveAttribute('name', 'email');
    expect(input).toHaveAttribute('autocomplete', 'email');
    expect(input).toBeRequired();
    expect(input).toHaveValue('prenom.nom');
    expect(screen.getByText('Format attendu : prenom.nom@ac-academie.fr')).toBeInTheDocument();
    const message = screen.getByText('Adresse électronique invalide.');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
  });
});
