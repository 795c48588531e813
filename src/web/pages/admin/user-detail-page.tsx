import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useCallback, useState, type FormEvent } from 'react';
import { ROLE_LABELS, type User } from '../../../shared/identity/identity.schemas.ts';
import { userContracts } from '../../../shared/identity/users.contracts.ts';
import { useAsync, useDocumentTitle } from '../../app/hooks.ts';
import { call } from '../../client/call.ts';
import { formatDateTime, scopeTypeLabels, StatusBadge } from '../../components/identity-display.tsx';
import { AdminBreadcrumb, ConfirmButton, ErrorMessage, Loading, SuccessMessage } from '../../components/page-parts.tsx';
import { useForm } from '../../forms/use-form.ts';
import {
  draftToAssignment,
  emptyRoleDraft,
  RoleScopeFields,
  type RoleDraft,
} from '../../components/role-scope-fields.tsx';

const usersCrumb = [{ label: 'Utilisateurs', href: '/admin/utilisateurs' }];

/** `/admin/utilisateurs/:id`: status (suspend / re-enable), roles (add / remove), invitation (resend). */
export function UserDetailPage({ userId }: { userId: string }) {
  const loaded = useAsync(() => call(userContracts.get, { params: { id: userId } }), [userId]);
  const [updated, setUpdated] = useState<User | null>(null);
  const user = updated ?? loaded.data;
  const action = useForm();
  useDocumentTitle(user ? `${user.displayName} — Utilisateurs` : 'Utilisateur');

  /** Runs an action answering the updated user (or nothing: then reloads it). */
  function run(work: () => Promise<User | null>, success: string): Promise<boolean> {
    return action.send(async () => {
      const result = await work();
      if (result) setUpdated(result);
      else {
        setUpdated(null);
        loaded.reload();
      }
    }, success);
  }

  if (!user) {
    return (
      <>
        <AdminBreadcrumb current="Utilisateur" parents={usersCrumb} />
        <h1>Utilisateur</h1>
        <ErrorMessage message={loaded.error} />
        {loaded.loading && <Loading />}
      </>
    );
  }

  const rows = user.roles.map((assignment) => [
    ROLE_LABELS[assignment.role],
    scopeTypeLabels[assignment.scopeType],
    assignment.scopeName,
    <ConfirmButton
      key="remove"
      size="small"
      label="Retirer"
      accessibleLabel={`Retirer le rôle ${ROLE_LABELS[assignment.role]} (${assignment.scopeName})`}
      confirmLabel="Confirmer le retrait"
      iconId="fr-icon-delete-line"
      danger
      onConfirm={() =>
        run(
          () => call(userContracts.removeRole, { params: { id: user.id, assignmentId: assignment.id } }),
          `Le rôle « ${ROLE_LABELS[assignment.role]} » (${assignment.scopeName}) a été retiré.`,
        )
      }
    />,
  ]);

  return (
    <>
      <AdminBreadcrumb current={user.displayName} parents={usersCrumb} />
      <h1>{user.displayName}</h1>
      <ErrorMessage message={action.general} />
      <SuccessMessage message={action.success} />
      <dl className="psq-facts">
        <dt>Adresse électronique</dt>
        <dd>{user.email}</dd>
        <dt>Organisation</dt>
        <dd>{user.organisation?.name ?? 'Aucune'}</dd>
        <dt>Statut</dt>
        <dd>
          <StatusBadge status={user.status} />
        </dd>
        <dt>Double authentification</dt>
        <dd>{user.mfaEnabled ? 'Activée' : 'Non activée'}</dd>
        <dt>Dernière connexion</dt>
        <dd>{formatDateTime(user.lastSignInAt)}</dd>
      </dl>

      <h2 className="fr-h4">Compte</h2>
      <div className="psq-actions fr-mb-4w">
        {user.status === 'active' && (
          <ConfirmButton
            label="Suspendre le compte"
            confirmLabel="Confirmer la suspension"
            iconId="fr-icon-lock-line"
            danger
            onConfirm={() =>
              run(
                () => call(userContracts.update, { params: { id: user.id }, body: { status: 'suspended' } }),
                `Le compte de ${user.displayName} est suspendu : ses sessions sont fermées.`,
              )
            }
          />
        )}
        {user.status === 'suspended' && (
          <ConfirmButton
            label="Réactiver le compte"
            confirmLabel="Confirmer la réactivation"
            iconId="fr-icon-check-line"
            onConfirm={() =>
              run(
                () => call(userContracts.update, { params: { id: user.id }, body: { status: 'active' } }),
                `Le compte de ${user.displayName} est réactivé.`,
              )
            }
          />
        )}
        {user.status === 'invited' && (
          <Button
            priority="secondary"
            iconId="fr-icon-refresh-line"
            disabled={action.busy}
            onClick={() =>
              void run(
                () => call(userContracts.resendInvitation, { params: { id: user.id } }),
                `Une nouvelle invitation a été envoyée à ${user.email}.`,
              )
            }
          >
            Renvoyer l’invitation
          </Button>
        )}
      </div>

      <h2 className="fr-h4">Rôles</h2>
      {rows.length === 0 ? (
        <p>Aucun rôle : ce compte n’a accès à rien.</p>
      ) : (
        <Table
          caption={`Rôles de ${user.displayName}`}
          noCaption
          headers={['Rôle', 'Type de territoire', 'Territoire', 'Action']}
          data={rows}
          bordered
          className="psq-table"
        />
      )}
      <AddRoleForm
        busy={action.busy}
        onAdd={(assignment) =>
          run(
            () => call(userContracts.addRole, { params: { id: user.id }, body: assignment }),
            `Le rôle « ${ROLE_LABELS[assignment.role]} » a été ajouté.`,
          )
        }
      />
    </>
  );
}

function AddRoleForm({
  busy,
  onAdd,
}: {
  busy: boolean;
  onAdd: (assignment: Exclude<ReturnType<typeof draftToAssignment>, string>) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<RoleDraft>(emptyRoleDraft);
  // The sending itself is the page's (its busy, its messages): this form only checks the draft.
  const form = useForm();
  const onDraftChange = useCallback((next: RoleDraft) => setDraft(next), []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const assignment = draftToAssignment(draft);
    if (typeof assignment === 'string') return form.setGeneral(assignment);
    form.clear();
    if (await onAdd(assignment)) setDraft({ ...emptyRoleDraft, departmentId: draft.departmentId });
  }

  return (
    <form
      className="psq-form fr-mt-4w"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="ajout-role-titre"
    >
      <h3 id="ajout-role-titre" className="fr-h5">
        Ajouter un rôle
      </h3>
      <ErrorMessage message={form.general} />
      <RoleScopeFields value={draft} onChange={onDraftChange} />
      <Button type="submit" iconId="fr-icon-add-line" disabled={busy}>
        Ajouter le rôle
      </Button>
    </form>
  );
}
