// A strict XML parse of an SVG for the tests (saxes throws on anything not well-formed): every
// element with its attributes and its own text, in document order, and whether it declared itself XML.
import { SaxesParser } from 'saxes';

export type SvgNode = { name: string; attributes: Record<string, string>; text: string };

export function parseSvg(svg: string): { root: SvgNode; nodes: SvgNode[]; xmlDecl: boolean } {
  const parser = new SaxesParser({ xmlns: true });
  const nodes: SvgNode[] = [];
  const stack: SvgNode[] = [];
  let xmlDecl = false;
  parser.on('xmldecl', () => (xmlDecl = true));
  parser.on('opentag', (t) => {
    const node: SvgNode = { name: t.name, attributes: Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, typeof v === 'string' ? v : v.value])), text: '' };
    nodes.push(node);
    stack.push(node);
  });
  parser.on('text', (s) => {
    const top = stack[stack.length - 1];
    if (top) top.text += s;
  });
  parser.on('closetag', () => stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(svg).close();
  return { root: nodes[0]!, nodes, xmlDecl };
}
