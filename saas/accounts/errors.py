"""Error codes of accounts: sign-up, sign-in, sessions, recovery and staff."""
from __future__ import annotations

from enum import StrEnum

from saas.kernel.errors import app_field_codes


class AccountErrorCode(StrEnum):
    EMAIL_TAKEN = "email_taken"
    WEAK_PASSWORD = "weak_password"
    INVALID_CREDENTIALS = "invalid_credentials"
    TOKEN_NOT_VALID = "token_not_valid"
    TOKEN_REUSED = "token_reused"
    TOKEN_WRONG_SHOP = "token_wrong_shop"
    RESET_LINK_INVALID = "reset_link_invalid"
    VERIFICATION_LINK_INVALID = "verification_link_invalid"
    ROLE_FORBIDDEN = "role_forbidden"
    ALREADY_STAFF = "already_staff"
    TOO_MANY_INVITATIONS = "too_many_invitations"
    INVITATION_INVALID = "invitation_invalid"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    INVALID_PATH = "invalid_path"
    SOCIAL_STATE_INVALID = "social_state_invalid"
    ACCOUNT_INACTIVE = "account_inactive"
    EMAIL_MISSING = "email_missing"
    EMAIL_UNVERIFIED = "email_unverified"
    SOCIAL_NOT_ALLOWED = "social_not_allowed"
    HANDBACK_INVALID = "handback_invalid"
    LAST_SIGN_IN_METHOD = "last_sign_in_method"


app_field_codes(AccountErrorCode.EMAIL_TAKEN, AccountErrorCode.WEAK_PASSWORD)
