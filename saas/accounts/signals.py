"""What happens to accounts, for other apps to act on (realtime closes the person's sockets)."""
from django.dispatch import Signal

# kwargs: schema_name, user_id. Sent after commit when an account's sessions were all ended
# (sign out everywhere, removed from staff, password reset, deactivated).
sessions_revoked = Signal()
