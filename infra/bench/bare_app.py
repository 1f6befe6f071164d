"""The floor for HTTP figures: a bare Django view returning 2 KB of JSON, no middleware, no
database. Served by the same servers as the project, in the same run."""
import django
from django.conf import settings

settings.configure(DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="bench-only", MIDDLEWARE=[])
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

PAYLOAD = {"items": [{"id": i, "name": f"Product number {i}", "price": "12.50"} for i in range(34)]}


def view(request):
    return JsonResponse(PAYLOAD)


urlpatterns = [path("", view)]
application = get_wsgi_application()
