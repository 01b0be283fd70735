import { dashboardMetrics, parseMetrics } from './metrics-scrape';

describe('parseMetrics', () => {
  const m = parseMetrics(
    [
      '# HELP calls_total Calls',
      '# TYPE calls_total counter',
      'calls_total{direction="INTERNAL",disposition="ANSWERED",service="routing"} 3',
      'calls_total{direction="OUTBOUND",disposition="ANSWERED",service="routing"} 2',
      '# TYPE pdd_seconds histogram',
      'pdd_seconds_bucket{le="+Inf",service="routing"} 5',
      'pdd_seconds_count{service="routing"} 5',
      '# TYPE lockouts_total counter',
      'depth{service="routing"} Nan',
      '',
    ].join('\n'),
  );

  it('sums the samples whose labels include the ones asked for', () => {
    expect(m.value('calls_total')).toBe(5);
    expect(m.value('calls_total', { direction: 'OUTBOUND' })).toBe(2);
    expect(m.value('calls_total', { direction: 'EMERGENCY' })).toBe(0);
    expect(m.value('pdd_seconds_count', { service: 'routing' })).toBe(5);
    expect(m.value('depth')).toBeNaN();
  });

  it('knows a metric declared without samples yet, and histogram series by their family', () => {
    expect(m.has('lockouts_total')).toBe(true);
    expect(m.has('pdd_seconds_sum')).toBe(true);
    expect(m.has('depth')).toBe(true);
    expect(m.has('absent_total')).toBe(false);
  });
});

describe('dashboardMetrics', () => {
  it('lists the metric names the Grafana dashboard queries, digits included', () => {
    expect(dashboardMetrics('branchline_registrar_')).toEqual(
      expect.arrayContaining(['branchline_registrar_registrations_total', 'branchline_registrar_active_bindings']),
    );
    expect(dashboardMetrics('nodejs_')).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(dashboardMetrics('no_such_prefix_')).toEqual([]);
  });
});
