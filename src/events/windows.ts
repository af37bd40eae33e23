/** Windows event trees (`{Event: {System, EventData|UserData}}`): their flat fields and their XML rendering. */
import type { EventValue } from '../model/event.js';
import { normalizationData } from './normalization-data.js';
import { isObject, setField } from './shape.js';

type EventObject = { [key: string]: EventValue };

const ATTRIBUTES = '#attributes';
const TEXT = '#text';

/** The `Event` element of a `windows-xml` record. */
export function windowsEvent(data: EventObject): EventObject {
  return data[normalizationData().shapes.windowsXml.root] as EventObject;
}

/**
 * System fields by name (`EventID`, `Channel`, `Computer`), attributes as `Element_Attribute`
 * (`Provider_Name`, `Execution_ProcessID`), then EventData or UserData fields by name, which win.
 */
export function windowsFields(data: EventObject): Record<string, EventValue> {
  const { system, data: dataElements } = normalizationData().shapes.windowsXml;
  const event = windowsEvent(data);
  const fields: Record<string, EventValue> = {};
  const systemElement = event[system];
  if (isObject(systemElement)) addElements(systemElement, fields);
  for (const name of dataElements) {
    const element = event[name];
    if (!isObject(element)) continue;
    // UserData holds one element named by the event (`<Operation_ClientFailure>`) around its fields.
    const children = Object.keys(element).filter((k) => k !== ATTRIBUTES);
    const inner = name === 'UserData' && children.length === 1 ? element[children[0]] : element;
    if (isObject(inner)) addElements(inner, fields);
  }
  return fields;
}

function addElements(element: EventObject, fields: Record<string, EventValue>): void {
  for (const key in element) {
    if (key === ATTRIBUTES) continue;
    const value = element[key];
    if (!isObject(value)) {
      setField(fields, key, value);
      continue;
    }
    if (TEXT in value) setField(fields, key, value[TEXT]);
    const attributes = value[ATTRIBUTES];
    if (isObject(attributes))
      for (const name in attributes) setField(fields, attributeField(key, name), attributes[name]);
    if (!(TEXT in value) && !isObject(attributes)) setField(fields, key, value);
  }
}

/** `Provider` + `Name` → `Provider_Name`, made once: a fresh key string per event costs a lookup to intern it. */
const attributeFields = new Map<string, Map<string, string>>();

function attributeField(element: string, attribute: string): string {
  let names = attributeFields.get(element);
  if (!names) attributeFields.set(element, (names = new Map()));
  let name = names.get(attribute);
  if (name === undefined) names.set(attribute, (name = `${element}_${attribute}`));
  return name;
}

/** The record as Windows renders it in XML, which raw search terms of rules are matched against. */
export function windowsXml(data: EventObject): string {
  const { root } = normalizationData().shapes.windowsXml;
  return element(root, data[root], false);
}

function element(name: string, value: EventValue, inEventData: boolean): string {
  if (Array.isArray(value)) return value.map((v) => element(name, v, inEventData)).join('');
  if (!isObject(value)) return tag(name, '', text(value));
  let attributes = '';
  const own = value[ATTRIBUTES];
  if (isObject(own)) for (const a in own) attributes += ` ${a}="${text(own[a])}"`;
  let body = TEXT in value ? text(value[TEXT]) : '';
  for (const key in value) {
    if (key === ATTRIBUTES || key === TEXT) continue;
    body += name === 'EventData' ? dataElement(key, value[key]) : element(key, value[key], inEventData);
  }
  return tag(name, attributes, body);
}

/** EventData children are `<Data Name="Image">…</Data>`, unnamed ones plain `<Data>`. */
function dataElement(key: string, value: EventValue): string {
  if (key === 'Data') return element('Data', value, true);
  const inner = isObject(value) && TEXT in value ? value[TEXT] : value;
  return tag('Data', ` Name="${escapeXml(key)}"`, text(inner));
}

function tag(name: string, attributes: string, body: string): string {
  return body ? `<${name}${attributes}>${body}</${name}>` : `<${name}${attributes}/>`;
}

function text(value: EventValue): string {
  if (value === null || value === undefined) return '';
  return escapeXml(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}
