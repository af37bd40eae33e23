/** Recognises an event object's shape and makes it an `EventRecord`. */
import type { EventOrigin, EventRecord, EventShape, EventValue } from '../model/event.js';
import { normalizationData } from './normalization-data.js';

type EventObject = { [key: string]: EventValue };

export function isObject(value: unknown): value is EventObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets a field whose name comes from event data: a key `__proto__` becomes an own field like any other
 * instead of replacing the object's prototype.
 */
export function setField(fields: { [key: string]: EventValue }, name: string, value: EventValue): void {
  if (name === '__proto__')
    Object.defineProperty(fields, name, { value, enumerable: true, writable: true, configurable: true });
  else fields[name] = value;
}

/** A key present at the top level, or as a dotted path through nested objects (`ecs.version`). */
export function hasPath(object: EventObject, path: string): boolean {
  if (path in object) return true;
  const dot = path.indexOf('.');
  if (dot < 0) return false;
  const head = object[path.slice(0, dot)];
  return isObject(head) && hasPath(head, path.slice(dot + 1));
}

export function recordShape(object: EventObject): EventShape {
  const shapes = normalizationData().shapes;
  const root = object[shapes.windowsXml.root];
  if (isObject(root) && isObject(root[shapes.windowsXml.system])) return 'windows-xml';
  if (isObject(object[shapes.splunk.result])) return 'splunk';
  if (defenderTable(object) !== undefined) return 'defender';
  if (shapes.ecs.keys.some((k) => hasPath(object, k))) return 'ecs';
  if (shapes.windowsFlat.keys.some((k) => k in object)) return 'windows-flat';
  return 'json';
}

/** The table a Defender or Sentinel row names, when the row also has Defender's columns. */
export function defenderTable(object: EventObject): string | undefined {
  const { tableFields, columns } = normalizationData().shapes.defender;
  const field = tableFields.find((f) => typeof object[f] === 'string');
  if (!field || !columns.some((c) => c in object)) return undefined;
  return object[field] as string;
}

/** The EVTX record id of a Windows event (`System.EventRecordID`). */
function recordId(object: EventObject, shape: EventShape): number | undefined {
  if (shape !== 'windows-xml') return undefined;
  const { root, system } = normalizationData().shapes.windowsXml;
  const id = ((object[root] as EventObject)[system] as EventObject).EventRecordID;
  const n = typeof id === 'string' ? Number(id) : id;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function eventRecord(object: EventObject, file: string, index: number): EventRecord {
  const shape = recordShape(object);
  const origin: EventOrigin = { file, index };
  const id = recordId(object, shape);
  if (id !== undefined) origin.recordId = id;
  return { type: 'event', shape, origin, data: object };
}

/** Whether a value nests deeper than `limit` objects and arrays (stops looking at the limit). */
export function nestsDeeperThan(value: EventValue, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  if (Array.isArray(value)) return value.some((v) => nestsDeeperThan(v, limit - 1));
  for (const key in value) if (nestsDeeperThan(value[key], limit - 1)) return true;
  return false;
}
