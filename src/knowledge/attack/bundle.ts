/** Reads a STIX 2.1 ATT&CK bundle of any version (plain or gzipped JSON) into `AttackData`. */
import { gunzipSync } from 'node:zlib';
import type { AttackData, Tactic, Technique } from './types.js';
import { knownTactics } from './tactics.js';
import { versionFromDate } from './version.js';
import { objectRanges, stringValue, stringValues } from './stix-scan.js';
import { dataComponentsByTechnique, ANALYTIC, type DetectionObject } from './data-components.js';

interface StixObject extends DetectionObject {
  modified?: string;
  x_mitre_version?: string;
  x_mitre_shortname?: string;
  x_mitre_platforms?: string[];
  x_mitre_domains?: string[];
  external_references?: Array<{ source_name?: string; external_id?: string }>;
  kill_chain_phases?: Array<{ kill_chain_name?: string; phase_name?: string }>;
  tactic_refs?: string[];
}

export interface ReadBundleOptions {
  /** The version to report when the bundle carries no collection object (e.g. from its file name). */
  version?: string;
}

/** Throws on input that is not a STIX bundle: that is a misuse, not rule content. */
export function readAttackBundle(bytes: Buffer | string, options: ReadBundleOptions = {}): AttackData {
  const { objects, newestModified } = bundleObjects(bytes);
  const attackIds = new Map<string, string>();
  for (const o of objects) {
    const ext = attackId(o);
    if (ext) attackIds.set(o.id, ext);
  }
  const domain = bundleDomain(objects);
  return {
    version: bundleVersion(objects, options.version, newestModified),
    domain,
    tactics: matrixTactics(objects, domain),
    techniques: bundleTechniques(objects, attackIds),
  };
}

/** The object types ATT&CK data is made of; everything else in a bundle is skipped unparsed. */
const WANTED = new Set([
  'attack-pattern',
  'x-mitre-tactic',
  'x-mitre-matrix',
  'x-mitre-collection',
  'x-mitre-data-component',
  'x-mitre-detection-strategy',
]);
const TYPE_KEY = Buffer.from('"type"');
const MODIFIED_KEY = Buffer.from('"modified"');
const RELATIONSHIP_TYPE_KEY = Buffer.from('"relationship_type"');
/** The relationships read: revocations, and what detects a technique. */
const RELATIONSHIPS = new Set(['revoked-by', 'detects']);
const ID_KEY = Buffer.from('"id"');
const DATA_COMPONENT_REF_KEY = Buffer.from('"x_mitre_data_component_ref"');

interface ScannedBundle {
  objects: StixObject[];
  /** The newest `modified` stamp of any object, read only when a version must be dated. */
  newestModified: () => string | undefined;
}

function bundleObjects(bytes: Buffer | string): ScannedBundle {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : isGzip(bytes) ? gunzip(bytes) : bytes;
  const first = buf.toString('utf8', 0, Math.min(buf.length, 256)).trimStart();
  if (!first.startsWith('{')) throw new Error('Not an ATT&CK STIX bundle: the content is not a JSON object');
  const { starts, ends } = objectRanges(buf);
  if (starts.length === 0 && !/"objects"/.test(buf.toString('utf8')))
    throw new Error('Not an ATT&CK STIX bundle: no "objects" list');
  const objects: StixObject[] = [];
  for (let i = 0; i < starts.length; i++) {
    const object = buf.subarray(starts[i], ends[i]);
    const type = stringValue(object, TYPE_KEY);
    if (type === undefined) continue;
    if (WANTED.has(type)) objects.push(parseObject(object));
    else if (type === 'relationship') {
      const relationship = stringValue(object, RELATIONSHIP_TYPE_KEY);
      if (relationship && RELATIONSHIPS.has(relationship)) objects.push(parseObject(object));
    } else if (type === ANALYTIC) objects.push(analytic(object));
  }
  const newestModified = (): string | undefined => {
    let newest: string | undefined;
    for (let i = 0; i < starts.length; i++) {
      const stamp = stringValue(buf.subarray(starts[i], ends[i]), MODIFIED_KEY);
      if (stamp && (!newest || stamp > newest)) newest = stamp;
    }
    return newest;
  };
  return { objects, newestModified };
}

/** Analytics are many and long: only their id and the data components of their log sources are read. */
function analytic(object: Buffer): StixObject {
  return {
    type: ANALYTIC,
    id: stringValue(object, ID_KEY) ?? '',
    x_mitre_log_source_references: stringValues(object, DATA_COMPONENT_REF_KEY).map((ref) => ({
      x_mitre_data_component_ref: ref,
    })),
  };
}

function parseObject(object: Buffer): StixObject {
  try {
    return JSON.parse(object.toString('utf8')) as StixObject;
  } catch (err) {
    throw new Error(`Not an ATT&CK STIX bundle: ${(err as Error).message}`, { cause: err });
  }
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The gzip trailer gives the unpacked size (mod 4 GiB): one output chunk saves re-copying 30+ MB. */
function gunzip(bytes: Buffer): Buffer {
  const size = bytes.readUInt32LE(bytes.length - 4);
  return gunzipSync(bytes, { chunkSize: Math.max(64 * 1024, Math.min(size + 1, 512 * 1024 * 1024)) });
}

function attackId(o: StixObject): string | undefined {
  const refs = o.external_references;
  if (!refs) return undefined;
  for (const r of refs) if (r.source_name?.startsWith('mitre-') && r.external_id) return r.external_id;
  return undefined;
}

function bundleVersion(
  objects: StixObject[],
  hint: string | undefined,
  newestModified: () => string | undefined,
): string {
  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  if (collection?.x_mitre_version) return collection.x_mitre_version;
  if (hint) return hint;
  return versionFromDate(newestModified());
}

function bundleDomain(objects: StixObject[]): string {
  const matrix = objects.find((o) => o.type === 'x-mitre-matrix');
  const fromMatrix = matrix && attackId(matrix);
  if (fromMatrix) return fromMatrix;
  const withDomain = objects.find((o) => o.x_mitre_domains?.length);
  return withDomain?.x_mitre_domains?.[0] ?? 'enterprise-attack';
}

/** Tactics in the order of the domain's matrix; tactics outside it follow in the project's merged order. */
function matrixTactics(objects: StixObject[], domain: string): Tactic[] {
  const byRef = new Map<string, Tactic>();
  for (const o of objects) {
    if (o.type !== 'x-mitre-tactic' || o.revoked || o.x_mitre_deprecated) continue;
    const id = attackId(o);
    if (id && o.x_mitre_shortname)
      byRef.set(o.id, { id, shortname: o.x_mitre_shortname, name: o.name ?? id });
  }
  const matrices = objects.filter((o) => o.type === 'x-mitre-matrix' && !o.revoked);
  const matrix = matrices.find((m) => attackId(m) === domain) ?? matrices[0];
  const ordered: Tactic[] = [];
  for (const ref of matrix?.tactic_refs ?? []) {
    const tactic = byRef.get(ref);
    if (tactic) ordered.push(tactic);
    byRef.delete(ref);
  }
  const rank = new Map(knownTactics().map((t, i) => [t.shortname, i]));
  const rest = [...byRef.values()].sort(
    (a, b) => (rank.get(a.shortname) ?? 99) - (rank.get(b.shortname) ?? 99) || a.id.localeCompare(b.id),
  );
  return [...ordered, ...rest];
}

function bundleTechniques(objects: StixObject[], attackIds: Map<string, string>): Record<string, Technique> {
  const techniques: Record<string, Technique> = {};
  const detectedBy = dataComponentsByTechnique(objects);
  for (const o of objects) {
    if (o.type !== 'attack-pattern') continue;
    const technique = toTechnique(o, attackIds.get(o.id), detectedBy.get(o.id));
    if (!technique) continue;
    const existing = techniques[technique.id];
    // An id reused by a live technique after an older one was revoked: the live one wins.
    if (!existing || (existing.revoked && !technique.revoked)) techniques[technique.id] = technique;
  }
  for (const o of objects) {
    if (o.type !== 'relationship' || o.relationship_type !== 'revoked-by') continue;
    const from = attackIds.get(o.source_ref ?? '');
    const to = attackIds.get(o.target_ref ?? '');
    if (from && to && techniques[from] && from !== to) techniques[from].revokedBy = to;
  }
  for (const t of Object.values(techniques)) {
    if (t.parent && techniques[t.parent]) techniques[t.parent].subtechniques.push(t.id);
  }
  for (const t of Object.values(techniques)) t.subtechniques.sort();
  return techniques;
}

function toTechnique(
  o: StixObject,
  id: string | undefined,
  dataComponents: string[] | undefined,
): Technique | undefined {
  if (!id || !/^T\d{4}(\.\d{3})?$/.test(id)) return undefined;
  const tactics: string[] = [];
  for (const phase of o.kill_chain_phases ?? []) {
    if (
      phase.kill_chain_name?.startsWith('mitre-') &&
      phase.phase_name &&
      !tactics.includes(phase.phase_name)
    )
      tactics.push(phase.phase_name);
  }
  const dot = id.indexOf('.');
  return {
    id,
    name: o.name ?? id,
    tactics,
    ...(dot > 0 ? { parent: id.slice(0, dot) } : {}),
    subtechniques: [],
    deprecated: o.x_mitre_deprecated === true,
    revoked: o.revoked === true,
    platforms: o.x_mitre_platforms ?? [],
    ...(dataComponents ? { dataComponents } : {}),
  };
}
