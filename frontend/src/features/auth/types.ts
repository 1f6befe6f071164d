export type Role = 'merchant' | 'admin' | 'customer' | 'owner' | 'manager' | 'staff' | 'support'

export interface User {
  id: number | string
  email: string
  full_name: string
  role: Role
  email_verified?: boolean
  /** Dashboard areas this account may use (staff only): area -> read | write. */
  permissions?: Record<string, 'read' | 'write'>
}

export interface Tokens {
  access: string
  refresh: string
}

export interface AuthResponse extends Tokens {
  user: User
}

export interface Credentials {
  email: string
  password: string
}

export interface SignupRequest extends Credentials {
  full_name?: string
}
