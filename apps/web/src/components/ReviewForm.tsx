import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState } from 'react';
import { useMutation } from 'urql';
import { REVIEW_VERDICT_LABELS } from '@app/pdf/labels';
import { type Failure, toFailure } from '../api/errors';
import { graphql } from '../api/gql';
import type { ReviewTargetType, ReviewVerdict } from '../api/gql/graphql';
import { fieldState, ServerForm } from './ServerForm';

const ReviewMutation = graphql(`
  mutation ReviewEntry($input: ReviewInput!) {
    reviewEntry(input: $input) {
      id
      verdict
      targetId
      targetType
    }
  }
`);

const HINTS: Record<ReviewVerdict, string> = {
  APPROVED: 'L’entrée est conforme. Sur un traitement : il passe à « Validé par le DPD ».',
  CHANGES_REQUESTED: 'Le chef d’établissement doit reprendre l’entrée. Un commentaire est requis.',
  COMMENT: 'Un conseil ou une question, sans changer l’état de l’entrée. Un commentaire est requis.',
};

/**
 * The DPD's review of an entry: a verdict, a comment (the API says when one is required, beside
 * the field). `onDone` runs once the review is saved (the page refetches the entry).
 */
export function ReviewForm({
  targetType,
  targetId,
  onDone,
}: {
  targetType: ReviewTargetType;
  targetId: string;
  onDone?: () => void;
}) {
  const [verdict, setVerdict] = useState<ReviewVerdict>('COMMENT');
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<ReviewVerdict | null>(null);
  const [{ fetching }, review] = useMutation(ReviewMutation);
  const submit = async () => {
    setSaved(null);
    const result = await review(
      { input: { targetType, targetId, verdict, comment: comment.trim() || undefined } },
      // the entry's reviews and review state, and the history, are refetched
      { additionalTypenames: ['Review', 'Treatment', 'AuditEvent'] },
    );
    const f = toFailure(result.error);
    setFailure(f);
    if (!f) {
      setSaved(verdict);
      setComment('');
      onDone?.();
    }
  };
  return (
    <section aria-labelledby="titre-donner-avis" className="fr-mt-4w fr-p-3w fr-background-alt--grey">
      <h2 id="titre-donner-avis" className="fr-h5">
        Donner un avis
      </h2>
      <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-donner-avis">
        <RadioButtons
          legend="Verdict"
          options={(Object.keys(HINTS) as ReviewVerdict[]).map((v) => ({
            label: REVIEW_VERDICT_LABELS[v],
            hintText: HINTS[v],
            nativeInputProps: { checked: verdict === v, onChange: () => setVerdict(v), value: v },
          }))}
          {...fieldState(failure, 'verdict')}
        />
        <Input
          label="Commentaire du DPD"
          textArea
          nativeTextAreaProps={{ value: comment, onChange: (e) => setComment(e.target.value) }}
          {...fieldState(failure, 'comment')}
        />
        <Button type="submit" disabled={fetching} iconId="fr-icon-chat-check-line">
          Enregistrer l’avis
        </Button>
      </ServerForm>
      <div aria-live="polite" className="fr-mt-2w">
        {saved && (
          <Alert
            severity="success"
            small
            description={`Avis enregistré : ${REVIEW_VERDICT_LABELS[saved]}.`}
          />
        )}
      </div>
    </section>
  );
}
