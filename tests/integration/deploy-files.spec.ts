import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { createTestApp, TestApp } from '../helpers/test-app';

const DEPLOY = resolve(__dirname, '../../deploy');

/** The series the notification outbox will export (issue 19): the rules and panels wait for them. */
const OUTBOX_SERIES = [
  'registre_outbox_queued',
  'registre_outbox_failed',
  'registre_outbox_oldest_age_seconds',
];

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}

const dashboard = JSON.parse(readFileSync(`${DEPLOY}/grafana-dashboard.json`, 'utf8')) as {
  __inputs: { name: string; pluginId: string }[];
  uid: string;
  panels: { id: number; title: string; targets: { expr: string }[] }[];
};
const rules = parse(readFileSync(`${DEPLOY}/prometheus-alerts.yml`, 'utf8')) as {
  groups: { name: string; rules: Rule[] }[];
};

/** The metric names an expression reads (ours, prom-client's process_ and nodejs_ ones). */
const metricsOf = (expr: string) => expr.match(/\b(registre|process|nodejs)_[a-z0-9_]+\b/g) ?? [];

describe('deploy/: the Grafana dashboard and the Prometheus alert rules', () => {
  let t: TestApp;
  let exported: Set<string>;
  beforeAll(async () => {
    t = await createTestApp();
    // one GraphQL request, so that the histogram has a series
    await t.gql(`query { me { id } }`);
    const text = (await request(t.app.getHttpServer()).get('/metrics')).text;
    exported = new Set();
    for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      exported.add(name);
      if (type === 'histogram' || type === 'summary')
        ['_bucket', '_count', '_sum'].forEach((s) => exported.add(name + s));
    }
  });
  afterAll(() => t.close());

  it('the dashboard is importable JSON, with a Prometheus data source input, and reads only exported series', () => {
    expect(dashboard.uid).toBe('registre-rgpd');
    expect(dashboard.__inputs).toEqual([
      expect.objectContaining({ name: 'DS_PROMETHEUS', pluginId: 'prometheus' }),
    ]);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    const read = dashboard.panels.flatMap((p) => p.targets.flatMap((target) => metricsOf(target.expr)));
    expect(read.length).toBeGreaterThan(10);
    expect([...new Set(read)].filter((m) => !exported.has(m) && !OUTBOX_SERIES.includes(m))).toEqual([]);
  });

  it('the alert rules are well-formed YAML: each has an expression on exported series, a severity and a summary', () => {
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'RegistreCnilDeadlinePassed',
        'RegistreOutboxStuck',
        'RegistreHighErrorRate',
        'RegistreSlowRequests',
      ]),
    );
    for (const rule of all) {
      expect(rule).toMatchObject({
        alert: expect.stringMatching(/^[A-Za-z]+$/),
        expr: expect.any(String),
        labels: { severity: expect.stringMatching(/^(critical|warning)$/) },
        annotations: { summary: expect.any(String), description: expect.any(String) },
      });
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
      // balanced parentheses and braces: what a hand edit breaks first
      for (const [open, close] of [
        ['(', ')'],
        ['{', '}'],
      ]) {
        expect(rule.expr.split(open).length).toBe(rule.expr.split(close).length);
      }
      const unknown = metricsOf(rule.expr).filter((m) => !exported.has(m) && !OUTBOX_SERIES.includes(m));
      expect({ alert: rule.alert, unknown }).toEqual({ alert: rule.alert, unknown: [] });
    }
  });
});
