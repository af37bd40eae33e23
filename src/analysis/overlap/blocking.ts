/**
 * Blocking: rules meet only rules that share one of their rarest words (from the values they look for), so a
 * catalog of 10,000 rules compares thousands of pairs per rule at most, not all of them.
 */
import type { RuleForm } from './normal-form.js';

/** Words shorter than this say too little (`exe`, `c`, `\`). */
const MIN_WORD = 4;
/** The rarest words of a rule that it is blocked on. */
const BLOCK_WORDS = 3;
/** A word at most this many rules hold is rare enough to block on. */
const RARE = 40;
/** A rule whose words are all held by more rules than this meets none: they say nothing of it. */
const COMMON = 150;

/** The words of the values a rule looks for (positive literals, equivalents aside), lower case. */
export function formWords(form: RuleForm): string[] {
  const words = new Set<string>();
  for (const conjunction of form.conjunctions)
    for (const literal of conjunction) {
      if (literal.negated) continue;
      for (const atom of literal.atoms) {
        if (atom.concept === 'opaque') continue;
        for (const w of atom.value.toLowerCase().split(/[^\p{L}\p{N}_]+/u))
          if (w.length >= MIN_WORD) words.add(w);
      }
    }
  return [...words].sort();
}

/** Which rules hold which words, and how rare each word is. */
export class WordIndex {
  private readonly rulesByWord = new Map<string, Set<string>>();
  private readonly wordsByRule = new Map<string, string[]>();
  /** Each rule's block words and the rules blocked on each word, while no rule is added or removed. */
  private blocked: { byRule: Map<string, string[]>; rulesByWord: Map<string, string[]> } | undefined;

  add(rule: string, words: string[]): void {
    this.remove(rule);
    this.wordsByRule.set(rule, words);
    for (const w of words) {
      let set = this.rulesByWord.get(w);
      if (!set) this.rulesByWord.set(w, (set = new Set()));
      set.add(rule);
    }
  }

  remove(rule: string): void {
    this.blocked = undefined;
    for (const w of this.wordsByRule.get(rule) ?? []) this.rulesByWord.get(w)?.delete(rule);
    this.wordsByRule.delete(rule);
  }

  get size(): number {
    return this.wordsByRule.size;
  }

  rules(): IterableIterator<string> {
    return this.wordsByRule.keys();
  }

  words(rule: string): string[] {
    return this.wordsByRule.get(rule) ?? [];
  }

  /** Rules holding the word. */
  frequency(word: string): number {
    return this.rulesByWord.get(word)?.size ?? 0;
  }

  /** Rules holding the word. */
  holders(word: string): Iterable<string> {
    return this.rulesByWord.get(word) ?? [];
  }

  /** How much a shared word says: rarer words say more (inverse document frequency). */
  weight(word: string): number {
    return Math.log((this.size + 1) / (this.frequency(word) + 1)) + 1e-3;
  }

  /** A rule's rarest words, the keys it is blocked on: its rare ones, else its least common word if not common. */
  blockWords(words: readonly string[]): string[] {
    const sorted = [...words].sort((a, b) => this.frequency(a) - this.frequency(b) || (a < b ? -1 : 1));
    const rare = sorted.filter((w) => this.frequency(w) <= RARE).slice(0, BLOCK_WORDS);
    return rare.length ? rare : sorted.slice(0, 1).filter((w) => this.frequency(w) <= COMMON);
  }

  /** The block words of a rule of the index. */
  ruleBlockWords(rule: string): readonly string[] {
    return this.blocking().byRule.get(rule) ?? [];
  }

  /** Rules sharing one of the words' rarest with them (themselves aside). */
  candidates(words: readonly string[], self?: string): Set<string> {
    const out = new Set<string>();
    for (const w of this.blockWords(words))
      for (const rule of this.rulesByWord.get(w) ?? []) if (rule !== self) out.add(rule);
    return out;
  }

  /**
   * The rules a rule of the index meets: those holding one of its block words, and those blocked on one of its
   * words. A pair meets when either side's block words hold the other, so this is symmetric.
   */
  partners(rule: string): Set<string> {
    const out = new Set<string>();
    const { byRule, rulesByWord } = this.blocking();
    for (const w of byRule.get(rule) ?? []) for (const r of this.rulesByWord.get(w) ?? []) out.add(r);
    for (const w of this.words(rule)) for (const r of rulesByWord.get(w) ?? []) out.add(r);
    out.delete(rule);
    return out;
  }

  /** A word held by more rules than this is nobody's block word, however its count moves past it. */
  static readonly COMMON = COMMON;

  private blocking(): NonNullable<WordIndex['blocked']> {
    if (this.blocked) return this.blocked;
    const byRule = new Map<string, string[]>();
    const rulesByWord = new Map<string, string[]>();
    for (const [rule, words] of this.wordsByRule) {
      const block = this.blockWords(words);
      byRule.set(rule, block);
      for (const w of block) {
        const at = rulesByWord.get(w);
        if (at) at.push(rule);
        else rulesByWord.set(w, [rule]);
      }
    }
    this.blocked = { byRule, rulesByWord };
    return this.blocked;
  }

  /** Shared words weighted by rarity, over the heavier side's words: 0 (nothing shared) to 1. */
  score(a: readonly string[], b: readonly string[]): number {
    const inB = new Set(b);
    const total = (list: readonly string[]): number => list.reduce((n, w) => n + this.weight(w), 0);
    const shared = total(a.filter((w) => inB.has(w)));
    const whole = Math.max(total(a), total(b));
    return whole > 0 ? Math.round((shared / whole) * 1000) / 1000 : 0;
  }
}
