"""One ASGI application: Django for HTTP, Channels for /ws/, both resolving the shop from Host."""
import os
import warnings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings.base")

from django.core.asgi import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()
# WhiteNoise hands Django's ASGI handler a file iterator; serving it is correct, only slower than
# a WSGI server or a CDN would be, which is how production serves /static/ (see README).
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous iterators")

from channels.routing import ProtocolTypeRouter  # noqa: E402

from realtime.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": websocket_application})
