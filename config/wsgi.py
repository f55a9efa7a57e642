import os

from django.core.wsgi import get_wsgi_application

from config.memory import tune_gc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
tune_gc()  # each gunicorn worker imports this module once, the app loaded
