"""Every setting entitybot reads, from the environment and an optional `.env` file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv
from platformdirs import user_data_dir

DEFAULT_CSL_URL = (
    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"
)
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_FR_API_URL = "https://www.federalregister.gov/api/v1"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it."""


def default_data_dir() -> Path:
    return Path(user_data_dir("entitybot", appauthor=False))


def _csv_set(raw: str) -> frozenset[str]:
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    csl_url: str = DEFAULT_CSL_URL
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = DEFAULT_SLACK_API_URL
    admin_users: frozenset[str] = field(default_factory=frozenset)
    port: int = 3000
    fr_api_url: str = DEFAULT_FR_API_URL
    download_timeout_seconds: float = 60.0
    # The whole download, every attempt included: a server trickling a byte a second never
    # trips the per-read timeout (bot.sources.DownloadPolicy says why ten minutes).
    download_deadline_seconds: float = 600.0
    # The wait before a failed download is tried again, doubled after each failure.
    download_backoff_seconds: float = 1.0
    max_download_mb: int = 250
    # A gzipped file unpacking to more is refused unread: a gzip bomb (bot.importers.payload
    # says why this much).
    max_unpacked_mb: int = 256
    # A refresh is refused below this many entries (a full CSL has about 26,000) ...
    min_entries: int = 1000
    # ... or when a list would lose more than this share of its entries, unless forced.
    max_shrink: float = 0.20
    keep_versions: int = 3
    refresh_every_seconds: float | None = None
    announce_channel: str = ""
    # Only the admins may change a channel's watchlist (ENTITYBOT_WATCH_ADMINS_ONLY=1).
    watch_admins_only: bool = False
    # Ask the Federal Register API about cites no stored notice covers, after each refresh.
    enrich_from_federal_register: bool = True
    # Answers from data older than this say so, and ask for a refresh.
    stale_after_days: float = 7.0
    # Answer records older than this many days are pruned with each refresh; None keeps all.
    audit_days: int | None = None
    # Record CLI lookups and scans, as --record does.
    audit_cli: bool = False
    # A file shared with the bot to screen: at most this many rows, and this many MB.
    batch_max_rows: int = 10_000
    batch_max_mb: int = 5

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, dotenv: bool = True) -> Settings:
        """Read settings; `.env` in the working directory fills what the environment lacks."""
        if env is None:
            if dotenv:
                load_dotenv(dotenv_path=Path.cwd() / ".env", override=False)
            env = dict(os.environ)
        data_dir = Path(env.get("ENTITYBOT_DATA_DIR") or default_data_dir())
        database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'entitybot.sqlite3'}"
        try:
            port = int(env.get("PORT") or 3000)
        except ValueError as exc:
            raise SettingsError(f"PORT must be a whole number, got {env.get('PORT')!r}") from exc
        try:
            timeout = float(env.get("ENTITYBOT_DOWNLOAD_TIMEOUT") or 60)
        except ValueError as exc:
            raise SettingsError(
                "ENTITYBOT_DOWNLOAD_TIMEOUT must be a number of seconds, "
                f"got {env.get('ENTITYBOT_DOWNLOAD_TIMEOUT')!r}"
            ) from exc
        keep_versions = _whole(env, "ENTITYBOT_KEEP_VERSIONS", 3)
        if keep_versions < 2:
            raise SettingsError(
                "ENTITYBOT_KEEP_VERSIONS must be 2 or more: lookups under way may still read "
                "the version a refresh replaces"
            )
        return cls(
            database_url=normalise_database_url(database_url),
            data_dir=data_dir,
            csl_url=env.get("ENTITYBOT_CSL_URL") or DEFAULT_CSL_URL,
            slack_bot_token=env.get("SLACK_BOT_TOKEN", ""),
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
            slack_app_token=env.get("SLACK_APP_TOKEN", ""),
            slack_api_url=env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL,
            admin_users=_csv_set(env.get("ENTITYBOT_ADMIN_USERS", "")),
            port=port,
            fr_api_url=env.get("ENTITYBOT_FR_API_URL") or DEFAULT_FR_API_URL,
            download_timeout_seconds=timeout,
            download_deadline_seconds=_seconds(env, "ENTITYBOT_DOWNLOAD_DEADLINE", 600.0),
            max_download_mb=_whole(env, "ENTITYBOT_MAX_DOWNLOAD_MB", 250),
            max_unpacked_mb=_whole(env, "ENTITYBOT_MAX_UNPACKED_MB", 256),
            min_entries=_whole(env, "ENTITYBOT_MIN_ENTRIES", 1000),
            max_shrink=_share(env, "ENTITYBOT_MAX_SHRINK", 0.20),
            keep_versions=keep_versions,
            refresh_every_seconds=parse_interval(env.get("ENTITYBOT_REFRESH_EVERY", "")),
            announce_channel=env.get("ENTITYBOT_ANNOUNCE_CHANNEL", "").strip(),
            watch_admins_only=env.get("ENTITYBOT_WATCH_ADMINS_ONLY", "").strip().lower()
            in {"1", "true", "yes", "on"},
            enrich_from_federal_register=env.get("ENTITYBOT_FR_ENRICH", "1").strip().lower()
            not in {"0", "false", "no", "off"},
            stale_after_days=_days(env, "ENTITYBOT_STALE_AFTER", 7.0),
            audit_days=_audit_days(env.get("ENTITYBOT_AUDIT_DAYS", "")),
            audit_cli=env.get("ENTITYBOT_AUDIT_CLI", "").strip().lower()
            in {"1", "true", "yes", "on"},
            batch_max_rows=_whole(env, "ENTITYBOT_BATCH_MAX_ROWS", 10_000),
            batch_max_mb=_whole(env, "ENTITYBOT_BATCH_MAX_MB", 5),
        )


def _whole(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 0:
        raise SettingsError(f"{name} cannot be negative, got {raw!r}")
    return value


def _audit_days(raw: str) -> int | None:
    """ENTITYBOT_AUDIT_DAYS: empty keeps every record (OFAC now asks for ten years)."""
    if not raw.strip():
        return None
    try:
        days = int(raw.strip())
    except ValueError:
        raise SettingsError(
            f"ENTITYBOT_AUDIT_DAYS must be a whole number of days, got {raw!r}"
        ) from None
    if days < 1:
        raise SettingsError(
            f"ENTITYBOT_AUDIT_DAYS must be 1 or more (unset it to keep every record), got {raw!r}"
        )
    return days


def _seconds(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0 < value < float("inf"):
        raise SettingsError(f"{name} must be a number of seconds above 0, got {raw!r}")
    return value


def _share(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    try:
        value = float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1) if raw else default
    except ValueError:
        raise SettingsError(f"{name} must be a share like 0.2 or 20%, got {raw!r}") from None
    if not 0 <= value <= 1:
        raise SettingsError(f"{name} must be between 0 and 1 (or 0% and 100%), got {raw!r}")
    return value


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _days(env: dict[str, str], name: str, default: float) -> float:
    """ "7d", "48h", or a number of days."""
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    number, unit = (raw[:-1], raw[-1]) if raw[-1] in _UNITS else (raw, "d")
    try:
        days = float(number) * _UNITS[unit] / _UNITS["d"]
    except ValueError:
        raise SettingsError(f"{name} must be a duration like 7d or 48h, got {raw!r}") from None
    if days <= 0:
        raise SettingsError(f"{name} must be more than nothing, got {raw!r}")
    return days


def parse_interval(raw: str) -> float | None:
    """ "24h", "30m", "90s", "2d" -> seconds; empty -> None (no scheduled refresh)."""
    text = raw.strip().lower()
    if not text:
        return None
    number, unit = (text[:-1], text[-1]) if text[-1] in _UNITS else (text, "s")
    try:
        seconds = float(number) * _UNITS[unit]
    except ValueError:
        raise SettingsError(
            f"ENTITYBOT_REFRESH_EVERY must be a duration like 24h, 30m or 3600s, got {raw!r}"
        ) from None
    if seconds < 60:
        raise SettingsError("ENTITYBOT_REFRESH_EVERY must be at least a minute")
    return seconds


def normalise_database_url(url: str) -> str:
    """Point bare `postgres://` URLs (as Heroku-style hosts hand them out) at psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check_slack_settings(settings: Settings, *, http: bool) -> None:
    """Raise SettingsError naming the first setting the Slack app needs and lacks.

    `http`: served over HTTP (needs the signing secret), else over Socket Mode (needs the
    app-level token). Token values never appear in a message.
    """
    if not settings.slack_bot_token:
        raise SettingsError(
            "SLACK_BOT_TOKEN is not set: give the app's Bot User OAuth Token (xoxb-...), "
            "from OAuth & Permissions on api.slack.com/apps"
        )
    if not settings.slack_bot_token.startswith("xoxb-"):
        raise SettingsError("SLACK_BOT_TOKEN must be a bot token, which starts with xoxb-")
    if http and not settings.slack_signing_secret:
        raise SettingsError(
            "SLACK_SIGNING_SECRET is not set: give the app's Signing Secret, from Basic "
            "Information on api.slack.com/apps (or set SLACK_APP_TOKEN to use Socket Mode)"
        )
    if not http and not settings.slack_app_token.startswith("xapp-"):
        raise SettingsError(
            "SLACK_APP_TOKEN must be an app-level token, which starts with xapp-, with the "
            "connections:write scope"
        )
