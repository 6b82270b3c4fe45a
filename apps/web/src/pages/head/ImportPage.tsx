import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { REQUIRED_HEADINGS } from '@app/rules/treatment-sheet-headings';
import { type Failure, fieldError, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { ImportTreatmentsMutation } from '../../api/gql/graphql';
import { SchoolPicker, useHeadSchools } from './schools';

const ImportMutation = graphql(`
  mutation ImportTreatments($schoolId: ID!, $fileName: String!, $contentBase64: String!, $dryRun: Boolean!) {
    importTreatments(
      schoolId: $schoolId
      fileName: $fileName
      contentBase64: $contentBase64
      dryRun: $dryRun
    ) {
      dryRun
      applied
      rowCount
      rejectedCount
      ignoredColumns
      rows {
        line
        name
        status
        errors {
          column
          message
        }
        treatment {
          id
          reference
          name
        }
      }
    }
  }
`);

type Report = ImportTreatmentsMutation['importTreatments'];

/** The file's bytes as base64, read in the browser (the API takes the file inside the mutation). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      // a data URL: "data:<type>;base64,<content>"
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('lecture impossible'));
    reader.readAsDataURL(file);
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * "Importer des traitements": a dry run first (the API checks every row and writes nothing), its
 * report, then the import itself, only when no row is rejected (the API is all or nothing anyway).
 */
export function ImportPage() {
  const heads = useHeadSchools();
  const schoolId = heads.school?.id ?? '';
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, send] = useMutation(ImportMutation);
  // what the pending request does, for the announcement
  const [phase, setPhase] = useState<'check' | 'apply'>('check');

  const check = async (picked: File | undefined) => {
    setReport(null);
    setFailure(null);
    setFile(null);
    if (!picked) return;
    let content: string;
    try {
      content = await readBase64(picked);
    } catch {
      setFailure({ kind: 'error', message: 'Le fichier n’a pas pu être lu par le navigateur.' });
      return;
    }
    setFile({ name: picked.name, content });
    setPhase('check');
    const result = await send({ schoolId, fileName: picked.name, contentBase64: content, dryRun: true });
    setFailure(toFailure(result.error));
    if (result.data) setReport(result.data.importTreatments);
  };

  const apply = async () => {
    if (!file) return;
    setFailure(null);
    setPhase('apply');
    const result = await send({ schoolId, fileName: file.name, contentBase64: file.content, dryRun: false });
    setFailure(toFailure(result.error));
    if (result.data) setReport(result.data.importTreatments);
  };

  return (
    <>
      <p className="fr-mb-1w">
        <Link
          to={`/registre${heads.school ? `?etablissement=${heads.school.id}` : ''}`}
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
        >
          Registre des traitements
        </Link>
      </p>
      <h1>Importer des traitements</h1>
      <p>
        Reprenez un registre tenu dans un tableur : un classeur (.xlsx, la première feuille est lue) ou un
        fichier CSV (séparé par des points-virgules ou des virgules). La première ligne nomme les colonnes,
        les mêmes que celles de l’export : le fichier exporté depuis la page{' '}
        <Link to="/exports">Exports</Link> sert de modèle.
      </p>
      <p>
        Colonnes obligatoires : {REQUIRED_HEADINGS.join(', ')}. Les listes (finalités, catégories,
        destinataires…) séparent leurs éléments par « ; ». La référence est attribuée par le registre ; les
        colonnes inconnues sont ignorées.
      </p>
      <p>
        Rien n’est enregistré tant que le fichier contient une ligne refusée : le fichier est d’abord vérifié,
        puis vous confirmez l’import.
      </p>
      <SchoolPicker {...heads} />
      <div className="fr-upload-group fr-mb-3w">
        <label className="fr-label" htmlFor="fichier-import">
          Fichier à importer
          <span className="fr-hint-text">Formats acceptés : .xlsx, .csv. Taille maximale : 700 Ko.</span>
        </label>
        <input
          className="fr-upload"
          type="file"
          id="fichier-import"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          disabled={!schoolId || fetching}
          onChange={(e) => void check(e.target.files?.[0])}
        />
      </div>
      <div aria-live="polite">
        {fetching && (
          <p>
            <span className="fr-icon-refresh-line fr-mr-1w" aria-hidden="true" />
            {phase === 'check' ? 'Vérification du fichier…' : 'Import en cours…'}
          </p>
        )}
        {failure && (
          <Alert
            severity="error"
            className="fr-mb-3w"
            title="Le fichier n’a pas pu être importé"
            description={fieldError(failure, 'contentBase64') ?? failure.message}
          />
        )}
      </div>
      {report && file && (
        <ImportReport report={report} fileName={file.name} busy={fetching} onApply={() => void apply()} />
      )}
    </>
  );
}

function ImportReport({
  report,
  fileName,
  busy,
  onApply,
}: {
  report: Report;
  fileName: string;
  busy: boolean;
  onApply: () => void;
}) {
  const ok = report.rowCount - report.rejectedCount;
  if (report.applied)
    return (
      <section aria-labelledby="titre-importes">
        <Alert
          severity="success"
          className="fr-mb-3w"
          title={`${plural(ok, 'traitement importé', 'traitements importés')}`}
          description={`Le fichier ${fileName} a été ajouté au registre.`}
        />
        <h2 id="titre-importes">Traitements créés</h2>
        <ul data-testid="imported">
          {report.rows.map((row) =>
            row.treatment ? (
              <li key={row.line}>
                <Link to={`/registre/${row.treatment.id}`}>
                  {row.treatment.reference} — {row.treatment.name}
                </Link>
              </li>
            ) : null,
          )}
        </ul>
      </section>
    );
  return (
    <section aria-labelledby="titre-rapport">
      <h2 id="titre-rapport">Vérification de {fileName}</h2>
      <p data-testid="import-summary">
        {plural(report.rowCount, 'ligne lue', 'lignes lues')} :{' '}
        {plural(ok, 'traitement valide', 'traitements valides')},{' '}
        {plural(report.rejectedCount, 'ligne refusée', 'lignes refusées')}.
      </p>
      {report.rejectedCount > 0 && (
        <Alert
          severity="warning"
          small
          className="fr-mb-3w"
          description="Corrigez les lignes refusées dans votre tableur, puis choisissez à nouveau le fichier : rien n’a été enregistré."
        />
      )}
      {report.ignoredColumns.length > 0 && (
        <p data-testid="ignored-columns">
          Colonnes ignorées (non reconnues) : {report.ignoredColumns.join(', ')}.
        </p>
      )}
      {report.rows.length > 0 && (
        // no scrolling region: the errors wrap (a scrolling table would need keyboard access)
        <div className="fr-table fr-table--no-scroll">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table data-testid="import-rows">
                  <caption>Lignes du fichier</caption>
                  <thead>
                    <tr>
                      <th scope="col">Ligne</th>
                      <th scope="col">Traitement</th>
                      <th scope="col">État</th>
                      <th scope="col">Erreurs</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rows.map((row) => (
                      <tr key={row.line} data-testid={`ligne-${row.line}`}>
                        <td>{row.line}</td>
                        <td>{row.name || '—'}</td>
                        <td>
                          {row.status === 'OK' ? (
                            <Badge severity="success" small>
                              Valide
                            </Badge>
                          ) : (
                            <Badge severity="error" small>
                              Refusée
                            </Badge>
                          )}
                        </td>
                        <td>
                          {row.errors.length === 0 ? (
                            '—'
                          ) : (
                            <ul className="fr-mb-0">
                              {row.errors.map((e, i) => (
                                <li key={i}>
                                  <strong>{e.column}</strong> : {e.message}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      <Button
        type="button"
        className="fr-mt-3w"
        iconId="fr-icon-upload-line"
        disabled={busy || report.rejectedCount > 0 || ok === 0}
        onClick={onApply}
      >
        {ok === 1 ? 'Importer le traitement' : `Importer les ${ok} traitements`}
      </Button>
    </section>
  );
}
