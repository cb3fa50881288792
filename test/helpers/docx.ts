import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * A small .docx generator for tests: paragraphs of runs (bold, hidden), tables, footnotes and endnotes,
 * headers and footers, comments, fields, and earlier tracked changes, written as WordprocessingML the way
 * Word writes it (w: prefix, xml:space="preserve" where spaces matter), zipped with fflate.
 */

export interface RunSpec {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly hidden?: boolean;
}

export type Inline = string | RunSpec | { readonly raw: string };

export type Block = Inline[] | { readonly table: Inline[][][] } | { readonly raw: string };

export interface DocSpec {
  readonly body: Block[];
  readonly footnotes?: Inline[][];
  readonly endnotes?: Inline[][];
  readonly header?: Inline[];
  readonly footer?: Inline[];
  /** Comments by id: the body refers to them with `comment(id, …)`. */
  readonly comments?: Record<string, string>;
  /** An image part, to check that untouched parts stay byte-identical. */
  readonly image?: boolean;
}

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export function escapeXml(text: string): string {
  return text.split('&').join('&amp;').split('<').join('&lt;').split('>').join('&gt;');
}

export function run(spec: RunSpec | string): string {
  const run = typeof spec === 'string' ? { text: spec } : spec;
  const properties = [
    run.bold ? '<w:b/><w:bCs/>' : '',
    run.italic ? '<w:i/>' : '',
    run.hidden ? '<w:vanish/>' : '',
  ].join('');
  const preserve = /^\s|\s$/.test(run.text) ? ' xml:space="preserve"' : '';
  return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ''}<w:t${preserve}>${escapeXml(run.text)}</w:t></w:r>`;
}

function inline(content: Inline): string {
  if (typeof content === 'string') return run(content);
  if ('raw' in content) return content.raw;
  return run(content);
}

export function paragraph(content: readonly Inline[]): string {
  return `<w:p>${content.map(inline).join('')}</w:p>`;
}

/** A complex field: instruction (not prose) and result (shown). */
export function field(instruction: string, result: string): { raw: string } {
  return {
    raw: `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${escapeXml(instruction)} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
  };
}

export function simpleField(instruction: string, result: string): { raw: string } {
  return { raw: `<w:fldSimple w:instr=" ${escapeXml(instruction)} ">${run(result)}</w:fldSimple>` };
}

/** An earlier tracked deletion and insertion (by another author). */
export function deleted(text: string, id = 900): { raw: string } {
  return {
    raw: `<w:del w:id="${id}" w:author="Reviewer" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>${escapeXml(text)}</w:delText></w:r></w:del>`,
  };
}

export function inserted(text: string, id = 901): { raw: string } {
  return { raw: `<w:ins w:id="${id}" w:author="Reviewer" w:date="2025-01-01T00:00:00Z">${run(text)}</w:ins>` };
}

export function footnoteReference(id: number): { raw: string } {
  return { raw: `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>` };
}

export function endnoteReference(id: number): { raw: string } {
  return { raw: `<w:r><w:endnoteReference w:id="${id}"/></w:r>` };
}

export function commented(id: number, text: string): { raw: string } {
  return {
    raw: `<w:commentRangeStart w:id="${id}"/>${run(text)}<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`,
  };
}

function block(content: Block): string {
  if (Array.isArray(content)) return paragraph(content);
  if ('raw' in content) return content.raw;
  const rows = content.table.map(
    (row) =>
      `<w:tr>${row.map((cell) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${paragraph(cell)}</w:tc>`).join('')}</w:tr>`,
  );
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${content.table[0]!.map(() => '<w:gridCol w:w="2000"/>').join('')}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

function notes(kind: 'footnote' | 'endnote', list: readonly Inline[][]): string {
  const separators = `<w:${kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:${kind}><w:${kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:${kind}>`;
  const body = list
    .map(
      (content, index) =>
        `<w:${kind} w:id="${index + 1}"><w:p><w:r><w:${kind}Ref/></w:r>${run(' ')}${content.map(inline).join('')}</w:p></w:${kind}>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:${kind}s ${NS}>${separators}${body}</w:${kind}s>`;
}

/** 1×1 PNG. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/** The parts of a package (name → bytes), to zip or to compare with. */
export function docxParts(spec: DocSpec): Record<string, Uint8Array> {
  const relationships: string[] = [
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
  ];
  const overrides: string[] = [
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>',
  ];
  const parts: Record<string, Uint8Array> = {};
  const add = (name: string, type: string, relation: string, xml: string, id: string): void => {
    parts[`word/${name}`] = strToU8(xml);
    overrides.push(
      `<Override PartName="/word/${name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${type}+xml"/>`,
    );
    relationships.push(
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${relation}" Target="${name}"/>`,
    );
  };
  if (spec.footnotes) add('footnotes.xml', 'footnotes', 'footnotes', notes('footnote', spec.footnotes), 'rId2');
  if (spec.endnotes) add('endnotes.xml', 'endnotes', 'endnotes', notes('endnote', spec.endnotes), 'rId3');
  if (spec.header)
    add(
      'header1.xml',
      'header',
      'header',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ${NS}>${paragraph(spec.header)}</w:hdr>`,
      'rId4',
    );
  if (spec.footer)
    add(
      'footer1.xml',
      'footer',
      'footer',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${NS}>${paragraph(spec.footer)}</w:ftr>`,
      'rId5',
    );
  if (spec.comments) {
    const comments = Object.entries(spec.comments).map(
      ([id, text]) =>
        `<w:comment w:id="${id}" w:author="Reviewer" w:date="2025-01-01T00:00:00Z" w:initials="R">${paragraph([text])}</w:comment>`,
    );
    add(
      'comments.xml',
      'comments',
      'comments',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments ${NS}>${comments.join('')}</w:comments>`,
      'rId6',
    );
  }
  let imageRun = '';
  if (spec.image) {
    parts['word/media/image1.png'] = PNG;
    relationships.push(
      '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>',
    );
    imageRun =
      '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Picture 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId7"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9525" cy="9525"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
  }
  const sections = [
    spec.header ? '<w:headerReference w:type="default" r:id="rId4"/>' : '',
    spec.footer ? '<w:footerReference w:type="default" r:id="rId5"/>' : '',
  ].join('');
  parts['word/document.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${spec.body.map(block).join('')}${imageRun}<w:sectPr>${sections}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`,
  );
  parts['word/styles.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ${NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="SimSun"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`,
  );
  parts['word/_rels/document.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>`,
  );
  parts['_rels/.rels'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  parts['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>${overrides.join('')}</Types>`,
  );
  return parts;
}

/** A .docx file's bytes. */
export function makeDocx(spec: DocSpec): Uint8Array {
  const parts = docxParts(spec);
  // [Content_Types].xml first, as Word writes it.
  const ordered: Zippable = { '[Content_Types].xml': parts['[Content_Types].xml']! };
  for (const [name, bytes] of Object.entries(parts))
    if (name !== '[Content_Types].xml') ordered[name] = [bytes, { level: name.endsWith('.png') ? 0 : 6 }];
  return zipSync(ordered, { mtime: new Date('2026-01-01T00:00:00Z') });
}

/**
 * The text of a part's paragraphs as Word shows it after "accept all" or "reject all" of the tracked
 * changes: a reference reader for tests, independent of the engine's (saxes over the XML, no splicing).
 */
export function revisedText(xml: string, mode: 'accept' | 'reject'): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SaxesParser } = require('saxes') as typeof import('saxes');
  const parser = new SaxesParser({ xmlns: false });
  const paragraphs: string[] = [];
  const stack: string[] = [];
  let current: string | undefined;
  let field = 0;
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    if (tag.name === 'w:p') current = '';
    if (tag.name === 'w:fldChar') {
      const type = tag.attributes['w:fldCharType'];
      if (type === 'begin') field++;
      if (type === 'end') field--;
    }
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (tag.name === 'w:p' && current !== undefined) {
      if (current !== '') paragraphs.push(current);
      current = undefined;
    }
  });
  parser.on('text', (text) => {
    if (current === undefined) return;
    const top = stack[stack.length - 1];
    const inside = (name: string): boolean => stack.includes(name);
    if (inside('w:rPr') || inside('w:instrText')) return;
    const hidden = false;
    if (hidden) return;
    if (mode === 'accept' && top === 'w:t' && !inside('w:del')) current += text;
    if (mode === 'reject' && ((top === 'w:t' && !inside('w:ins')) || (top === 'w:delText' && inside('w:del'))))
      current += text;
    void field;
  });
  parser.write(xml).close();
  return paragraphs;
}
