// The format declarations are data checked at the boundary: identity rules are registered rule ids
// (zod and tsc), header lines fit the columns, detection markers compile, and each year has its format.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS, IDENTITY_RULES } from '../../server/src/core/checks/index.js';
import { ARITHMETIC_RULES, IDENTITY_RULE_IDS } from '../../server/src/core/checks/ids.js';
import { looksLikeReport } from '../../server/src/core/detect.js';
import { DETECTION_INPUT } from '../../server/src/core/format/detection.js';
import { CURRENT_FORMAT, DETECTION, FORMATS, TABLE_WORDS, formatForYear } from '../../server/src/core/format/formats.js';
import { type FormatInput, detectionSchema, formatSchema } from '../../server/src/core/format/schema.js';
import { fixture, seeds } from '../helpers.js';

type IdentityInput = NonNullable<FormatInput['tables'][number]['parts'][number]['identities']>[number];

/** A copy of a format with one part changed. */
function withPart(edit: (part: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(CURRENT_FORMAT) as unknown as { tables: { parts: Record<string, unknown>[] }[] };
  edit(copy.tables[1].parts[0]);
  return copy;
}

describe('format declarations', () => {
  it('parse again as they are', () => {
    for (const f of FORMATS) assert.ok(formatSchema.safeParse(f).success);
  });

  it('reject an identity whose rule is not a registered identity rule', () => {
    const bad = withPart((p) => ((p.identities as { rule: string }[])[0].rule = 'row-totl'));
    assert.equal(formatSchema.safeParse(bad).success, false);
    // @ts-expect-error a mistyped rule id does not type-check either
    const typo: IdentityInput = { rule: 'row-totl', forEach: 'row', left: ['total'], right: ['naturalPerson'], anchor: 'total' };
    assert.ok(typo);
  });

  it('declare identities of the identity rules only, and each identity rule somewhere', () => {
    const declared = new Set(FORMATS.flatMap((f) => f.tables.flatMap((t) => t.parts.flatMap((p) => p.identities.map((i) => i.rule)))));
    assert.deepEqual([...declared].sort(), [...IDENTITY_RULES].sort());
    assert.deepEqual([...IDENTITY_RULE_IDS].sort(), [...IDENTITY_RULES].sort());
    assert.deepEqual([...ARITHMETIC_RULES].sort(), CHECKS.filter((r) => r.tags.includes('arithmetic')).map((r) => r.id).sort());
  });

  it('reject a header line that does not fit the columns', () => {
    const bad = withPart((p) => (p.header as { values: string[] }[])[0].values.pop());
    assert.equal(formatSchema.safeParse(bad).success, false);
  });

  it('give every table its template words', () => {
    for (const t of CURRENT_FORMAT.tables) assert.ok(TABLE_WORDS[t.id].includes(t.name), t.id);
  });

  it('choose the format in force for a year from the formats’ first years', () => {
    assert.equal(formatForYear(2018).version, '2019');
    assert.equal(formatForYear(2019).version, '2019');
    assert.equal(formatForYear(2020).version, '2019');
    for (const y of [2021, 2022, 2030]) assert.equal(formatForYear(y), CURRENT_FORMAT);
  });
});

describe('detection markers', () => {
  it('are validated data: a marker that does not compile is rejected', () => {
    assert.deepEqual(DETECTION, DETECTION_INPUT);
    assert.equal(detectionSchema.safeParse({ ...DETECTION_INPUT, markers: ['第二十条第（'] }).success, true);
    assert.equal(detectionSchema.safeParse({ ...DETECTION_INPUT, markers: ['[一'] }).success, false);
  });
  it('tell a report from other text', () => {
    for (const s of seeds()) assert.ok(looksLikeReport(s.text), s.name);
    assert.equal(looksLikeReport(fixture('rules', 'not-a-report.txt')), false);
  });
});
