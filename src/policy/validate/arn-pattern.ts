// Wildcard reasoning for validation: can a policy ARN (with `*`, `?` and policy variables) name a resource
// of a catalogue type (an ARN template with `${Variables}`), and does one pattern cover another?
// Both are regular languages over characters; the checks below walk both patterns at once.

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits `arn:partition:service:region:account:resource` (the resource part may contain `:`). */
export function splitArn(value: string): ArnParts | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** True when the text contains a policy wildcard or (in 2012-10-17 policies) a policy variable. */
export function hasWildcard(text: string): boolean {
  return /[*?]|\$\{/.test(text);
}

// A token is a literal character, one character from a class, or any run (min 0) from a class;
// a class is "anything except these characters".
type Token = { kind: 'char'; char: string } | { kind: 'one' | 'run'; except: string };

/**
 * Whether a policy ARN can name some resource of the type described by an ARN template such as
 * `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. Fields are compared one by one; in the resource part
 * a template variable is one or more characters, never the delimiter that follows it in the template
 * (`${BucketName}` stops at `/`), and a final variable takes anything except for bucket names.
 */
export function arnCanMatchTemplate(policyArn: ArnParts, template: string): boolean {
  const type = splitArn(template);
  if (!type) return true;
  const field = (policy: string, tmpl: string) => intersects(policyTokens(policy), templateTokens(tmpl));
  return (
    field(policyArn.partition, type.partition) &&
    field(policyArn.service.toLowerCase(), type.service.toLowerCase()) &&
    field(policyArn.region, type.region) &&
    field(policyArn.account, type.account) &&
    field(policyArn.resource, type.resource)
  );
}

/** Whether every string the `specific` glob matches is also matched by `general` (sound, not complete). */
export function globCovers(general: string, specific: string): boolean {
  if (general.length * specific.length > 250_000) return general === specific;
  // reach[j] = general[0..i) can produce exactly specific[0..j) (a specific wildcard only under a general `*`).
  let reach: boolean[] = new Array(specific.length + 1).fill(false);
  reach[0] = true;
  for (const g of general) {
    const next: boolean[] = new Array(specific.length + 1).fill(false);
    if (g === '*') {
      let on = false;
      for (let j = 0; j <= specific.length; j++) {
        on ||= reach[j] === true;
        next[j] = on;
      }
    } else {
      for (let j = 0; j < specific.length; j++) {
        if (!reach[j]) continue;
        const s = specific.charAt(j);
        if (s === '*') continue;
        if (g === '?' ? true : s !== '?' && g === s) next[j + 1] = true;
      }
    }
    reach = next;
  }
  return reach[specific.length] === true;
}

function policyTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '*') tokens.push({ kind: 'run', except: '' });
    else if (char === '?') tokens.push({ kind: 'one', except: '' });
    else if (char === '$' && text.charAt(i + 1) === '{') {
      // A policy variable stands for a value known only at request time: treat it as `*`.
      const close = text.indexOf('}', i);
      if (close < 0) tokens.push({ kind: 'char', char });
      else {
        tokens.push({ kind: 'run', except: '' });
        i = close;
      }
    } else tokens.push({ kind: 'char', char });
  }
  return tokens;
}

function templateTokens(template: string): Token[] {
  const tokens: Token[] = [];
  const variable = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let match = variable.exec(template); match; match = variable.exec(template)) {
    for (const char of template.slice(last, match.index)) tokens.push({ kind: 'char', char });
    last = match.index + match[0].length;
    const following = template.charAt(last);
    const except = following || match[1] === 'BucketName' ? following || '/' : '';
    tokens.push({ kind: 'one', except }, { kind: 'run', except });
  }
  for (const char of template.slice(last)) tokens.push({ kind: 'char', char });
  return tokens;
}

function overlaps(a: Token, b: Token): boolean {
  if (a.kind === 'char' && b.kind === 'char') return a.char === b.char;
  if (a.kind === 'char') return !(b as { except: string }).except.includes(a.char);
  if (b.kind === 'char') return !a.except.includes(b.char);
  return true;
}

/** Whether two token patterns share at least one string: a search over pairs of positions. */
function intersects(a: Token[], b: Token[]): boolean {
  const width = b.length + 1;
  if ((a.length + 1) * width > 4_000_000) return true; // too long to decide cheaply: assume it can
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const visit = (i: number, j: number) => {
    const key = i * width + j;
    if (!seen[key]) {
      seen[key] = 1;
      stack.push(key);
    }
  };
  while (stack.length > 0) {
    const key = stack.pop() as number;
    const i = Math.floor(key / width);
    const j = key % width;
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    if (ta?.kind === 'run') visit(i + 1, j);
    if (tb?.kind === 'run') visit(i, j + 1);
    if (ta && tb && overlaps(ta, tb)) {
      const ni = ta.kind === 'run' ? i : i + 1;
      const nj = tb.kind === 'run' ? j : j + 1;
      if (ni !== i || nj !== j) visit(ni, nj);
    }
  }
  return false;
}
