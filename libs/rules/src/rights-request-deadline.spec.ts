import {
  addCalendarMonths,
  endOfParisDay,
  pauseDays,
  rightsRequestClock,
  rightsRequestDueAt,
} from './rights-request-deadline';

const due = (receivedAt: string, extended = false, pausedDays = 0) =>
  rightsRequestDueAt({ receivedAt: new Date(receivedAt), extended, pausedDays }).toISOString();

describe('rights request deadline (Europe/Paris)', () => {
  it('ends one calendar month after the day of receipt, at the end of that day (Paris time)', () => {
    // 15 March 2026 (winter time) → 15 April 2026 23:59:59.999 summer time (UTC+2)
    expect(due('2026-03-15T09:30:00Z')).toBe('2026-04-15T21:59:59.999Z');
    // 15 November → 15 December, winter time (UTC+1)
    expect(due('2026-11-15T09:30:00Z')).toBe('2026-12-15T22:59:59.999Z');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(due('2025-01-31T10:00:00Z')).toBe('2025-02-28T22:59:59.999Z');
    expect(due('2024-01-31T10:00:00Z')).toBe('2024-02-29T22:59:59.999Z');
    expect(due('2026-03-31T10:00:00Z')).toBe('2026-04-30T21:59:59.999Z');
    expect(addCalendarMonths({ year: 2026, month: 12, day: 31 }, 2)).toEqual({
      year: 2027,
      month: 2,
      day: 28,
    });
  });

  it('takes the receipt day in Paris, not in UTC', () => {
    // 31 January 23:30 UTC is 1 February 00:30 in Paris
    expect(due('2025-01-31T23:30:00Z')).toBe('2025-03-01T22:59:59.999Z');
  });

  it('adds two more calendar months once extended, counted from receipt', () => {
    expect(due('2025-01-31T10:00:00Z', true)).toBe('2025-04-30T21:59:59.999Z');
    expect(due('2025-10-31T10:00:00Z', true, 10)).toBe('2026-02-10T22:59:59.999Z');
  });

  it('counts paused calendar days across a change of summer time', () => {
    // 28 March 12:00 (winter) → 7 April 12:00 (summer): 10 calendar days, 239 hours
    expect(pauseDays(new Date('2026-03-28T11:00:00Z'), new Date('2026-04-07T10:00:00Z'))).toBe(10);
    expect(pauseDays(new Date('2026-03-28T11:00:00Z'), new Date('2026-03-28T20:00:00Z'))).toBe(0);
    expect(pauseDays(new Date('2026-03-28T11:00:00Z'), new Date('2026-03-20T20:00:00Z'))).toBe(0);
    // received 20 March (winter), due 20 April (summer) + 10 days = 30 April
    expect(due('2026-03-20T08:00:00Z', false, 10)).toBe('2026-04-30T21:59:59.999Z');
  });

  it('ends the day at 23:59:59.999 on both days of a change of time', () => {
    expect(endOfParisDay({ year: 2026, month: 3, day: 29 }).toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfParisDay({ year: 2026, month: 10, day: 25 }).toISOString()).toBe('2026-10-25T22:59:59.999Z');
  });

  it('moves the deadline while paused and is overdue only by the clock that ran', () => {
    const state = {
      status: 'AWAITING_REQUESTER',
      receivedAt: new Date('2026-03-15T09:00:00Z'),
      extended: false,
      pausedDays: 0,
      awaitingSince: new Date('2026-04-10T09:00:00Z'),
      answeredAt: null,
    };
    const clock = rightsRequestClock(state, new Date('2026-05-10T09:00:00Z'));
    expect(clock.pausedDays).toBe(30);
    expect(clock.dueAt.toISOString()).toBe('2026-05-15T21:59:59.999Z');
    expect(clock.storedDueAt.toISOString()).toBe('2026-04-15T21:59:59.999Z');
    expect(clock.overdue).toBe(false);
    // paused after the deadline had passed: still overdue
    const late = rightsRequestClock(
      { ...state, awaitingSince: new Date('2026-04-16T09:00:00Z') },
      new Date('2026-05-10T09:00:00Z'),
    );
    expect(late.overdue).toBe(true);
  });

  it('judges an answered request by its answer date, not by now', () => {
    const answered = {
      status: 'ANSWERED',
      receivedAt: new Date('2026-03-15T09:00:00Z'),
      extended: false,
      pausedDays: 0,
      awaitingSince: null,
      answeredAt: new Date('2026-04-15T20:00:00Z'),
    };
    expect(rightsRequestClock(answered, new Date('2027-01-01T00:00:00Z')).overdue).toBe(false);
    expect(
      rightsRequestClock({ ...answered, answeredAt: new Date('2026-04-16T06:00:00Z') }, new Date()).overdue,
    ).toBe(true);
    expect(
      rightsRequestClock(
        { ...answered, status: 'IN_PROGRESS', answeredAt: null },
        new Date('2026-04-16T06:00:00Z'),
      ).overdue,
    ).toBe(true);
  });
});
