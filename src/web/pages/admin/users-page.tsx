import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useState, type FormEvent } from 'react';
import type { UserStatus } from '../../../shared/identity/identity.schemas.ts';
import { userContracts } from '../../../shared/identity/users.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { AppLink } from '../../app/router.tsx';
import { call } from '../../client/call.ts';
import { formatDateTime, RoleList, StatusBadge, statusLabels } from '../../components/identity-display.tsx';
import { plural } from '../../components/territory-display.tsx';
import { AdminBreadcrumb, ErrorMessage, Loading } from '../../components/page-parts.tsx';
import { InviteUserForm } from './invite-user-form.tsx';

interface Filter {
  q: string;
  status: UserStatus | '';
}

/** `/admin/utilisateurs`: the accounts of the administrator's territory, a search, and the invitation form. */
export function UsersPage() {
  useDocumentTitle('Utilisateurs');
  const [draft, setDraft] = useState<Filter>({ q: '', status: '' });
  const [filter, setFilter] = useState<Filter>({ q: '', status: '' });
  const users = useAsync(
    () =>
      call(userContracts.list, { query: { q: filter.q || undefined, status: filter.status || undefined } }).then(
        (list) => list.items,
      ),
    [filter.q, filter.status],
  );

  function search(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setFilter({ q: draft.q.trim(), status: draft.status });
  }

  const rows = (users.data ?? []).map((user) => [
    <AppLink key="name" href={`/admin/utilisateurs/${user.id}`}>
      {user.displayName}
    </AppLink>,
    user.email,
    user.organisation?.name ?? '—',
    <RoleList key="roles" user={user} />,
    <StatusBadge key="status" status={user.status} />,
    formatDateTime(user.lastSignInAt),
  ]);

  return (
    <>
      <AdminBreadcrumb current="Utilisateurs" />
      <h1>Utilisateurs</h1>
      <form role="search" aria-label="Rechercher des utilisateurs" className="psq-filters" onSubmit={search}>
        <Input
          label="Nom ou adresse électronique"
          nativeInputProps={{
            type: 'search',
            name: 'q',
            maxLength: 200,
            value: draft.q,
            onChange: (e) => setDraft({ ...draft, q: e.target.value }),
          }}
        />
        <Select
          label="Statut"
          nativeSelectProps={{
            name: 'status',
            value: draft.status,
            onChange: (e) => setDraft({ ...draft, status: e.target.value as Filter['status'] }),
          }}
        >
          <option value="">Tous les statuts</option>
          {(Object.keys(statusLabels) as UserStatus[]).map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </Select>
        <Button type="submit" iconId="fr-icon-search-line" className="fr-mb-3w">
          Rechercher
        </Button>
      </form>
      <ErrorMessage message={users.error} />
      {users.loading && !users.data ? (
        <Loading />
      ) : (
        users.data && (
          <>
            <p className="fr-text--sm" role="status">
              {users.data.length === 0
                ? 'Aucun utilisateur ne correspond à la recherche.'
                : plural(users.data.length, 'utilisateur')}
            </p>
            {users.data.length > 0 && (
              <Table
                caption="Liste des utilisateurs"
                headers={['Nom', 'Adresse électronique', 'Organisation', 'Rôles', 'Statut', 'Dernière connexion']}
                data={rows}
                bordered
                className="psq-table"
              />
            )}
          </>
        )
      )}
      <InviteUserForm onInvited={users.reload} />
    </>
  );
}
