import { dataSourceOptions } from './data-source';
import { SqlLogger } from './sql-logger';

describe('the SQL logger', () => {
  const lines = () => {
    const written: string[] = [];
    const sink = {
      log: (line: string | Record<string, unknown>) => written.push(JSON.stringify(line)),
      warn: (line: string | Record<string, unknown>) => written.push(JSON.stringify(line)),
    };
    return { written, sink };
  };

  it('logs a failed statement and its error without the parameters (personal data)', () => {
    const { written, sink } = lines();
    const error = Object.assign(new Error('value too long for type character varying(200)'), {
      code: '22001',
      table: 'rights_request',
    });
    new SqlLogger(false, sink).logQueryError(
      error,
      'INSERT INTO rights_request (requester_name, subject_name) VALUES ($1, $2)',
    );
    // TypeORM hands the parameters as a third argument: the logger has no place for them
    (new SqlLogger(true, sink).logQuery as (q: string, p: unknown[]) => void)(
      'UPDATE app_user SET email = $1',
      ['camille.durand@example.fr'],
    );
    const output = written.join('\n');
    expect(output).toContain('INSERT INTO rights_request');
    expect(output).toContain('22001');
    expect(output).toContain('UPDATE app_user SET email = $1');
    expect(output).not.toContain('Durand');
    expect(output).not.toContain('camille');
    // a data exception's message quotes the value: it is left out
    expect(output).not.toContain('varying(200)');
  });

  it('logs every statement only when asked (LOG_SQL), failures always', () => {
    const quiet = lines();
    new SqlLogger(false, quiet.sink).logQuery('SELECT 1');
    expect(quiet.written).toEqual([]);
    const all = lines();
    new SqlLogger(true, all.sink).logQuery('SELECT 1');
    expect(all.written).toHaveLength(1);
  });

  it('is the default logger, LOG_SQL or not', () => {
    const base = { url: 'postgres://localhost/x', entities: [], migrations: [] };
    expect(dataSourceOptions(base).logger).toBeInstanceOf(SqlLogger);
    expect(dataSourceOptions({ ...base, logSql: true }).logger).toBeInstanceOf(SqlLogger);
  });
});
