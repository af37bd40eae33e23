/** Binary XML of one chunk: tokens, names, template definitions (cached per chunk) and their instances. */
import { ChunkBytes, EvtxDamage } from './chunk-bytes.js';
import { instantiate, WorkBudget } from './instantiate.js';
import { decodeValue, VALUE_TYPE, type DecodedValue, type NestedBinXml } from './values.js';
import type { Attribute, ElementNode, XmlNode } from './xml-tree.js';
import { ATTRIBUTE_VALUE_TOKENS, MORE, TOKEN } from './tokens.js';

/** Nesting of elements and fragments a record may have; real events stay under 20. */
const MAX_DEPTH = 200;
/** Nodes one record may expand to. */
const MAX_NODES = 50_000;

/** Decodes the records of one chunk; remembers names and templates, which later records reuse. */
export class ChunkDecoder {
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, XmlNode[]>();
  private readonly definingTemplates = new Set<number>();

  constructor(readonly bytes: ChunkBytes) {}

  /** The root element of the record whose binary XML is at `[start, end)` of the chunk. */
  record(start: number, end: number): ElementNode {
    const reader = new FragmentReader(this, start, end, 0, new WorkBudget(MAX_NODES), false);
    const root = reader.content(false).find((n): n is ElementNode => n.kind === 'element');
    if (!root) throw new EvtxDamage('The record holds no element', start);
    return root;
  }

  /** The name at chunk offset `offset`: next-name offset, hash, length, UTF-16 text, NUL. */
  name(offset: number): { name: string; size: number } {
    const units = this.bytes.u16(offset + 6);
    const size = 8 + 2 * units + 2;
    let name = this.names.get(offset);
    if (name === undefined) {
      name = this.bytes.utf16(offset + 8, units);
      this.names.set(offset, name);
    }
    return { name, size };
  }

  /** The template defined at `offset`: next-template offset, GUID, data size, then its fragment. */
  template(offset: number, depth: number, budget: WorkBudget): XmlNode[] {
    const cached = this.templates.get(offset);
    if (cached) return cached;
    if (this.definingTemplates.has(offset)) throw new EvtxDamage('A template contains itself', offset);
    const size = this.bytes.u32(offset + 20);
    this.bytes.need(offset + 24, size, 'A template definition');
    this.definingTemplates.add(offset);
    try {
      const nodes = new FragmentReader(
        this,
        offset + 24,
        offset + 24 + size,
        depth + 1,
        budget,
        true,
      ).content(false);
      this.templates.set(offset, nodes);
      return nodes;
    } finally {
      this.definingTemplates.delete(offset);
    }
  }
}

class FragmentReader {
  private readonly bytes: ChunkBytes;

  constructor(
    private readonly chunk: ChunkDecoder,
    private pos: number,
    private readonly end: number,
    private readonly depth: number,
    private readonly budget: WorkBudget,
    /** Template definitions give their elements a dependency id; records and nested values may not. */
    private readonly inTemplate: boolean,
  ) {
    this.bytes = chunk.bytes;
    if (depth > MAX_DEPTH) throw new EvtxDamage(`Binary XML nested deeper than ${MAX_DEPTH}`, pos);
  }

  private damage(message: string): EvtxDamage {
    return new EvtxDamage(message, this.pos);
  }

  /** Nodes up to the end of the fragment, or (inside an element) up to its end tag. */
  content(inElement: boolean): XmlNode[] {
    const nodes: XmlNode[] = [];
    while (this.pos < this.end) {
      const token = this.bytes.u8(this.pos);
      switch (token & ~MORE) {
        case TOKEN.endOfFragment:
          this.pos++;
          if (inElement) throw this.damage('The fragment ends inside an element');
          return nodes;
        case TOKEN.endElement:
          if (!inElement) throw this.damage('An end tag with no element open');
          this.pos++;
          return nodes;
        case TOKEN.openStartElement:
          nodes.push(this.element(token));
          break;
        case TOKEN.fragmentHeader:
          this.pos += 4;
          break;
        case TOKEN.templateInstance:
          nodes.push(...this.templateInstance());
          break;
        case TOKEN.piTarget:
          nodes.push(this.processingInstruction());
          break;
        default:
          nodes.push(this.valueToken(token));
      }
      this.budget.spend(1, this.pos);
    }
    if (inElement) throw this.damage('The fragment ends inside an element');
    return nodes;
  }

  /** A token that may appear in content and in attribute values. */
  private valueToken(token: number): XmlNode {
    const at = this.pos++;
    switch (token & ~MORE) {
      case TOKEN.value: {
        const type = this.bytes.u8(this.pos++);
        if (type !== VALUE_TYPE.string)
          throw new EvtxDamage(`A value token of type 0x${type.toString(16)}`, at);
        return { kind: 'text', text: this.sizedText() };
      }
      case TOKEN.cdata:
        return { kind: 'text', text: this.sizedText() };
      case TOKEN.charRef: {
        const code = this.bytes.u16(this.pos);
        this.pos += 2;
        return { kind: 'charref', code };
      }
      case TOKEN.entityRef:
        return { kind: 'entity', name: this.nameAt() };
      case TOKEN.normalSubstitution:
      case TOKEN.optionalSubstitution: {
        const index = this.bytes.u16(this.pos);
        this.pos += 3;
        return { kind: 'substitution', index, optional: (token & ~MORE) === TOKEN.optionalSubstitution };
      }
      default:
        throw new EvtxDamage(`Unexpected token 0x${token.toString(16)}`, at);
    }
  }

  private sizedText(): string {
    const units = this.bytes.u16(this.pos);
    const text = this.bytes.utf16(this.pos + 2, units);
    this.pos += 2 + 2 * units;
    return text;
  }

  /** A name reference; the name itself follows inline when it is defined here. */
  private nameAt(): string {
    const offset = this.bytes.u32(this.pos);
    this.pos += 4;
    const { name, size } = this.chunk.name(offset);
    if (offset === this.pos) this.pos += size;
    return name;
  }

  private element(token: number): ElementNode {
    // Token, dependency id (2, not always there), data size (4), then the name.
    this.pos += this.hasDependencyId() ? 7 : 5;
    const name = this.nameAt();
    const attributes: Attribute[] = [];
    if (token & MORE) {
      this.pos += 4; // size of the attribute list
      while ((this.bytes.u8(this.pos) & ~MORE) === TOKEN.attribute) attributes.push(this.attribute());
    }
    const close = this.bytes.u8(this.pos);
    this.pos++;
    if (close === TOKEN.closeEmptyElement) return { kind: 'element', name, attributes, children: [] };
    if (close !== TOKEN.closeStartElement)
      throw new EvtxDamage(`Unexpected token 0x${close.toString(16)} in a start tag`, this.pos - 1);
    const inner = new FragmentReader(
      this.chunk,
      this.pos,
      this.end,
      this.depth + 1,
      this.budget,
      this.inTemplate,
    );
    const children = inner.content(true);
    this.pos = inner.pos;
    return { kind: 'element', name, attributes, children };
  }

  /**
   * Whether the start tag at `pos` carries the 2-byte dependency id. Writers differ outside templates, so the
   * expected layout is checked: read the other way, the name offset lands outside the chunk.
   */
  private hasDependencyId(): boolean {
    const plausible = (nameField: number): boolean => {
      const offset = this.bytes.u32(nameField);
      return offset === nameField + 4 || (offset >= 512 && offset + 10 <= this.bytes.length);
    };
    if (this.inTemplate) return plausible(this.pos + 7) || !plausible(this.pos + 5);
    return !plausible(this.pos + 5) && plausible(this.pos + 7);
  }

  private attribute(): Attribute {
    this.pos++;
    const name = this.nameAt();
    const value: XmlNode[] = [];
    for (;;) {
      const kind = this.bytes.u8(this.pos) & ~MORE;
      if (!ATTRIBUTE_VALUE_TOKENS.has(kind)) return { name, value };
      value.push(this.valueToken(this.bytes.u8(this.pos)));
    }
  }

  private processingInstruction(): XmlNode {
    this.pos++;
    const target = this.nameAt();
    let data = '';
    if ((this.bytes.u8(this.pos) & ~MORE) === TOKEN.piData) {
      this.pos++;
      data = this.sizedText();
    }
    return { kind: 'pi', target, data };
  }

  /** Token, 1 unknown byte, template id, definition offset (the definition inline when it is here), values. */
  private templateInstance(): XmlNode[] {
    const at = this.pos;
    const definition = this.bytes.u32(this.pos + 6);
    this.pos += 10;
    if (definition === this.pos) this.pos += 24 + this.bytes.u32(definition + 20);
    const template = this.chunk.template(definition, this.depth, this.budget);
    const values = this.substitutionValues();
    return instantiate(template, {
      values,
      budget: this.budget,
      offset: at,
      nested: (v) => this.nested(v),
    });
  }

  /** Count, then (size, type, padding) per value, then the values. */
  private substitutionValues(): DecodedValue[] {
    const count = this.bytes.u32(this.pos);
    this.pos += 4;
    this.bytes.need(this.pos, count * 4, 'The substitution table');
    const descriptors = this.pos;
    this.pos += count * 4;
    const values: DecodedValue[] = [];
    for (let i = 0; i < count; i++) {
      const size = this.bytes.u16(descriptors + 4 * i);
      const type = this.bytes.u8(descriptors + 4 * i + 2);
      values.push(decodeValue(this.bytes, this.pos, size, type));
      this.pos += size;
    }
    return values;
  }

  private nested(value: NestedBinXml): XmlNode[] {
    const reader = new FragmentReader(
      this.chunk,
      value.offset,
      value.offset + value.size,
      this.depth + 1,
      this.budget,
      false,
    );
    return reader.content(false);
  }
}
