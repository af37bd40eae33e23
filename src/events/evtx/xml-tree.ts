/** The record tree decoded from binary XML: elements, text, typed values, references and template slots. */

/** A typed value from a substitution: its text as XML would show it, and its JSON number when it has one. */
export interface ValueNode {
  kind: 'value';
  text: string;
  /** Integers and booleans, which the JSON twins write as JSON numbers and booleans. */
  scalar?: number | boolean;
  /** The items of an array value, which repeat their element once each when there are several. */
  items?: XmlNode[];
  /** Empty binary, empty arrays: values with no content. */
  empty?: boolean;
}

export interface TextNode {
  kind: 'text';
  text: string;
}

export interface CharRefNode {
  kind: 'charref';
  code: number;
}

export interface EntityRefNode {
  kind: 'entity';
  name: string;
}

export interface ProcessingInstructionNode {
  kind: 'pi';
  target: string;
  data: string;
}

/** A slot of a template definition, filled by the instance's substitution value `index`. */
export interface SubstitutionNode {
  kind: 'substitution';
  index: number;
  /** An optional substitution with an empty value leaves nothing. */
  optional: boolean;
}

export interface Attribute {
  name: string;
  value: XmlNode[];
}

export interface ElementNode {
  kind: 'element';
  name: string;
  attributes: Attribute[];
  children: XmlNode[];
}

export type XmlNode =
  | ElementNode
  | TextNode
  | ValueNode
  | CharRefNode
  | EntityRefNode
  | ProcessingInstructionNode
  | SubstitutionNode;
