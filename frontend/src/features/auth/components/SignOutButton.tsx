import { useSignOut } from '../hooks'

export function SignOutButton({ label = 'Log out' }: { label?: string }) {
  const { signOut, isSigningOut } = useSignOut()
  return (
    <button type="button" className="btn btn-link" onClick={() => void signOut()} disabled={isSigningOut}>
      {label}
    </button>
  )
}
