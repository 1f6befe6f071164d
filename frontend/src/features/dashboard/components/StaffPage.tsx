import { useState, type FormEvent } from 'react'
import { Alert } from '../../../components/Alert'
import { DataTable } from '../../../components/DataTable'
import { SelectField, TextField } from '../../../components/Fields'
import { QueryResults } from '../../../components/Results'
import { EmptyState } from '../../../components/States'
import { formMessage, parseApiError } from '../../../lib/apiError'
import { formatDate } from '../../../lib/format'
import { useFocusAfterRender } from '../../../lib/useFocusAfterRender'
import { useCurrentUser } from '../../auth/hooks'
import type { StaffMember } from '../dashboardApi'
import { useStaffQuery } from '../dashboardApi'
import {
  useChangeStaffRoleMutation,
  useInviteStaffMutation,
  useRemoveStaffMutation,
  useRevokeInvitationMutation,
  useStaffInvitationsQuery,
  type InvitableRole,
} from '../staffApi'

const roleLabels: Record<string, string> = { owner: 'Owner', manager: 'Manager', staff: 'Staff', support: 'Support' }
const roleHelp: Record<InvitableRole, string> = {
  manager: 'everything but billing and API keys, and can manage staff and support',
  staff: 'products, orders and the support inbox',
  support: 'sees orders and customers, answers the support inbox',
}

/** The roles `actor` may hand out: the owner any but owner, a manager staff and support. */
function grantable(actorRole: string | undefined): InvitableRole[] {
  if (actorRole === 'owner') return ['manager', 'staff', 'support']
  if (actorRole === 'manager') return ['staff', 'support']
  return []
}

export function StaffPage() {
  const user = useCurrentUser()
  const result = useStaffQuery()
  const roles = grantable(user?.role)

  return (
    <section aria-labelledby="staff-title" className="page-stack">
      <h1 id="staff-title">Staff</h1>
      <QueryResults
        result={result}
        loadingLabel="Loading staff…"
        isEmpty={(data) => data.results.length === 0}
        empty={<EmptyState title="No staff yet" />}
      >
        {(data) => (
          <DataTable
            label="Staff members"
            rows={data.results}
            columns={[
              { header: 'Name', rowHeader: true, cell: (member) => member.full_name || '—' },
              { header: 'Email', className: 'cell-wrap', cell: (member) => member.email },
              {
                header: 'Role',
                cell: (member) =>
                  roles.includes(member.role as InvitableRole) && member.id !== user?.id ? (
                    <RoleSelect member={member} roles={roles} />
                  ) : (
                    roleLabels[member.role] ?? member.role
                  ),
              },
              { header: 'Joined', cell: (member) => formatDate(member.date_joined) },
              {
                header: 'Actions',
                cell: (member) =>
                  roles.includes(member.role as InvitableRole) && member.id !== user?.id ? (
                    <RemoveButton member={member} />
                  ) : null,
              },
            ]}
          />
        )}
      </QueryResults>
      {roles.length > 0 && (
        <>
          <InviteForm roles={roles} />
          <Invitations />
        </>
      )}
    </section>
  )
}

function RoleSelect({ member, roles }: { member: StaffMember; roles: InvitableRole[] }) {
  const [change, { isLoading, error }] = useChangeStaffRoleMutation()
  return (
    <>
      <label className="visually-hidden" htmlFor={`role-${member.id}`}>
        Role of {member.email}
      </label>
      <select
        id={`role-${member.id}`}
        value={member.role}
        disabled={isLoading}
        onChange={(e) => change({ id: member.id, role: e.target.value as InvitableRole }).catch(() => undefined)}
      >
        {roles.map((role) => (
          <option key={role} value={role}>
            {roleLabels[role]}
          </option>
        ))}
      </select>
      {error && <span role="alert" className="field-errors">{parseApiError(error).message}</span>}
    </>
  )
}

function RemoveButton({ member }: { member: StaffMember }) {
  const [remove, { isLoading, error }] = useRemoveStaffMutation()
  const [confirming, setConfirming] = useState(false)
  const [confirmRef, focusConfirm] = useFocusAfterRender<HTMLButtonElement>()
  if (!confirming) {
    return (
      <button
        type="button"
        className="btn btn-secondary btn-small"
        onClick={() => {
          setConfirming(true)
          focusConfirm()
        }}
      >
        Remove<span className="visually-hidden"> {member.email}</span>
      </button>
    )
  }
  return (
    <span role="group" aria-label={`Confirm removing ${member.email}`} className="actions">
      <button
        type="button"
        className="btn btn-danger btn-small"
        ref={confirmRef}
        disabled={isLoading}
        onClick={() => remove(member.id).catch(() => undefined)}
      >
        {isLoading ? 'Removing…' : 'Yes, remove'}
      </button>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(false)}>
        Keep
      </button>
      {error && <span role="alert">{parseApiError(error).message}</span>}
    </span>
  )
}

function InviteForm({ roles }: { roles: InvitableRole[] }) {
  const [invite, { isLoading, error, data, reset }] = useInviteStaffMutation()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<InvitableRole>(roles.includes('staff') ? 'staff' : roles[0])
  const apiError = error ? parseApiError(error) : null

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    try {
      await invite({ email: email.trim(), role }).unwrap()
      setEmail('')
    } catch {
      // Shown from the mutation state.
    }
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="invite-title" aria-busy={isLoading}>
      <h2 id="invite-title">Invite someone</h2>
      <p className="muted">They get an e-mail with a link to choose a password; the link works for 7 days.</p>
      {apiError && (
        <Alert>
          <p>{formMessage(apiError, ['email', 'role'])}</p>
        </Alert>
      )}
      {data && !apiError && (
        <Alert tone="success">
          <p>
            Invitation sent to {data.email}.{' '}
            <button type="button" className="btn-link" onClick={reset}>
              Dismiss
            </button>
          </p>
        </Alert>
      )}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={apiError?.fields.email}
      />
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(e) => setRole(e.target.value as InvitableRole)}
        errors={apiError?.fields.role}
        hint={roleHelp[role]}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleLabels[r]}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="btn btn-primary" disabled={isLoading}>
        {isLoading ? 'Sending…' : 'Send invitation'}
      </button>
    </form>
  )
}

function Invitations() {
  const result = useStaffInvitationsQuery()
  const [revoke, revokeState] = useRevokeInvitationMutation()
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Open invitations</h2>
      <QueryResults
        result={result}
        loadingLabel="Loading invitations…"
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title="No open invitations" />}
      >
        {(data) => (
          <DataTable
            label="Open invitations"
            rows={data}
            columns={[
              { header: 'Email', rowHeader: true, className: 'cell-wrap', cell: (inv) => inv.email },
              { header: 'Role', cell: (inv) => roleLabels[inv.role] ?? inv.role },
              { header: 'State', cell: (inv) => (inv.state === 'expired' ? 'Expired' : 'Waiting') },
              { header: 'Expires', cell: (inv) => formatDate(inv.expires_at) },
              {
                header: 'Actions',
                cell: (inv) => (
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    disabled={revokeState.isLoading}
                    onClick={() => revoke(inv.id).catch(() => undefined)}
                  >
                    Revoke<span className="visually-hidden"> the invitation of {inv.email}</span>
                  </button>
                ),
              },
            ]}
          />
        )}
      </QueryResults>
      {revokeState.error && (
        <Alert>
          <p>{parseApiError(revokeState.error).message}</p>
        </Alert>
      )}
    </section>
  )
}
