import { dataSourceOptions } from './data-source';
import { RedactingSqlLogger } from './sql-logger';

describe('the SQL logger', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs a failed statement and its error without the parameters (personal data)', () => {
    const printed: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    new RedactingSqlLogger().logQueryError(
      'error: value too long for type character varying(200)',
      'INSERT INTO rights_request (requester_name, subject_name) VALUES ($1, $2)',
      ['Mme Camille Durand-Lefèvre', 'Léo Durand'],
    );
    const output = printed.join('\n');
    expect(output).toContain('INSERT INTO rights_request');
    expect(output).toContain('value too long');
    expect(output).not.toContain('Durand');
    expect(output).not.toContain('PARAMETERS');
  });

  it('is the default logger, unless every statement is logged on purpose (LOG_SQL)', () => {
    const base = { url: 'postgres://localhost/x', entities: [], migrations: [] };
    expect(dataSourceOptions(base).logger).toBeInstanceOf(RedactingSqlLogger);
    expect(dataSourceOptions({ ...base, logSql: true }).logger).toBeUndefined();
  });
});
