"""One ASGI application: Django for HTTP, Channels for /ws/, both resolving the shop from Host."""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings.base")

from django.core.asgi import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402

from realtime.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": websocket_application})
