"""What the Procfile's gunicorn serves: `bot.slack.wsgi:application`."""

from __future__ import annotations

from bot.slack.web import application_from_env

application = application_from_env()
