import { Select } from '@codegouvfr/react-dsfr/Select';
import { useSearchParams } from 'react-router';
import { schoolsWith, useSession } from '../../session/session';

/**
 * The schools the user heads, and the one a page works on: `?etablissement=<id>` (kept in the URL,
 * so a link names its school), else the first one.
 */
export function useHeadSchools() {
  const { user } = useSession();
  const schools = schoolsWith(user, 'HEAD');
  const [params, setParams] = useSearchParams();
  const school = schools.find((s) => s.id === params.get('etablissement')) ?? schools[0];
  const choose = (id: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('etablissement', id);
      next.delete('apres');
      return next;
    });
  return { schools, school, choose };
}

/** "Établissement": shown only to a head of several schools. */
export function SchoolPicker({ schools, school, choose }: ReturnType<typeof useHeadSchools>) {
  if (schools.length < 2) return null;
  return (
    <Select
      label="Établissement"
      className="fr-mb-3w"
      nativeSelectProps={{ value: school?.id ?? '', onChange: (e) => choose(e.target.value) }}
    >
      {schools.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </Select>
  );
}
