"""The shared kernel every app may import: errors, base API views, pagination, parsers,
tenancy helpers, domain events, health checks and the single-page app responses. The rest
of `saas/` is the project's wiring (settings, URL confs, ASGI/WSGI, Celery), which no app imports."""
