import { Select } from '@codegouvfr/react-dsfr/Select';
import { userContracts } from '../../../shared/identity/users.contracts.ts';
import { call } from '../../client/call.ts';
import { useSession } from '../../client/session.ts';
import { useAsync } from '../../app/hooks.ts';
import { holdsPermission } from '../../app/permission-guards.tsx';
import { fieldState } from '../../forms/fields.ts';

/**
 * Who holds a new schedule: an administrator (who may list accounts) picks one of the delegates;
 * a delegate holds their own (the server's default), so nothing is shown to them.
 */
export function DelegateSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (userId: string) => void;
  error?: string;
}) {
  const session = useSession();
  const canList = holdsPermission(session, 'users.manage');
  const delegates = useAsync(
    () =>
      canList
        ? call(userContracts.list, { query: { status: 'active' } }).then((list) =>
            list.items.filter((user) => user.roles.some((r) => r.role === 'delegate')),
          )
        : Promise.resolve([]),
    [canList],
  );
  if (!canList) return null;
  return (
    <Select
      label="Délégué qui tient la permanence"
      hint="Son calendrier iCalendar personnel reprend la permanence."
      {...fieldState(error)}
      nativeSelectProps={{ name: 'delegue', value, onChange: (e) => onChange(e.target.value) }}
    >
      <option value="">Moi-même</option>
      {(delegates.data ?? []).map((user) => (
        <option key={user.id} value={user.id}>
          {user.displayName} — {user.roles.find((r) => r.role === 'delegate')?.scopeName}
        </option>
      ))}
    </Select>
  );
}
