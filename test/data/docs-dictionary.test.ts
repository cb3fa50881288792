import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, readEntries, renderDictionary } from '../../scripts/docs-dictionary.mjs';
import { builtinDictionary } from '../helpers/dictionary';

describe('docs/dictionary.md (npm run docs:dictionary)', () => {
  const rendered = renderDictionary();

  it('is up to date with data/terms — run `npm run docs:dictionary` after editing the data', () => {
    expect(readFileSync(OUTPUT, 'utf8') === rendered, 'docs/dictionary.md is stale: run npm run docs:dictionary').toBe(
      true,
    );
  });

  it('has one table row per concept, under its category', () => {
    const concepts = [...builtinDictionary().concepts.values()];
    const rows = rendered.split('\n').filter((line) => /^\| .* \| `[a-z0-9-]+` · [\w-]+\.yaml \|$/.test(line));
    expect(rows.length).toBe(concepts.length);
    expect(readEntries().length).toBe(concepts.length);
    for (const concept of concepts)
      expect(rows.filter((row) => row.includes(`| \`${concept.id}\` · `)).length, concept.id).toBe(1);
  });

  it('shows names with their kinds, non-standard forms with their fix and tier, sources and self-test examples', () => {
    const row = rendered.split('\n').find((line) => line.includes('| `doxorubicin` · '))!;
    expect(row).toContain('**多柔比星**');
    expect(row).toContain('`阿霉素` → `多柔比星` (outdated, safe fix)');
    expect(row).toContain('`Adriamycin` (brand)');
    expect(row).toContain('《中国药品通用名称》: 多柔比星 doxorubicin');
    expect(row).toContain('✓ 多柔比星（阿霉素）首次出现时可注明旧称');
    const vcd = rendered.split('\n').find((line) => line.includes('| `vcd` · '))!;
    expect(vcd).toContain('`VCD` → `VCd` (letter-case, suggestion)');
    expect(vcd).toContain('components: 硼替佐米 (bortezomib) + 环磷酰胺 (cyclophosphamide) + 地塞米松 (dexamethasone)');
  });

  it('keeps pipes inside cells from breaking the table', () => {
    const rendered = renderDictionary([
      { id: 'x', category: 'term', zh: 'a|b', en: 'c', cite: [{ source: 's|t' }], file: 'f.yaml' },
    ]);
    expect(rendered).toContain('| **a\\|b** | c |');
    expect(rendered).toContain('s\\|t');
  });
});
