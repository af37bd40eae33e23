/** The tokens of binary XML, as MS-EVEN6 numbers them. */

/** Token bytes (MS-EVEN6 2.2.12); `MORE` flags attributes on an element, more data on the others. */
export const TOKEN = {
  endOfFragment: 0x00,
  openStartElement: 0x01,
  closeStartElement: 0x02,
  closeEmptyElement: 0x03,
  endElement: 0x04,
  value: 0x05,
  attribute: 0x06,
  cdata: 0x07,
  charRef: 0x08,
  entityRef: 0x09,
  piTarget: 0x0a,
  piData: 0x0b,
  templateInstance: 0x0c,
  normalSubstitution: 0x0d,
  optionalSubstitution: 0x0e,
  fragmentHeader: 0x0f,
} as const;
export const MORE = 0x40;

/** Tokens that make up an attribute's value. */
export const ATTRIBUTE_VALUE_TOKENS = new Set<number>([
  TOKEN.value,
  TOKEN.cdata,
  TOKEN.charRef,
  TOKEN.entityRef,
  TOKEN.normalSubstitution,
  TOKEN.optionalSubstitution,
]);
