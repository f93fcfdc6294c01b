"""WSGI entry point; production deployments set DJANGO_SETTINGS_MODULE=portal.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()
