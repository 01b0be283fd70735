import { answerFormat } from './report-format';

describe('answerFormat', () => {
  it.each`
    format       | accepted              | answer
    ${undefined} | ${'application/json'} | ${'json'}
    ${undefined} | ${false}              | ${'json'}
    ${undefined} | ${'text/csv'}         | ${'csv'}
    ${'csv'}     | ${'application/json'} | ${'csv'}
    ${'json'}    | ${'text/csv'}         | ${'json'}
  `('format=$format, negotiated $accepted → $answer', ({ format, accepted, answer }) => {
    expect(answerFormat(format, accepted)).toBe(answer);
  });
});
