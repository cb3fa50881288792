import { describe, expect, it } from 'vitest';
import { templateParameters } from '../../server/src/engine/messageFormat';
import { CLI_MESSAGES, plural, say } from '../../server/src/cli/messages';

describe("the CLI's messages", () => {
  it('every template has both languages with the same parameters, but the English plural words', () => {
    for (const [id, template] of Object.entries(CLI_MESSAGES)) {
      const zh = templateParameters(template.zh);
      const en = templateParameters(template.en);
      expect(
        zh.every((name) => en.includes(name)),
        id,
      ).toBe(true);
      expect(
        en.filter((name) => !zh.includes(name)).every((name) => name.endsWith('Word')),
        id,
      ).toBe(true);
    }
  });

  it('chooses English plurals by count and renders the Chinese without them', () => {
    const params = (problems: number, files: number) => ({
      problems,
      problemWord: plural(problems, 'problem'),
      files,
      fileWord: plural(files, 'file'),
    });
    expect(say('cli.fixed', 'en', params(1, 1))).toBe('fixed 1 problem in 1 file:');
    expect(say('cli.fixed', 'en', params(3, 2))).toBe('fixed 3 problems in 2 files:');
    expect(say('cli.fixed', 'zh-cn', params(3, 2))).toBe('已修复 2 个文件中的 3 处问题：');
  });
});
