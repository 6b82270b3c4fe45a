import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type ReactNode, useEffect, useState } from 'react';

/**
 * A list's filter bar: the selects given as children (each applies at once), and a search field
 * applied by "Rechercher" (the API's search ignores case and accents).
 */
export function SearchForm({
  label,
  value,
  onSearch,
  children,
}: {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  children?: ReactNode;
}) {
  const [search, setSearch] = useState(value);
  useEffect(() => setSearch(value), [value]);
  return (
    <form
      className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(search.trim());
      }}
    >
      {children}
      <div className="fr-col-12 fr-col-md-4">
        <Input
          label={label}
          nativeInputProps={{ type: 'search', value: search, onChange: (e) => setSearch(e.target.value) }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-2">
        <Button type="submit" priority="secondary" iconId="fr-icon-search-line">
          Rechercher
        </Button>
      </div>
    </form>
  );
}

/** A filter's select, in the filter bar's grid. */
export function FilterCell({ children }: { children: ReactNode }) {
  return <div className="fr-col-12 fr-col-md-3">{children}</div>;
}
