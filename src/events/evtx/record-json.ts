/**
 * A record tree as SigmaHQ's JSON twins of EVTX files write it: `#attributes`, `#text`, integers as numbers,
 * `Data` elements keyed by their `Name`, repeated names suffixed `_1`, `_2`, empty elements as null.
 */
import type { EventValue } from '../../model/event.js';
import type { Attribute, ElementNode, XmlNode } from './xml-tree.js';

type JsonObject = { [key: string]: EventValue };

/** `{[root name]: value}` for the record's root element. */
export function recordJson(root: ElementNode): JsonObject {
  const out: JsonObject = {};
  put(out, root.name, elementValue(root, false));
  return out;
}

/** `__proto__` from a record is a key like any other, as `JSON.parse` makes it. */
function put(target: JsonObject, key: string, value: EventValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  else target[key] = value;
}

const isDataContainer = (name: string): boolean => name === 'EventData' || name === 'UserData';

function hasContent(nodes: XmlNode[]): boolean {
  for (const n of nodes) {
    if (n.kind === 'text' && n.text !== '') return true;
    if (n.kind === 'value' && !n.empty) return true;
    if (n.kind === 'charref' || n.kind === 'entity') return true;
  }
  return false;
}

const hasElementChild = (e: ElementNode): boolean => e.children.some((c) => c.kind === 'element');

function elementValue(element: ElementNode, dataContainer: boolean): EventValue {
  const attributesWithText = element.attributes.some((a) => hasContent(a.value));
  if (!hasElementChild(element) && !attributesWithText)
    return hasContent(element.children) ? contentValue(element.children) : null;
  return elementObject(element, dataContainer);
}

/** One typed value alone is a number or boolean; anything else is the concatenated text. */
function contentValue(nodes: XmlNode[]): EventValue {
  if (nodes.length === 1 && nodes[0].kind === 'value' && nodes[0].scalar !== undefined)
    return nodes[0].scalar;
  return textOf(nodes);
}

/** As `contentValue`, for mixed content: elements are left out, empty values do not count. */
function mixedContentValue(nodes: XmlNode[]): EventValue {
  let single: XmlNode | undefined;
  for (const n of nodes) {
    if (n.kind === 'element' || n.kind === 'pi' || n.kind === 'substitution') continue;
    if (n.kind === 'text' ? n.text !== '' : n.kind !== 'value' || !n.empty) {
      if (n.kind !== 'value' || single) return textOf(nodes);
      single = n;
    }
  }
  return single?.kind === 'value' && single.scalar !== undefined ? single.scalar : textOf(nodes);
}

const STANDARD_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function textOf(nodes: XmlNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text' || n.kind === 'value') out += n.text;
    else if (n.kind === 'charref') out += String.fromCharCode(n.code);
    else if (n.kind === 'entity')
      out += Object.hasOwn(STANDARD_ENTITIES, n.name) ? STANDARD_ENTITIES[n.name] : `&${n.name};`;
  }
  return out;
}

function attributesObject(attributes: Attribute[]): JsonObject | undefined {
  let out: JsonObject | undefined;
  for (const a of attributes) {
    if (!hasContent(a.value)) continue;
    out ??= {};
    put(out, a.name, contentValue(a.value));
  }
  return out;
}

function elementObject(element: ElementNode, dataContainer: boolean): JsonObject {
  const out: JsonObject = {};
  const attributes = attributesObject(element.attributes);
  if (attributes) out['#attributes'] = attributes;
  if (hasContent(element.children)) out['#text'] = mixedContentValue(element.children);
  const children = element.children.filter((c): c is ElementNode => c.kind === 'element');
  const isData = (c: ElementNode): boolean => dataContainer && c.name === 'Data';
  const named = children.some((c) => isData(c) && hasContent(nameAttribute(c)));
  const seen = new Map<string, number>();
  let positionalDone = false;
  for (const child of children) {
    if (isData(child)) {
      if (named) {
        const key = nameAttribute(child);
        if (hasContent(key)) put(out, textOf(key), dataValue(child));
      } else if (!positionalDone) {
        positionalDone = true;
        const all = children.filter(isData).map(dataValue);
        out.Data = { '#text': all.length === 1 ? all[0] : all };
      }
      continue;
    }
    const n = seen.get(child.name) ?? 0;
    seen.set(child.name, n + 1);
    put(out, n ? `${child.name}_${n}` : child.name, elementValue(child, isDataContainer(child.name)));
  }
  return out;
}

const nameAttribute = (e: ElementNode): XmlNode[] => e.attributes.find((a) => a.name === 'Name')?.value ?? [];

/** A `Data` element's value: empty is `""`, not null. */
function dataValue(element: ElementNode): EventValue {
  if (hasElementChild(element)) return elementObject(element, false);
  return hasContent(element.children) ? contentValue(element.children) : '';
}
