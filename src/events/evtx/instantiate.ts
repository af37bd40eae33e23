/** Template instances: substitution values fill the slots, and an array value repeats its element per item. */
import { EvtxDamage } from './chunk-bytes.js';
import type { DecodedValue, NestedBinXml } from './values.js';
import type { Attribute, ElementNode, ValueNode, XmlNode } from './xml-tree.js';

/** Limits one record's work, so that hostile templates (arrays of arrays, self-nesting) end in a diagnostic. */
export class WorkBudget {
  private left: number;

  constructor(readonly limit: number) {
    this.left = limit;
  }

  spend(n: number, offset: number): void {
    this.left -= n;
    if (this.left < 0) throw new EvtxDamage(`The record expands beyond ${this.limit} nodes`, offset);
  }
}

export interface Substitution {
  values: DecodedValue[];
  /** Decodes a value that is itself binary XML. */
  nested(value: NestedBinXml): XmlNode[];
  budget: WorkBudget;
  offset: number;
}

const isEmptyValue = (v: DecodedValue): boolean =>
  v === undefined || (v.kind === 'text' && v.text === '') || (v.kind === 'value' && v.empty === true);

/** The template's nodes with every slot filled. */
export function instantiate(nodes: XmlNode[], s: Substitution): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'substitution') {
      const v = s.values[node.index];
      if (v === undefined || (node.optional && isEmptyValue(v))) continue;
      if (v.kind === 'binxml') out.push(...s.nested(v));
      else out.push(v);
    } else if (node.kind === 'element') {
      s.budget.spend(1, s.offset);
      const filled: ElementNode = {
        kind: 'element',
        name: node.name,
        attributes: node.attributes.map((a) => ({ name: a.name, value: instantiate(a.value, s) })),
        children: instantiate(node.children, s),
      };
      out.push(...expandArrays(filled, s));
    } else out.push(node);
  }
  return out;
}

type ArrayPlace = { child: number } | { attribute: number; at: number };

/** An element holding an array of several items becomes one element per item (MS-EVEN6 array types). */
function expandArrays(element: ElementNode, s: Substitution): ElementNode[] {
  // Several arrays in one element multiply: the whole product is paid for before any of it is built.
  let product = 1;
  for (const n of element.children) if (isArray(n)) product *= n.items!.length;
  for (const a of element.attributes) for (const n of a.value) if (isArray(n)) product *= n.items!.length;
  if (product === 1) return [element];
  s.budget.spend(product, s.offset);
  return expandFirstArray(element);
}

function expandFirstArray(element: ElementNode): ElementNode[] {
  const place = firstArray(element);
  if (!place) return [element];
  return (arrayAt(element, place).items ?? []).flatMap((item) => {
    // An empty string item leaves an empty element, as `<Data/>`.
    const keep = item.kind === 'text' && item.text === '' ? [] : [item];
    return expandFirstArray(replaceAt(element, place, keep));
  });
}

const isArray = (n: XmlNode): n is ValueNode => n.kind === 'value' && (n.items?.length ?? 0) > 1;

function firstArray(element: ElementNode): ArrayPlace | undefined {
  const child = element.children.findIndex(isArray);
  if (child >= 0) return { child };
  for (let attribute = 0; attribute < element.attributes.length; attribute++) {
    const at = element.attributes[attribute].value.findIndex(isArray);
    if (at >= 0) return { attribute, at };
  }
  return undefined;
}

function arrayAt(element: ElementNode, place: ArrayPlace): ValueNode {
  const node =
    'child' in place ? element.children[place.child] : element.attributes[place.attribute].value[place.at];
  return node as ValueNode;
}

function replaceAt(element: ElementNode, place: ArrayPlace, nodes: XmlNode[]): ElementNode {
  const splice = (list: XmlNode[], i: number): XmlNode[] => [
    ...list.slice(0, i),
    ...nodes,
    ...list.slice(i + 1),
  ];
  if ('child' in place) return { ...element, children: splice(element.children, place.child) };
  const attributes: Attribute[] = element.attributes
    .map((a, i) => (i === place.attribute ? { name: a.name, value: splice(a.value, place.at) } : a))
    .filter((a) => a.value.length > 0);
  return { ...element, attributes };
}
