import { answerFormat } from './report-format';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('answerFormat', () => {
  it.each`
    format       | accepted              | answer
    ${undefined} | ${'application/json'} | ${'json'}
    ${undefined} | ${false}              | ${'json'}
    ${undefined} | ${'text/csv'}         | ${'csv'}
    ${'csv'}     | ${'application/json'} | ${'csv'}
    ${'json'}    | ${'text/csv'}         | ${'json'}
    ${undefined} | ${XLSX}               | ${'xlsx'}
    ${'xlsx'}    | ${'text/csv'}         | ${'xlsx'}
  `('format=$format, negotiated $accepted → $answer', ({ format, accepted, answer }) => {
    expect(answerFormat(format, accepted)).toBe(answer);
  });
});
