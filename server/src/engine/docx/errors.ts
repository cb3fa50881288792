import type { MessageTable } from '../messageFormat';
import type { Message } from '../types';

/**
 * What MedTerm says about Word documents, by message id in Chinese and English (merged into the engine's
 * message table, so `formatMessage` renders them like every other message).
 */
export const DOCX_MESSAGES = {
  'docx.error.notZip': {
    zh: '不是有效的 Word 文档（.docx 应为 zip 压缩包）：文件已损坏，或扩展名有误',
    en: 'not a valid Word document (a .docx is a zip package): the file is damaged or misnamed',
  },
  'docx.error.damaged': { zh: 'Word 文档已损坏（{detail}）', en: 'the Word document is damaged ({detail})' },
  'docx.error.encrypted': {
    zh: 'Word 文档受密码保护（已加密），无法读取；请在 Word 中取消密码后再检查',
    en: 'the Word document is password-protected (encrypted) and cannot be read; remove the password in Word and check it again',
  },
  'docx.error.binaryDoc': {
    zh: '这是旧版 Word 97–2003 二进制文档（.doc），不支持；请在 Word 或 LibreOffice 中另存为 .docx',
    en: 'this is a binary Word 97–2003 document (.doc), which is not supported; save it as .docx in Word or LibreOffice',
  },
  'docx.error.tooLarge': {
    zh: 'Word 文档过大（{size} MB，上限 {limit} MB），未检查',
    en: 'the Word document is too large ({size} MB, limit {limit} MB) and was not checked',
  },
  'docx.error.notWord': {
    zh: '压缩包中没有 Word 正文（word/document.xml）',
    en: 'the package holds no Word body (word/document.xml)',
  },
  'docx.error.xml': {
    zh: 'Word 文档中的 {part} 不是有效的 XML（{detail}）',
    en: '{part} in the Word document is not valid XML ({detail})',
  },
  'docx.location.body': { zh: '第 {paragraph} 段', en: 'paragraph {paragraph}' },
  'docx.location.table': {
    zh: '表 {table} 第 {row} 行第 {cell} 列（第 {paragraph} 段）',
    en: 'table {table}, row {row}, cell {cell} (paragraph {paragraph})',
  },
  'docx.location.footnote': { zh: '脚注 {note}', en: 'footnote {note}' },
  'docx.location.endnote': { zh: '尾注 {note}', en: 'endnote {note}' },
  'docx.location.header': { zh: '页眉（{part}）', en: 'header ({part})' },
  'docx.location.footer': { zh: '页脚（{part}）', en: 'footer ({part})' },
  'docx.fix.written': {
    zh: '已写入 {count} 处修订（作者 MedTerm）：{file}',
    en: '{count} tracked changes (author MedTerm) written to {file}',
  },
  'docx.fix.none': { zh: '没有可写入的安全修正', en: 'there are no safe fixes to write' },
  'docx.fix.skipped': {
    zh: '{count} 处安全修正未写入：位于域结果、已有修订或无法定位的文字中',
    en: '{count} safe fixes were not written: they lie in field results, existing revisions or text that cannot be located',
  },
} as const satisfies MessageTable<'docx'>;

/** The id of a message about a Word document. */
export type DocxMessageId = keyof typeof DOCX_MESSAGES;

/** A .docx that cannot be read; `message` is for logs, `userMessage` renders in a locale. */
export class DocxError extends Error {
  readonly userMessage: Message;
  constructor(id: DocxMessageId, params: Record<string, string | number> = {}) {
    super(`${id}${Object.keys(params).length > 0 ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'DocxError';
    this.userMessage = { id, params };
  }
}
