import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types
import { VALIDATOR_PATH, generateValidatorSource } from '../../scripts/generate-validator.mjs';

describe('the precompiled schema validator', () => {
  it('is generated from the current schema (run `npm run generate` after editing the schema)', () => {
    expect(readFileSync(VALIDATOR_PATH as string, 'utf8')).toBe((generateValidatorSource as () => string)());
  });
});
