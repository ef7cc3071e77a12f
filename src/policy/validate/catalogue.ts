// The catalogue of AWS actions, resource types and condition keys that validation checks names against
// (the Service Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/).
// Pure types and helpers: the loader that reads the data lives outside src/policy.

export interface CatalogueResourceRef {
  /** Resource type key within the service, e.g. `object`. */
  name: string;
  required: boolean;
}

export interface CatalogueAction {
  /** Service prefix, lower-case: `s3`. */
  service: string;
  /** As AWS spells it: `GetObject`. */
  name: string;
  /** Empty when the action supports only `"Resource": "*"`. */
  resourceTypes: readonly CatalogueResourceRef[];
  conditionKeys: readonly string[];
}

export interface CatalogueResourceType {
  service: string;
  key: string;
  /** ARN template: `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arn: string;
  conditionKeys: readonly string[];
}

export interface CatalogueConditionKey {
  /** As the catalogue spells it; tag keys keep their template: `aws:PrincipalTag/${TagKey}`. */
  key: string;
  /** `String`, `ARN`, `Bool`, `Date`, `Numeric`, `IPAddress`, `ArrayOfString`, … */
  type: string;
}

export interface Catalogue {
  hasService(service: string): boolean;
  /** Every service prefix, lower-case. */
  services(): readonly string[];
  /** Empty for an unknown service. */
  actions(service: string): readonly CatalogueAction[];
  /** Case-insensitive on both parts. */
  action(service: string, name: string): CatalogueAction | undefined;
  resourceTypes(service: string): readonly CatalogueResourceType[];
  resourceType(service: string, key: string): CatalogueResourceType | undefined;
  /** A global (`aws:…`) or service key, case-insensitive; tag-style suffixes (`aws:PrincipalTag/team`) resolve to their template. */
  conditionKey(name: string): CatalogueConditionKey | undefined;
}

/** The actions an action pattern (`s3:Get*`, `s3:GetObject`) names; undefined when the pattern is not `service:name` or the service is unknown. */
export function matchingActions(
  catalogue: Catalogue,
  pattern: string,
): readonly CatalogueAction[] | undefined {
  const colon = pattern.indexOf(':');
  if (colon <= 0) return undefined;
  const service = pattern.slice(0, colon).toLowerCase();
  if (!catalogue.hasService(service)) return undefined;
  const name = pattern.slice(colon + 1);
  if (!/[*?]/.test(name)) {
    const one = catalogue.action(service, name);
    return one ? [one] : [];
  }
  const regex = globToRegExp(name);
  return catalogue.actions(service).filter((a) => regex.test(a.name));
}

/** An IAM glob (`*` any run, `?` one character) as a case-insensitive anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}
