import { useEffect, useState } from 'react';
import { formatDateTime, formatRemaining } from './format';

/**
 * A deadline and the time left before it, updated every minute ("Échéance dépassée" once past).
 * The text is not in a live region: a screen reader hears it when it reaches it, not every minute.
 */
export function Countdown({
  deadline,
  label,
  overdueLabel = 'Échéance dépassée',
  now: fixedNow,
}: {
  deadline: string;
  label: string;
  overdueLabel?: string;
  /** for tests: a fixed current time */
  now?: Date;
}) {
  const [now, setNow] = useState(() => fixedNow ?? new Date());
  useEffect(() => {
    if (fixedNow) return;
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, [fixedNow]);
  const remaining = new Date(deadline).getTime() - now.getTime();
  return (
    <p className={remaining > 0 ? 'fr-text--bold' : 'fr-text--bold fr-text-default--error'}>
      {label} : {formatDateTime(deadline)}
      {' — '}
      {remaining > 0 ? `reste ${formatRemaining(remaining)}` : overdueLabel}
    </p>
  );
}
