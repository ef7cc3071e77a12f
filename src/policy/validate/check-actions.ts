import { matchingActions } from './catalogue.js';
import { actionElement, type CheckContext, code, report, valuePath } from './check-context.js';
import { closestName } from './closest-name.js';

// Action values are `*` or `service:action`, the action part possibly with wildcards:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
export function checkActions(ctx: CheckContext): void {
  for (const statement of ctx.doc.statements) {
    const element = actionElement(statement);
    statement.action.values.forEach((action, index) => {
      const path = valuePath(statement, element, index);
      const value = action.value;
      if (value === '*') return;
      const colon = value.indexOf(':');
      if (colon <= 0 || colon === value.length - 1) {
        report(
          ctx,
          'invalid-action-format',
          'ERROR',
          path,
          action.at,
          `action ${code(action)} is not in \`service:action\` form`,
          'write it as `service:Action`, e.g. `s3:GetObject`, or use `*`',
          value,
        );
        return;
      }
      if (value.indexOf(':', colon + 1) >= 0) {
        report(
          ctx,
          'invalid-action-format',
          'ERROR',
          path,
          action.at,
          `action ${code(action)} has more than one \`:\``,
          'write it as `service:Action`',
          value,
        );
        return;
      }
      const service = value.slice(0, colon);
      if (/[*?]/.test(service)) {
        report(
          ctx,
          'wildcard-in-service-name',
          'ERROR',
          path,
          action.at,
          `the service prefix of ${code(action)} contains a wildcard`,
          'name the service exactly, e.g. `s3:*`',
          value,
        );
        return;
      }
      const catalogue = ctx.catalogue;
      if (!catalogue) return;
      const actions = matchingActions(catalogue, value);
      if (!actions) {
        const near = closestName(service, catalogue.services());
        report(
          ctx,
          'invalid-service-in-action',
          'ERROR',
          path,
          action.at,
          `service \`${service}\` in action ${code(action)} does not exist`,
          near ? `did you mean \`${near}:${value.slice(colon + 1)}\`?` : 'check the service prefix',
          value,
        );
        return;
      }
      if (actions.length === 0) {
        const name = value.slice(colon + 1);
        const near = /[*?]/.test(name)
          ? undefined
          : closestName(
              name,
              catalogue.actions(service).map((a) => a.name),
            );
        report(
          ctx,
          'invalid-action',
          'ERROR',
          path,
          action.at,
          /[*?]/.test(name)
            ? `action ${code(action)} matches no ${service.toLowerCase()} action`
            : `action ${code(action)} does not exist`,
          near
            ? `did you mean \`${service.toLowerCase()}:${near}\`?`
            : `check the ${service.toLowerCase()} action name`,
          value,
        );
      }
    });
  }
}
