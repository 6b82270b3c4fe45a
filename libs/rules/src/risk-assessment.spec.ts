import { Answer, DataCategory, Hosting, RiskFlag, RiskLevel } from './declaration-enums';
import { assessRisk, assessToolRisk, RiskAnswers } from './risk-assessment';
import { normaliseToolName } from './tool-name';

/** A tool that passes every question of the checklists. */
const safe: RiskAnswers = {
  hosting: Hosting.EU,
  commercialReuse: Answer.NO,
  dataCategories: [DataCategory.IDENTITY, DataCategory.ASSESSMENT],
  pseudonymsUsed: true,
  familiesInformed: true,
  retentionMonths: 12,
  freeSoftware: Answer.YES,
  institutional: false,
};

const flagsOf = (changes: Partial<RiskAnswers>) => assessRisk({ ...safe, ...changes }).flags;

describe('assessRisk', () => {
  it('raises nothing for a tool that passes the checklists, and rates it LOW', () => {
    expect(assessRisk(safe)).toEqual({ flags: [], level: RiskLevel.LOW });
  });

  describe('NON_EU_HOSTING', () => {
    it('is raised by hosting outside the EU', () => {
      expect(flagsOf({ hosting: Hosting.NON_EU })).toEqual([RiskFlag.NON_EU_HOSTING]);
    });
    it('is not raised by EU or unknown hosting', () => {
      expect(flagsOf({ hosting: Hosting.EU })).not.toContain(RiskFlag.NON_EU_HOSTING);
      expect(flagsOf({ hosting: Hosting.UNKNOWN })).not.toContain(RiskFlag.NON_EU_HOSTING);
    });
  });

  describe('UNKNOWN_HOSTING', () => {
    it('is raised when the hosting is unknown', () => {
      expect(flagsOf({ hosting: Hosting.UNKNOWN })).toEqual([RiskFlag.UNKNOWN_HOSTING]);
    });
    it('is not raised by a known hosting', () => {
      expect(flagsOf({ hosting: Hosting.EU })).not.toContain(RiskFlag.UNKNOWN_HOSTING);
      expect(flagsOf({ hosting: Hosting.NON_EU })).not.toContain(RiskFlag.UNKNOWN_HOSTING);
    });
  });

  describe('COMMERCIAL_REUSE', () => {
    it('is raised by a commercial reuse, certain or not ruled out', () => {
      expect(flagsOf({ commercialReuse: Answer.YES })).toEqual([RiskFlag.COMMERCIAL_REUSE]);
      expect(flagsOf({ commercialReuse: Answer.UNKNOWN })).toEqual([RiskFlag.COMMERCIAL_REUSE]);
    });
    it('is not raised when there is no commercial reuse', () => {
      expect(flagsOf({ commercialReuse: Answer.NO })).not.toContain(RiskFlag.COMMERCIAL_REUSE);
    });
  });

  describe('SENSITIVE_DATA', () => {
    it('is raised by a health or another art. 9 category', () => {
      expect(flagsOf({ dataCategories: [DataCategory.HEALTH] })).toEqual([RiskFlag.SENSITIVE_DATA]);
      expect(flagsOf({ dataCategories: [DataCategory.ASSESSMENT, DataCategory.OTHER_SENSITIVE] })).toEqual([
        RiskFlag.SENSITIVE_DATA,
      ]);
    });
    it('is not raised by ordinary categories', () => {
      expect(
        flagsOf({
          dataCategories: [
            DataCategory.CONTACT,
            DataCategory.SCHOOLING,
            DataCategory.IMAGE_VOICE,
            DataCategory.FINANCIAL,
            DataCategory.OTHER,
          ],
        }),
      ).not.toContain(RiskFlag.SENSITIVE_DATA);
    });
  });

  describe('IDENTITY_WITHOUT_PSEUDONYMS', () => {
    it('is raised when identities are collected and pupils use their real names', () => {
      expect(flagsOf({ pseudonymsUsed: false })).toEqual([RiskFlag.IDENTITY_WITHOUT_PSEUDONYMS]);
    });
    it('is not raised with pseudonyms, nor without identity data', () => {
      expect(flagsOf({ pseudonymsUsed: true })).not.toContain(RiskFlag.IDENTITY_WITHOUT_PSEUDONYMS);
      expect(flagsOf({ pseudonymsUsed: false, dataCategories: [DataCategory.ASSESSMENT] })).not.toContain(
        RiskFlag.IDENTITY_WITHOUT_PSEUDONYMS,
      );
    });
  });

  describe('FAMILIES_NOT_INFORMED', () => {
    it('is raised when families were not informed', () => {
      expect(flagsOf({ familiesInformed: false })).toEqual([RiskFlag.FAMILIES_NOT_INFORMED]);
    });
    it('is not raised when they were', () => {
      expect(flagsOf({ familiesInformed: true })).not.toContain(RiskFlag.FAMILIES_NOT_INFORMED);
    });
  });

  describe('NO_RETENTION_LIMIT', () => {
    it('is raised when no retention period is known', () => {
      expect(flagsOf({ retentionMonths: null })).toEqual([RiskFlag.NO_RETENTION_LIMIT]);
    });
    it('is not raised by a retention period, even zero months', () => {
      expect(flagsOf({ retentionMonths: 0 })).not.toContain(RiskFlag.NO_RETENTION_LIMIT);
      expect(flagsOf({ retentionMonths: 36 })).not.toContain(RiskFlag.NO_RETENTION_LIMIT);
    });
  });

  describe('NEITHER_FREE_NOR_INSTITUTIONAL', () => {
    it('is raised by a tool that is neither free software nor institutional', () => {
      expect(flagsOf({ freeSoftware: Answer.NO, institutional: false })).toEqual([
        RiskFlag.NEITHER_FREE_NOR_INSTITUTIONAL,
      ]);
      expect(flagsOf({ freeSoftware: Answer.UNKNOWN, institutional: false })).toEqual([
        RiskFlag.NEITHER_FREE_NOR_INSTITUTIONAL,
      ]);
    });
    it('is not raised by free software, nor by an institutional tool', () => {
      expect(flagsOf({ freeSoftware: Answer.YES, institutional: false })).not.toContain(
        RiskFlag.NEITHER_FREE_NOR_INSTITUTIONAL,
      );
      expect(flagsOf({ freeSoftware: Answer.NO, institutional: true })).not.toContain(
        RiskFlag.NEITHER_FREE_NOR_INSTITUTIONAL,
      );
    });
  });

  describe('riskLevel', () => {
    it.each([
      ['NON_EU_HOSTING', { hosting: Hosting.NON_EU }],
      ['COMMERCIAL_REUSE', { commercialReuse: Answer.UNKNOWN }],
      ['SENSITIVE_DATA', { dataCategories: [DataCategory.HEALTH] }],
    ])('is HIGH with %s alone', (_flag, changes) => {
      expect(assessRisk({ ...safe, ...changes }).level).toBe(RiskLevel.HIGH);
    });

    it.each([
      ['UNKNOWN_HOSTING', { hosting: Hosting.UNKNOWN }],
      ['IDENTITY_WITHOUT_PSEUDONYMS', { pseudonymsUsed: false }],
      ['FAMILIES_NOT_INFORMED', { familiesInformed: false }],
      ['NO_RETENTION_LIMIT', { retentionMonths: null }],
      ['NEITHER_FREE_NOR_INSTITUTIONAL', { freeSoftware: Answer.NO }],
    ])('is MEDIUM with %s alone', (_flag, changes) => {
      expect(assessRisk({ ...safe, ...changes }).level).toBe(RiskLevel.MEDIUM);
    });

    it('stays MEDIUM with every lesser flag at once', () => {
      const assessment = assessRisk({
        ...safe,
        hosting: Hosting.UNKNOWN,
        pseudonymsUsed: false,
        familiesInformed: false,
        retentionMonths: null,
        freeSoftware: Answer.UNKNOWN,
      });
      expect(assessment.flags).toHaveLength(5);
      expect(assessment.level).toBe(RiskLevel.MEDIUM);
    });

    it('lists every flag, in the order of the checklists, for the worst tool', () => {
      expect(
        assessRisk({
          hosting: Hosting.NON_EU,
          commercialReuse: Answer.YES,
          dataCategories: [DataCategory.IDENTITY, DataCategory.HEALTH],
          pseudonymsUsed: false,
          familiesInformed: false,
          retentionMonths: null,
          freeSoftware: Answer.NO,
          institutional: false,
        }),
      ).toEqual({
        flags: [
          RiskFlag.NON_EU_HOSTING,
          RiskFlag.COMMERCIAL_REUSE,
          RiskFlag.SENSITIVE_DATA,
          RiskFlag.IDENTITY_WITHOUT_PSEUDONYMS,
          RiskFlag.FAMILIES_NOT_INFORMED,
          RiskFlag.NO_RETENTION_LIMIT,
          RiskFlag.NEITHER_FREE_NOR_INSTITUTIONAL,
        ],
        level: RiskLevel.HIGH,
      });
    });
  });
});

describe('the catalogue in the risk assessment (RULES.md, "Catalogue")', () => {
  const clean = {
    hosting: 'EU',
    commercialReuse: 'NO',
    dataCategories: ['SCHOOLING'],
    pseudonymsUsed: true,
    familiesInformed: true,
    retentionMonths: 12,
    freeSoftware: 'YES',
    institutional: false,
  };

  it('a DISCOURAGED entry makes a clean tool MEDIUM, a FORBIDDEN one HIGH; other opinions add nothing', () => {
    expect(assessRisk({ ...clean, catalogOpinion: 'DISCOURAGED' })).toEqual({
      flags: [RiskFlag.CATALOG_DISCOURAGED],
      level: RiskLevel.MEDIUM,
    });
    expect(assessRisk({ ...clean, catalogOpinion: 'FORBIDDEN' })).toEqual({
      flags: [RiskFlag.CATALOG_FORBIDDEN],
      level: RiskLevel.HIGH,
    });
    for (const opinion of ['PENDING', 'RECOMMENDED', 'ALLOWED_WITH_CONDITIONS', null, undefined]) {
      expect(assessRisk({ ...clean, catalogOpinion: opinion })).toEqual({ flags: [], level: RiskLevel.LOW });
    }
  });

  it("an entry's own risk leaves out the usage flags (pseudonyms, families)", () => {
    const facts = { ...clean, dataCategories: ['IDENTITY'], retentionMonths: null };
    expect(assessToolRisk(facts)).toEqual({ flags: [RiskFlag.NO_RETENTION_LIMIT], level: RiskLevel.MEDIUM });
    expect(assessToolRisk({ ...facts, hosting: 'NON_EU', catalogOpinion: 'FORBIDDEN' }).flags).toEqual([
      RiskFlag.NON_EU_HOSTING,
      RiskFlag.NO_RETENTION_LIMIT,
      RiskFlag.CATALOG_FORBIDDEN,
    ]);
  });
});

describe('normaliseToolName', () => {
  it('lower-cases, removes accents and drops what is not a letter or a digit', () => {
    for (const name of ['Kahoot!', 'kahoot', 'KAHOOT', ' Ka-hoot '])
      expect(normaliseToolName(name)).toBe('kahoot');
    expect(normaliseToolName('Éléa (Moodle)')).toBe('eleamoodle');
    expect(normaliseToolName('Cœur 2.0')).toBe('coeur20');
    expect(normaliseToolName('!!!')).toBe('');
  });
});
