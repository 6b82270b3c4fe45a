import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { EXPORT_KIND_LABELS } from '@app/pdf/labels';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { ExportFormat, ExportKind } from '../../api/gql/graphql';
import { formatBytes, formatDateTime } from '../../components/format';
import { SchoolPicker, useHeadSchools } from './schools';

const ExportsQuery = graphql(`
  query SchoolExports($schoolId: ID!) {
    exports(schoolId: $schoolId) {
      id
      kind
      createdAt
      createdBy {
        displayName
      }
      pageCount
      byteSize
      sha256
      downloadPath
      format
      fileName
    }
  }
`);

const ExportMutation = graphql(`
  mutation ExportRegister($kind: ExportKind!, $schoolId: ID!, $format: ExportFormat) {
    exportRegister(kind: $kind, schoolId: $schoolId, format: $format) {
      id
      kind
      format
      fileName
      createdAt
      pageCount
      byteSize
      sha256
      downloadPath
    }
  }
`);

export const EXPORT_KINDS: { kind: ExportKind; description: string }[] = [
  {
    kind: 'CNIL_DOSSIER',
    description:
      'Les deux registres, les déclarations en cours et les avis du DPD, ouverts par une page de synthèse : le document à remettre à la CNIL lors d’un contrôle.',
  },
  {
    kind: 'TREATMENT_REGISTER',
    description: 'Les traitements actifs, puis les traitements archivés en annexe.',
  },
  {
    kind: 'VIOLATION_REGISTER',
    description: 'Chaque violation avec son échéance de 72 heures et si elle a été tenue.',
  },
  {
    kind: 'RIGHTS_REQUEST_REGISTER',
    description: 'Chaque demande d’exercice des droits, avec son échéance d’un mois et si elle a été tenue.',
  },
];

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  PDF: 'PDF',
  XLSX: 'Classeur (XLSX)',
  CSV: 'CSV',
};

/** The formats a kind can be exported in: the dossier is six tables, which no single CSV holds. */
export function formatsFor(kind: ExportKind): ExportFormat[] {
  return kind === 'CNIL_DOSSIER' ? ['PDF', 'XLSX'] : ['PDF', 'XLSX', 'CSV'];
}

/** "3 pages" for a PDF, "3 feuilles" for a workbook, nothing for a CSV (always one table). */
function sizeNote(format: ExportFormat, pageCount: number): string {
  if (format === 'PDF') return `, ${pageCount} pages`;
  if (format === 'XLSX') return `, ${pageCount} ${pageCount > 1 ? 'feuilles' : 'feuille'}`;
  return '';
}

/** "Registre des traitements généré (4 pages) : registre-….pdf." (the PDF's wording kept as it was) */
function doneText(d: { kind: ExportKind; format: ExportFormat; fileName: string; pageCount: number }) {
  const what =
    d.format === 'PDF'
      ? `${d.pageCount} pages`
      : `${FORMAT_LABELS[d.format]}${sizeNote(d.format, d.pageCount)}`;
  return `${EXPORT_KIND_LABELS[d.kind]} généré (${what}) : ${d.fileName}.`;
}

/** "Exports": generate the registers' PDFs (archived, with their SHA-256), and download them again. */
export function ExportsPage() {
  const heads = useHeadSchools();
  return (
    <>
      <h1>Exports</h1>
      <p>
        Chaque document est archivé : il est conservé tel qu’il a été remis, avec son empreinte SHA-256, qui
        permet de vérifier qu’un fichier n’a pas été modifié. Le PDF/A est le document à remettre ; le
        classeur (XLSX) et le CSV s’ouvrent dans un tableur, et servent de modèle pour importer des
        traitements.
      </p>
      <SchoolPicker {...heads} />
      <SchoolExports schoolId={heads.school?.id ?? ''} />
    </>
  );
}

/**
 * A school's documents: a button per kind (progress announced), then the generated files with
 * their SHA-256 and download link. The head's "Exports" and the DPD's school page both show it.
 */
export function SchoolExports({
  schoolId,
  level = 'h2',
}: {
  schoolId: string;
  /** the sections' heading level (h3 inside a page's section) */
  level?: 'h2' | 'h3';
}) {
  const Heading = level;
  const Sub = level === 'h2' ? 'h3' : 'h4';
  // an empty list names no type: the document cache is told which mutations make it stale
  const context = useMemo(() => ({ additionalTypenames: ['ExportFile'] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: ExportsQuery,
    variables: { schoolId },
    pause: !schoolId,
    context,
  });
  const [{ fetching: generating }, generate] = useMutation(ExportMutation);
  const [running, setRunning] = useState<ExportKind | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<{
    kind: ExportKind;
    format: ExportFormat;
    fileName: string;
    pageCount: number;
  } | null>(null);
  // the format chosen for each kind (PDF until the user picks another)
  const [formats, setFormats] = useState<Partial<Record<ExportKind, ExportFormat>>>({});

  const run = async (kind: ExportKind) => {
    const format = formats[kind] ?? 'PDF';
    setRunning(kind);
    setDone(null);
    setFailure(null);
    const result = await generate({ kind, schoolId, format });
    setRunning(null);
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) setDone(result.data.exportRegister);
  };

  return (
    <>
      <section aria-labelledby="titre-generer" className="fr-mb-6w">
        <Heading id="titre-generer">Générer un document</Heading>
        <div className="fr-grid-row fr-grid-row--gutters">
          {EXPORT_KINDS.map(({ kind, description }) => (
            <div key={kind} className="fr-col-12 fr-col-md-6 fr-col-lg-3">
              <div className="fr-p-3w fr-background-alt--grey" style={{ height: '100%' }}>
                <Sub className="fr-h6" id={`titre-${kind}`}>
                  {EXPORT_KIND_LABELS[kind]}
                </Sub>
                <p className="fr-text--sm">{description}</p>
                <Select
                  label="Format"
                  nativeSelectProps={{
                    id: `format-${kind}`,
                    value: formats[kind] ?? 'PDF',
                    onChange: (e) =>
                      setFormats((current) => ({ ...current, [kind]: e.target.value as ExportFormat })),
                    'aria-describedby': `titre-${kind}`,
                  }}
                >
                  {formatsFor(kind).map((format) => (
                    <option key={format} value={format}>
                      {FORMAT_LABELS[format]}
                    </option>
                  ))}
                </Select>
                <Button
                  type="button"
                  iconId={(formats[kind] ?? 'PDF') === 'PDF' ? 'fr-icon-file-pdf-line' : 'fr-icon-table-line'}
                  disabled={generating}
                  onClick={() => void run(kind)}
                  nativeButtonProps={{ 'aria-describedby': 'etat-export' }}
                >
                  {`Générer : ${EXPORT_KIND_LABELS[kind]}`}
                </Button>
              </div>
            </div>
          ))}
        </div>
        <div id="etat-export" aria-live="polite" className="fr-mt-3w">
          {running && (
            <p>
              <span className="fr-icon-refresh-line fr-mr-1w" aria-hidden="true" />
              Génération en cours : {EXPORT_KIND_LABELS[running]}… Un dossier complet prend quelques secondes.
            </p>
          )}
          {done && (
            <Alert
              severity="success"
              small
              description={`${doneText(done)} Il est en tête de la liste ci-dessous.`}
            />
          )}
          {failure && (
            <Alert
              severity="error"
              title="Le document n’a pas été généré"
              description={`${failure.message} Réessayez dans quelques instants ; si l’erreur persiste, prévenez le DPD de l’académie.`}
            />
          )}
        </div>
      </section>
      <section aria-labelledby="titre-exports">
        <Heading id="titre-exports">Documents générés</Heading>
        {error && <Alert severity="error" small description={toFailure(error)?.message ?? ''} />}
        {fetching && !data && <p aria-live="polite">Chargement…</p>}
        {data && data.exports.length === 0 && <p>Aucun document généré pour l’instant.</p>}
        {data && data.exports.length > 0 && (
          <div className="fr-table fr-table--no-scroll fr-table--no-caption">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table data-testid="exports">
                    <caption>Documents générés, le plus récent en premier</caption>
                    <thead>
                      <tr>
                        <th scope="col">Document</th>
                        <th scope="col">Généré</th>
                        <th scope="col">Empreinte SHA-256</th>
                        <th scope="col">Fichier</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.exports.map((file) => (
                        <tr key={file.id}>
                          <td>
                            {EXPORT_KIND_LABELS[file.kind]}
                            <div className="fr-text--xs fr-mb-0">{FORMAT_LABELS[file.format]}</div>
                          </td>
                          <td>
                            le {formatDateTime(file.createdAt)}
                            <div className="fr-text--xs fr-mb-0">par {file.createdBy.displayName}</div>
                          </td>
                          <td>
                            <code
                              data-testid="sha256"
                              className="fr-text--sm"
                              style={{ wordBreak: 'break-all' }}
                            >
                              {file.sha256}
                            </code>
                          </td>
                          <td>
                            <a
                              className="fr-link fr-icon-download-line fr-link--icon-left"
                              href={file.downloadPath}
                              download={file.fileName}
                            >
                              Télécharger
                              <span className="fr-sr-only">
                                {' '}
                                {EXPORT_KIND_LABELS[file.kind]} en {FORMAT_LABELS[file.format]} du{' '}
                                {formatDateTime(file.createdAt)}
                              </span>
                            </a>
                            <div className="fr-text--xs fr-mb-0">
                              <span data-testid="file-name" style={{ wordBreak: 'break-all' }}>
                                {file.fileName}
                              </span>
                              <br />
                              {FORMAT_LABELS[file.format]}, {formatBytes(file.byteSize)}
                              {sizeNote(file.format, file.pageCount)}
                            </div>
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
      </section>
    </>
  );
}
