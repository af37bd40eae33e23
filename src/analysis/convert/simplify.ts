/** Folding `true` and `false` out of a condition (tests the target's scope replaced), so emitters see only real tests. */
import type { Condition } from '../../languages/emit.js';

export function simplify(c: Condition): Condition {
  switch (c.type) {
    case 'not': {
      const inner = simplify(c.operand);
      if (inner.type === 'true') return { type: 'false' };
      if (inner.type === 'false') return { type: 'true' };
      return inner.type === 'not' ? inner.operand : { type: 'not', operand: inner };
    }
    case 'and':
    case 'or': {
      const unit = c.type === 'and' ? 'true' : 'false';
      const operands: Condition[] = [];
      for (const o of c.operands.map(simplify)) {
        if (o.type === unit) continue;
        if (o.type === (c.type === 'and' ? 'false' : 'true')) return o;
        if (o.type === c.type) operands.push(...o.operands);
        else operands.push(o);
      }
      if (operands.length === 0) return { type: unit };
      return operands.length === 1 ? operands[0] : { type: c.type, operands };
    }
    default:
      return c;
  }
}
