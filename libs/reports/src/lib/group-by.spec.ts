import { parseGroupBy } from './group-by';
import { ReportInputError } from './report-input-error';

describe('parseGroupBy', () => {
  it.each`
    text                                      | keys                                      | dimensions                  | bucket
    ${'site'}                                 | ${['site']}                               | ${['site']}                 | ${null}
    ${'site,month'}                           | ${['site', 'month']}                      | ${['site']}                 | ${'month'}
    ${'week, costCentre'}                     | ${['week', 'costCentre']}                 | ${['costCentre']}           | ${'week'}
    ${'day'}                                  | ${['day']}                                | ${[]}                       | ${'day'}
    ${'destination,extension,gateway'}        | ${['destination', 'extension', 'gateway']} | ${['destination', 'extension', 'gateway']} | ${null}
    ${'direction,disposition'}                | ${['direction', 'disposition']}           | ${['direction', 'disposition']} | ${null}
  `('reads "$text"', ({ text, keys, dimensions, bucket }) => {
    expect(parseGroupBy(text)).toEqual({ keys, dimensions, bucket });
  });

  it.each`
    text                | reason
    ${'site,colour'}    | ${'unknown key "colour"'}
    ${'Site'}           | ${'unknown key "Site"'}
    ${'site,,month'}    | ${'comma-separated'}
    ${''}               | ${'comma-separated'}
    ${'site,site'}      | ${'names "site" twice'}
    ${'day,month'}      | ${'only one of day, week, month'}
  `('refuses "$text" naming groupBy: $reason', ({ text, reason }) => {
    let error: unknown;
    try {
      parseGroupBy(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReportInputError);
    expect(error).toMatchObject({ field: 'groupBy', reason: expect.stringContaining(reason) });
  });
});
