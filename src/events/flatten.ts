/** Flattens nested JSON objects into dotted field names (`process.parent.name`); arrays stay values. */
import type { EventValue } from '../model/event.js';
import { isObject, setField } from './shape.js';

type EventObject = { [key: string]: EventValue };

export function flattenObject(object: EventObject): Record<string, EventValue> {
  const fields: Record<string, EventValue> = {};
  addFlat(object, '', fields);
  return fields;
}

function addFlat(object: EventObject, prefix: string, fields: Record<string, EventValue>): void {
  for (const key in object) {
    const value = object[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && Object.keys(value).length) addFlat(value, name, fields);
    else setField(fields, name, value);
  }
}
