// Computes the reference table of CronExpressionTest with croner, a cron library we did not write:
//   cd tests/cron && npm install && node reference.mjs > ../../libs/events/src/test/resources/cron/reference.tsv
// Each line: expression, zone, start instant, then the next runs as UTC instants. Where our documented semantics
// differ from croner's (docs/schedules.md), the line is written by hand in overrides.tsv, not here.
import { Cron } from 'croner';

const cases = [
  // daylight-saving gaps: the skipped local time runs once, at the change
  ['30 2 * * *', 'America/New_York', '2027-03-12T12:00:00Z', 4],
  ['30 1 * * *', 'Europe/London', '2027-03-26T12:00:00Z', 4],
  ['0 3 * * *', 'Pacific/Chatham', '2027-09-24T12:00:00Z', 4],
  ['15 2 * * *', 'Australia/Lord_Howe', '2027-10-01T12:00:00Z', 4],
  ['30 2 * * *', 'Australia/Adelaide', '2027-10-01T12:00:00Z', 4],
  ['0 9 * * SUN', 'America/New_York', '2027-03-01T00:00:00Z', 3],
  // overlaps: a repeated local time runs once, at its first occurrence
  ['30 1 * * *', 'America/New_York', '2027-11-05T12:00:00Z', 4],
  ['30 1 * * *', 'Europe/London', '2027-10-29T12:00:00Z', 4],
  ['45 1 * * *', 'Australia/Lord_Howe', '2027-04-02T12:00:00Z', 4],
  ['0 3 * * *', 'Pacific/Chatham', '2027-04-02T12:00:00Z', 4],
  // zones without daylight saving, half-hour and 45-minute offsets
  ['0 9 * * *', 'Asia/Kolkata', '2027-03-13T00:00:00Z', 3],
  ['*/20 9-17 * * MON-FRI', 'Asia/Kathmandu', '2027-01-01T11:50:00Z', 5],
  ['0 6 * * *', 'America/Sao_Paulo', '2027-11-01T00:00:00Z', 3],
  // month ends and leap days
  ['0 12 L * *', 'Europe/Paris', '2027-01-15T00:00:00Z', 5],
  ['0 0 31 * *', 'UTC', '2027-01-01T00:00:00Z', 4],
  ['0 9 30 * *', 'Asia/Kolkata', '2027-01-01T00:00:00Z', 3],
  ['0 0 29 2 *', 'UTC', '2027-01-01T00:00:00Z', 2],
  ['0 12 29 2 *', 'Pacific/Chatham', '2027-06-01T00:00:00Z', 1],
  ['59 23 L 2 *', 'America/New_York', '2027-01-01T00:00:00Z', 3],
  // names, ranges, lists, steps; day of month OR day of week when both are given
  ['0 9 * * SUN-THU', 'Europe/London', '2027-06-04T00:00:00Z', 6],
  ['0 9 * * sun-sat', 'UTC', '2027-06-04T00:00:00Z', 3],
  ['0 9 * * 7', 'UTC', '2027-06-04T00:00:00Z', 2],
  ['0 9 1 * MON', 'UTC', '2027-06-01T12:00:00Z', 4],
  ['0 9,17 1,15 * *', 'Europe/Paris', '2027-03-01T12:00:00Z', 5],
  ['0 0 * JAN,JUL MON', 'UTC', '2027-01-20T00:00:00Z', 3],
  ['5/20 * * * *', 'UTC', '2027-01-01T00:00:00Z', 4],
  ['0 */6 * * *', 'Australia/Adelaide', '2027-04-03T10:00:00Z', 5],
  ['@weekly', 'UTC', '2027-01-01T00:00:00Z', 2],
  ['@monthly', 'America/New_York', '2027-01-15T00:00:00Z', 2],
];

for (const [expression, zone, start, count] of cases) {
  const runs = new Cron(expression, { timezone: zone, legacyMode: true }).nextRuns(count, new Date(start));
  console.log([expression, zone, start, ...runs.map((d) => d.toISOString().replace('.000Z', 'Z'))].join('\t'));
}
