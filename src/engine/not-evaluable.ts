/** Why the engine cannot evaluate a rule: raised while compiling, reported with the rule, never as "did not fire". */
export class NotEvaluable extends Error {}
