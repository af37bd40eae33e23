/**
 * Narrowing the rules an event can fire before evaluating any: by the event's catalog keys (logsource),
 * then by a literal prefilter. Each rule's necessary anchor groups (literals on fields; any match contains
 * one of each group) go into one Aho–Corasick set per field: a rule is a candidate once every one of its groups
 * has a hit. A rule without anchors is always a candidate.
 */
import { LiteralSet } from './aho-corasick.js';
import type { CompiledRule } from './compile.js';
import type { EventScope, FieldAccess } from './fields.js';

interface FieldAnchors {
  access: FieldAccess;
  literals: LiteralSet;
  /** Literal id → the anchor groups (slots) it stands for. */
  owners: number[][];
}

/** The rules of one kind of event, and the prefilter over them. */
export class Bucket {
  /** Positions of rules evaluated on every event of the bucket. */
  private readonly always: number[] = [];
  private readonly anchored: FieldAnchors[] = [];
  /** Anchor group (slot) → the position of its rule; per rule, how many of its groups must have a hit. */
  private readonly slotRule: number[] = [];
  private readonly groupsNeeded: Uint8Array;
  /** Per event (by generation): groups already hit, and per rule how many of its groups were. */
  private readonly slotStamp: Uint32Array;
  private readonly ruleStamp: Uint32Array;
  private readonly groupsHit: Uint8Array;
  private generation = 0;
  // The scan's callback is made once, not per field and event: its state lives on the bucket.
  private visit: (position: number) => void = () => undefined;
  private owners: number[][] = [];
  private readonly found = (id: number): void => {
    const generation = this.generation;
    for (const slot of this.owners[id]) {
      if (this.slotStamp[slot] === generation) continue;
      this.slotStamp[slot] = generation;
      const position = this.slotRule[slot];
      if (this.ruleStamp[position] !== generation) {
        this.ruleStamp[position] = generation;
        this.groupsHit[position] = 0;
      }
      if (++this.groupsHit[position] === this.groupsNeeded[position]) this.visit(position);
    }
  };

  constructor(readonly rules: CompiledRule[]) {
    this.groupsNeeded = new Uint8Array(rules.length);
    this.ruleStamp = new Uint32Array(rules.length);
    this.groupsHit = new Uint8Array(rules.length);
    const byField = new Map<number, FieldAnchors>();
    rules.forEach((rule, position) => {
      const groups = rule.match?.anchors;
      if (!groups) {
        this.always.push(position);
        return;
      }
      this.groupsNeeded[position] = groups.length;
      for (const group of groups) {
        const slot = this.slotRule.push(position) - 1;
        for (const { access, literal } of group) {
          let entry = byField.get(access.id);
          if (!entry) {
            entry = { access, literals: new LiteralSet(), owners: [] };
            byField.set(access.id, entry);
            this.anchored.push(entry);
          }
          entry.owners.push([slot]);
          entry.literals.add(literal, entry.owners.length - 1);
        }
      }
    });
    this.slotStamp = new Uint32Array(this.slotRule.length);
  }

  get anchoredCount(): number {
    return this.rules.length - this.always.length;
  }

  /** Calls `visit` once with each rule position the event may fire. */
  candidates(scope: EventScope, visit: (position: number) => void): void {
    for (const position of this.always) visit(position);
    this.generation++;
    this.visit = visit;
    for (const entry of this.anchored) {
      const values = scope.values(entry.access);
      if (!values) continue;
      this.owners = entry.owners;
      for (const text of values.lower) entry.literals.scan(text, this.found);
    }
  }
}

/** Buckets by the set of catalog keys events carry, built on first use. */
export class Dispatch {
  private readonly byKey = new Map<string, CompiledRule[]>();
  private readonly anywhere: CompiledRule[] = [];
  private readonly buckets = new Map<string, Bucket>();

  constructor(rules: readonly CompiledRule[]) {
    for (const rule of rules) {
      if (!rule.match) continue;
      if (rule.logsource.keys === null) {
        this.anywhere.push(rule);
        continue;
      }
      for (const key of rule.logsource.keys) {
        const list = this.byKey.get(key);
        if (list) list.push(rule);
        else this.byKey.set(key, [rule]);
      }
    }
  }

  bucket(keys: readonly string[]): Bucket {
    const signature = keys.join('\u0000');
    let found = this.buckets.get(signature);
    if (!found) {
      const rules = new Set<CompiledRule>(this.anywhere);
      for (const key of keys) for (const rule of this.byKey.get(key) ?? []) rules.add(rule);
      found = new Bucket([...rules]);
      this.buckets.set(signature, found);
    }
    return found;
  }
}
