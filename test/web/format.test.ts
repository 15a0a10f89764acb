import { describe, expect, it } from 'vitest';
import { ApiProblem, danishDetail } from '../../web/src/api.js';
import { addMonths, copenhagenInstant, formatDate, formatDateTime, isoWeek } from '../../web/src/format.js';
import { danishImportReason, timelineText } from '../../web/src/texts-events.js';

/* The front end's Danish presentation rules, as pure functions (no browser needed). */
describe('dates on Copenhagen time', () => {
  it('writes dates as dd.mm.yyyy on the Copenhagen calendar, even when UTC is still the day before', () => {
    expect(formatDate('2027-03-01')).toBe('01.03.2027');
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('01.01.2027');
    expect(formatDateTime('2026-07-01T08:05:00Z')).toBe('01.07.2026 kl. 10:05');
  });

  it('gives ISO week numbers, including the weeks that belong to the neighbouring year', () => {
    expect(isoWeek('2026-11-23T12:00:00Z')).toBe(48);
    expect(isoWeek('2027-01-01T12:00:00Z')).toBe(53); // a Friday in 2026's week 53
    expect(isoWeek('2027-01-04T12:00:00Z')).toBe(1);
    expect(isoWeek('2025-12-29T12:00:00Z')).toBe(1); // Monday of 2026's week 1
    expect(isoWeek('2026-01-04T23:30:00Z')).toBe(2); // Sunday 23:30 UTC is Monday 00:30 in Copenhagen
  });

  it('turns a Copenhagen wall-clock time into an instant with the right offset, summer and winter', () => {
    expect(copenhagenInstant('2027-01-15', '09:30')).toBe('2027-01-15T09:30:00+01:00');
    expect(copenhagenInstant('2027-06-15', '09:30')).toBe('2027-06-15T09:30:00+02:00');
    expect(Date.parse(copenhagenInstant('2027-03-28', '03:30'))).toBe(Date.parse('2027-03-28T01:30:00Z'));
  });

  it('counts months across years', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
  });
});

describe('API errors in Danish', () => {
  it('translates field messages and keeps them by path', () => {
    const problem = new ApiProblem(400, 'invalid-input', 'the request is not valid', [
      { path: 'reason', message: 'Too small: expected string to have >=1 characters' },
      { path: 'exitReason', message: 'a red screening needs an exit reason' },
      { path: 'interventions.0.startMonth', message: 'a month as YYYY-MM' },
    ]);
    expect(problem.fieldErrors).toEqual({
      reason: 'Skal udfyldes.',
      exitReason: 'Vælg en udtrædelsesårsag for en rød screening.',
      'interventions.0.startMonth': 'Angiv en måned (ÅÅÅÅ-MM).',
    });
    expect(problem.text).toContain('Ret de markerede felter');
    expect(danishDetail('Invalid input: expected string, received undefined')).toBe('Skal udfyldes.');
    expect(danishDetail('a legal hold needs a reason')).toBe('Skal udfyldes.');
    expect(danishDetail("cannot be before the citizen's birth")).toBe('Datoen ligger før borgerens fødsel.');
  });

  it('names the broken rule in Danish on a 422 and reassures on a 409', () => {
    expect(new ApiProblem(422, 'rule-violated', 'meeting-not-started: an item is recorded at or after the meeting', []).text).toBe(
      'Anbefalinger kan først registreres, når mødet er begyndt.',
    );
    expect(new ApiProblem(422, 'rule-violated', 'some-new-rule: why', []).text).toBe('Handlingen strider mod en regel i forløbet. (some-new-rule)');
    expect(new ApiProblem(409, 'conflict', 'stale version', []).text).toContain('Intet af det, du har skrevet, er gået tabt');
  });

  it("words a refusal from the error's rule id, whatever its English message says", () => {
    expect(new ApiProblem(409, 'conflict', 'the journey is not at this step', [], 'journey-closed').text).toBe('Forløbet er afsluttet.');
    expect(new ApiProblem(422, 'not-in-template', 'this programme has no such step', []).text).toBe('Dette trin findes ikke i programmets skabelon.');
  });

  it("words an import's refused lines in Danish, each sentence of a line with several problems, and never in English", () => {
    expect(danishImportReason('CPR number does not begin with a real date.')).toBe('CPR-nummeret begynder ikke med en rigtig dato.');
    expect(danishImportReason('Municipality 0999 is not part of this programme.')).toBe('Kommune 0999 er ikke med i programmet.');
    expect(danishImportReason('You are not assigned to municipality 0187.')).toBe('Du er ikke tilknyttet kommune 0187.');
    expect(danishImportReason('Name is longer than 200 characters.')).toBe('Navnet er for langt.');
    expect(danishImportReason('CPR number must be 10 digits written as DDMMYY-SSSS or DDMMYYSSSS. Name is missing.')).toBe(
      'CPR-nummeret skal have 10 cifre (DDMMÅÅ-LLLL eller DDMMÅÅLLLL). Navnet mangler.',
    );
    expect(danishImportReason('The CPR number repeats line 3.')).toBe('CPR-nummeret står allerede på linje 3.');
    expect(danishImportReason('Something new.')).toBe('Linjen kunne ikke læses.');
  });

  it("words the timeline's events in Danish, an unknown one too", () => {
    expect(timelineText('safety-flag')).toBe('Sikkerhedsflag: skal følges op i dag');
    expect(timelineText('enrolled')).toBe('Indskrevet i programmet');
    expect(timelineText('something-new')).toBe('Hændelse i forløbet');
  });
});
