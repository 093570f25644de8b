/**
 * GitHub Actions expressions for the test runner (tests/support/workflow.ts): the text inside
 * `${{ }}` and `if:`. Literals; contexts with `.name`, `['name']` and `[0]` access; `!`, `==`, `!=`
 * (GitHub's loose equality, strings case-insensitive), `&&`, `||` (returning an operand, as in
 * JavaScript) and parentheses; the status functions `always()`, `success()`, `failure()` and
 * `cancelled()` (nothing is cancelled here), and `fromJSON` / `toJSON` (names case-insensitive, as
 * on GitHub), whose results take property access too. An `if:` without a status function means
 * `success() && (…)`, as on GitHub. A missing property throws, except an unset output (empty, as on
 * GitHub); so does anything else (another function, an operator), so a workflow this runner does
 * not understand fails its test instead of passing.
 */

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

type Node =
  | { type: 'literal'; value: Value }
  | { type: 'context'; name: string; path: string[] }
  | { type: 'call'; name: string; args: Node[]; path: string[] }
  | { type: 'not'; arg: Node }
  | { type: 'binary'; op: '==' | '!=' | '&&' | '||'; left: Node; right: Node };

/** What an expression can read: the contexts, and the status its status functions report. */
export interface Scope {
  contexts: Record<string, unknown>;
  status: { success: boolean; failure: boolean };
}

const STATUS_FUNCTIONS = ['always', 'success', 'failure', 'cancelled'];
/** The other functions, by lower-case name: each takes one argument. */
const VALUE_FUNCTIONS: Record<string, (value: Value) => Value> = {
  fromjson: (value) => {
    if (typeof value !== 'string') throw new Error('fromJSON: expected a string');
    try {
      return JSON.parse(value) as Value;
    } catch (error) {
      throw new Error(`fromJSON: ${(error as Error).message}`);
    }
  },
  // GitHub's toJSON indents by two spaces.
  tojson: (value) => JSON.stringify(value, null, 2),
};
const TOKEN =
  /\s*(?:('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_-]*)|(==|!=|&&|\|\||[!().,[\]]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Error(`expression "${text}": cannot read "${text.slice(start).trim()}"`);
    }
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}

const unquote = (token: string) => token.slice(1, -1).replace(/''/g, "'");

/** Parses one expression (the text inside `${{ }}`). */
export function parseExpression(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`expression "${text.trim()}": ${what}`);
  };
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined) fail('ends too early');
    if (expected !== undefined && token !== expected) fail(`expected ${expected}, got ${token}`);
    return token as string;
  };
  const binary = (ops: string[], next: () => Node) => (): Node => {
    let left = next();
    while (ops.includes(peek() ?? '')) {
      const op = take() as '==' | '!=' | '&&' | '||';
      left = { type: 'binary', op, left, right: next() };
    }
    return left;
  };
  /** `.name`, `['name']` and `[0]` after a context or a call. */
  const properties = (): string[] => {
    const names: string[] = [];
    for (;;) {
      if (peek() === '.') {
        take();
        const name = take();
        if (!/^[A-Za-z_]/.test(name)) fail(`unsupported property ${name}`);
        names.push(name);
      } else if (peek() === '[') {
        take();
        const key = take();
        if (key.startsWith("'")) names.push(unquote(key));
        else if (/^\d+$/.test(key)) names.push(key);
        else fail(`unsupported index ${key}`);
        take(']');
      } else return names;
    }
  };
  const call = (name: string): Node => {
    const lower = name.toLowerCase();
    const arity = STATUS_FUNCTIONS.includes(lower) ? 0 : lower in VALUE_FUNCTIONS ? 1 : -1;
    if (arity < 0) fail(`unsupported function ${name}()`);
    take('(');
    const args: Node[] = [];
    while (peek() !== ')') {
      if (args.length > 0) take(',');
      args.push(or());
    }
    take(')');
    if (args.length !== arity) fail(`${name}() takes ${arity} argument(s), got ${args.length}`);
    return { type: 'call', name: lower, args, path: properties() };
  };
  const primary = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (token === '!') return { type: 'not', arg: primary() };
    if (token.startsWith("'")) return { type: 'literal', value: unquote(token) };
    if (/^-?\d/.test(token)) return { type: 'literal', value: Number(token) };
    if (!/^[A-Za-z_]/.test(token)) return fail(`unexpected ${token}`);
    if (token === 'true' || token === 'false') return { type: 'literal', value: token === 'true' };
    if (token === 'null') return { type: 'literal', value: null };
    if (peek() === '(') return call(token);
    return { type: 'context', name: token, path: properties() };
  };
  const and = binary(['&&'], binary(['==', '!='], primary));
  const or = binary(['||'], and);
  const node = or();
  if (at < tokens.length) fail(`unexpected ${tokens[at]}`);
  return node;
}

function usesStatus(node: Node): boolean {
  switch (node.type) {
    case 'call':
      return STATUS_FUNCTIONS.includes(node.name) || node.args.some(usesStatus);
    case 'not':
      return usesStatus(node.arg);
    case 'binary':
      return usesStatus(node.left) || usesStatus(node.right);
    default:
      return false;
  }
}

function truthy(value: Value): boolean {
  return !(value === false || value === null || value === '' || value === 0 || Number.isNaN(value));
}

function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return NaN;
}

function looseEqual(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b && (typeof a !== 'object' || a === null || b === null)) return a === b;
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  return toNumber(a) === toNumber(b);
}

/** `value`'s property at `path`; `label` names the expression in errors. */
function walk(value: Value, path: string[], label: string): Value {
  let parent = label;
  for (const key of path) {
    const object =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
    if (Array.isArray(value) && /^\d+$/.test(key) && Number(key) < value.length) {
      value = value[Number(key)] as Value;
    } else if (object && key in object) value = object[key] as Value;
    else if (object && parent === 'outputs') value = '';
    else throw new Error(`${[label, ...path].join('.')}: "${key}" is not set`);
    parent = key;
  }
  return value;
}

function evaluateNode(node: Node, scope: Scope): Value {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'context':
      if (!(node.name in scope.contexts)) throw new Error(`unknown context "${node.name}"`);
      return walk(scope.contexts[node.name] as Value, node.path, node.name);
    case 'call': {
      if (node.name === 'always') return true;
      if (node.name === 'cancelled') return false;
      if (node.name === 'success') return scope.status.success;
      if (node.name === 'failure') return scope.status.failure;
      const fn = VALUE_FUNCTIONS[node.name] as (value: Value) => Value;
      const result = fn(evaluateNode(node.args[0] as Node, scope));
      return walk(result, node.path, `${node.name}(…)`);
    }
    case 'not':
      return !truthy(evaluateNode(node.arg, scope));
    case 'binary': {
      const left = evaluateNode(node.left, scope);
      if (node.op === '&&') return truthy(left) ? evaluateNode(node.right, scope) : left;
      if (node.op === '||') return truthy(left) ? left : evaluateNode(node.right, scope);
      const equal = looseEqual(left, evaluateNode(node.right, scope));
      return node.op === '==' ? equal : !equal;
    }
  }
}

/** A value as text in a string: null empty, lists and mappings as JSON. */
export function stringify(value: Value): string {
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A `with:`, `outputs:` or `environment:` value: each `${{ expr }}` replaced by its value. */
export function interpolate(text: string, scope: Scope): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_all, expression: string) =>
    stringify(evaluateNode(parseExpression(expression), scope)),
  );
}

/**
 * A value where any type may stand (`strategy:`): a string that is one `${{ expr }}` becomes the
 * expression's value, with its type (`matrix: ${{ fromJSON(…) }}` a mapping); any other string is
 * interpolated; lists and mappings are evaluated inside.
 */
export function evaluateValue(value: unknown, scope: Scope): Value {
  if (typeof value === 'string') {
    const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(value)?.[1];
    if (whole !== undefined && !whole.includes('${{')) {
      return evaluateNode(parseExpression(whole), scope);
    }
    return interpolate(value, scope);
  }
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, evaluateValue(item, scope)]),
    );
  }
  return value as Value;
}

/** An `if:`: one expression, `${{ }}` optional, `success() && (…)` without a status function. */
export function condition(text: string | boolean | number | undefined, scope: Scope): boolean {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return scope.status.success;
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed);
  const expression = wrapped ? (wrapped[1] as string) : trimmed;
  if (expression.includes('${{')) throw new Error(`if: "${trimmed}": text outside \${{ }}`);
  const node = parseExpression(expression);
  const value = truthy(evaluateNode(node, scope));
  return usesStatus(node) ? value : scope.status.success && value;
}
