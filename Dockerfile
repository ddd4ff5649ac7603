FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=sdgportal.settings.production \
    SDG_DATA_DIR=/data

WORKDIR /app
COPY . .
RUN pip install --no-cache-dir . \
 && DJANGO_SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    ALLOWED_HOSTS=localhost python manage.py compile_translations \
 && DJANGO_SECRET_KEY="collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
 && useradd --system --home /app portal
USER portal

EXPOSE 8000
# Migrations and reference data are the compose file's one-shot "migrate" service: replicas only serve.
# nginx in front logs each request (deploy/nginx.conf); /dev/shm keeps worker heartbeats off disk.
CMD ["sh", "-c", "exec gunicorn sdgportal.wsgi --bind 0.0.0.0:8000 --workers ${GUNICORN_WORKERS:-2} --worker-tmp-dir /dev/shm"]
